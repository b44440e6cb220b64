import { detectForOrganization } from "./detection.server";
import { refreshSavings } from "./savings.server";

/** "Check now" on the page: detection and savings brought up to date without waiting for their jobs. */
export async function refreshIntelligence(organizationId: string) {
  const detection = await detectForOrganization(organizationId);
  const savings = await refreshSavings(organizationId);
  return { detection, savings };
}
