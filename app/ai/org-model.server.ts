import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { prisma } from "~/db/client.server";
import { isModelId, MODELS } from "./model-settings";

export const ModelChoiceSchema = z.object({
  model: z.string({ error: "Choose a model." }).refine(isModelId, "Choose a model from the list."),
});

/**
 * Sets the Claude model for the whole organisation. Only the organisation's owners and
 * admins may: a workspace admin of one workspace does not decide for all of them.
 */
export async function setOrganizationModel(userId: string, organizationId: string, model: string, audit: AuditOrigin) {
  const membership = await prisma.orgMembership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true, organization: { select: { name: true, aiModel: true } } },
  });
  if (membership?.role !== "OWNER" && membership?.role !== "ADMIN") {
    return { ok: false as const, message: "Only the organisation's owners and admins can choose its AI model." };
  }
  if (!isModelId(model)) return { ok: false as const, message: "Choose a model from the list." };
  await prisma.$transaction(async (tx) => {
    await tx.organization.update({ where: { id: organizationId }, data: { aiModel: model } });
    await recordAudit(
      {
        ...audit,
        organizationId,
        action: "organization.ai_model_changed",
        target: { type: "organization", id: organizationId, label: membership.organization.name },
        before: { model: membership.organization.aiModel },
        after: { model },
      },
      tx,
    );
  });
  return { ok: true as const, model: MODELS[model] };
}
