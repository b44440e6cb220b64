import { randomUUID } from "node:crypto";
import { prisma } from "~/db/client.server";
import type { Tier } from "~/generated/prisma/enums";
import { liveblocks } from "~/rooms/liveblocks.server";
import { createDocument } from "~/kinds/documents.server";
import { CATALOG } from "../../prisma/demo/catalog";
import { catalogApiCreateInput } from "../../prisma/demo/catalog/create-input";
import { createUser, createWorkspaceWith } from "./factories";
import { eventually } from "./wait";

/** Test data for the AI playground: catalog APIs, an organisation of a tier, an AI chat. */
export async function ensureCatalogApi(slug: string) {
  const existing = await prisma.api.findUnique({ where: { slug }, include: { plans: true } });
  if (existing) return existing;
  const api = CATALOG.find((a) => a.slug === slug);
  if (!api) throw new Error(`no demo API ${slug}`);
  return prisma.api.create({
    data: catalogApiCreateInput(api),
    include: { plans: true },
  });
}

export async function aiChatSetup(
  tier: Tier = "PRO",
  extraMembers: { name: string; role: "MEMBER" | "VIEWER" }[] = [],
) {
  const owner = await createUser("Asker");
  const others = await Promise.all(extraMembers.map((m) => createUser(m.name)));
  const workspace = await createWorkspaceWith([
    { userId: owner.id, role: "OWNER" },
    ...others.map((u, i) => ({ userId: u.id, role: extraMembers[i]!.role })),
  ]);
  await prisma.organization.update({ where: { id: workspace.organizationId }, data: { tier } });
  const document = await createDocument({
    workspaceId: workspace.id,
    kind: "AI",
    title: `Chat ${randomUUID().slice(0, 6)}`,
    createdById: owner.id,
  });
  return { owner, others, workspace, document };
}

/** The room's storage as the REST API returns it (what every participant's client loads). */
export async function roomStorage(roomId: string) {
  return (await liveblocks().getStorageDocument(roomId, "json")) as {
    messages?: {
      id: string;
      role: string;
      status: string;
      content: string;
      chunks: string[];
      failure: string | null;
      usage: { inputTokens: number; outputTokens: number; costUsd: number; model: string } | null;
    }[];
  };
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  label = "condition",
): Promise<T> {
  return eventually(check, { timeout: timeoutMs, interval: 50, label });
}

/** Waits until every answer of the thread has finished (complete or error) in PostgreSQL. */
export function answersSettled(documentId: string, count: number) {
  return waitFor(
    async () => {
      const answers = await prisma.aiMessage.findMany({
        where: { documentId, role: "ASSISTANT" },
        orderBy: { createdAt: "asc" },
      });
      return answers.length >= count && answers.every((a) => a.status !== "STREAMING") ? answers : null;
    },
    30_000,
    "answers to finish",
  );
}
