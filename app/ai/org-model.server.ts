import { z } from "zod";
import { prisma } from "~/db/client.server";
import { isModelId, MODELS } from "./model-settings";

export const ModelChoiceSchema = z.object({
  model: z.string({ error: "Choose a model." }).refine(isModelId, "Choose a model from the list."),
});

/**
 * Sets the Claude model for the whole organisation. Only the organisation's owners and
 * admins may: a workspace admin of one workspace does not decide for all of them.
 */
export async function setOrganizationModel(userId: string, organizationId: string, model: string) {
  const membership = await prisma.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true },
  });
  if (membership?.role !== "OWNER" && membership?.role !== "ADMIN") {
    return { ok: false as const, message: "Only the organisation's owners and admins can choose its AI model." };
  }
  if (!isModelId(model)) return { ok: false as const, message: "Choose a model from the list." };
  await prisma.organization.update({ where: { id: organizationId }, data: { aiModel: model } });
  return { ok: true as const, model: MODELS[model] };
}
