import type { SessionUser } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { listCatalogApis } from "~/catalog/catalog.server";
import { prisma } from "~/db/client.server";
import type { Document, Role } from "~/generated/prisma/client";
import { aiEnabled } from "~/ai/claude.server";
import { MODELS, MODEL_IDS, modelFor } from "~/ai/model-settings";
import { quotaSummary } from "~/ai/quota.server";
import { endAbandonedAnswers } from "~/ai/threads.server";

/** What an AI chat page needs besides its room: the catalog, the model, the quota meter. */
export async function aiRoomData(input: {
  user: SessionUser;
  organizationId: string;
  role: Role;
  document: Pick<Document, "id" | "roomId">;
}) {
  await endAbandonedAnswers(input.document);
  const [organization, apis, orgRole] = await Promise.all([
    prisma.organization.findUniqueOrThrow({
      where: { id: input.organizationId },
      select: { tier: true, aiModel: true },
    }),
    listCatalogApis(),
    prisma.orgMembership.findUnique({
      where: { organizationId_userId: { organizationId: input.organizationId, userId: input.user.id } },
      select: { role: true },
    }),
  ]);
  const model = modelFor(organization.aiModel);
  return {
    aiEnabled: aiEnabled(),
    canAsk: can(input.role, "write"),
    model: { id: model.id, label: model.label },
    models: MODEL_IDS.map((id) => ({
      id,
      label: MODELS[id].label,
      inputPerMillion: MODELS[id].inputPerMillion,
      outputPerMillion: MODELS[id].outputPerMillion,
    })),
    canChooseModel: orgRole?.role === "OWNER" || orgRole?.role === "ADMIN",
    apis: apis.map((api) => ({ slug: api.slug, name: api.name })),
    quota: await quotaSummary(input.user.id, input.organizationId, organization.tier),
  };
}

export type AiRoomData = Awaited<ReturnType<typeof aiRoomData>>;
