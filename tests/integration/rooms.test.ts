import { describe, expect, it } from "vitest";
import { prisma } from "~/db/client.server";
import { liveblocks } from "~/rooms/liveblocks.server";
import { createDocument, ensureDocumentRoom } from "~/kinds/documents.server";
import { createUser, createWorkspaceWith } from "../support/factories";

describe("rooms on the real sync engine", () => {
  it.each(["REQUEST", "AI", "CANVAS", "APPROVALS"] as const)(
    "creates a %s document's room with its initial storage before anyone joins",
    async (kind) => {
      const user = await createUser();
      const workspace = await createWorkspaceWith([{ userId: user.id, role: "OWNER" }]);
      const document = await createDocument({
        workspaceId: workspace.id,
        kind,
        title: `A ${kind}`,
        createdById: user.id,
      });

      expect(document.roomId).toBe(`ws_${workspace.id}:${kind.toLowerCase()}:${document.id}`);
      const room = await liveblocks().getRoom(document.roomId);
      expect(room.metadata).toMatchObject({ workspaceId: workspace.id, documentId: document.id, kind });
      const storage = await liveblocks().getStorageDocument(document.roomId, "json");
      if (kind === "REQUEST") {
        expect(storage).toMatchObject({
          kind,
          request: { method: "GET", url: "", query: [], headers: [] },
          response: { current: null },
          history: [],
          chat: [],
        });
        expect(storage.environments).toEqual([expect.objectContaining({ name: "Default", variables: [] })]);
      } else if (kind === "CANVAS") {
        expect(storage).toEqual({ kind, records: {}, threads: {} });
      } else {
        expect(storage).toMatchObject({ kind, scratchpad: { text: "" } });
      }
    },
  );

  it("heals a room that the sync engine lost, and tolerates concurrent callers", async () => {
    const user = await createUser();
    const workspace = await createWorkspaceWith([{ userId: user.id, role: "OWNER" }]);
    const document = await createDocument({
      workspaceId: workspace.id,
      kind: "AI",
      title: "Lost",
      createdById: user.id,
    });
    await liveblocks().deleteRoom(document.roomId);

    await Promise.all([ensureDocumentRoom(document), ensureDocumentRoom(document), ensureDocumentRoom(document)]);
    expect(await liveblocks().getStorageDocument(document.roomId, "json")).toMatchObject({
      kind: "AI",
      scratchpad: { text: "" },
    });
  });

  it("keeps storage that already exists", async () => {
    const user = await createUser();
    const workspace = await createWorkspaceWith([{ userId: user.id, role: "OWNER" }]);
    const document = await createDocument({
      workspaceId: workspace.id,
      kind: "REQUEST",
      title: "Kept",
      createdById: user.id,
    });
    await liveblocks().mutateStorage(document.roomId, ({ root }) => {
      root.get("request")?.set("url", "https://api.stripe.com/v1/charges");
    });
    await ensureDocumentRoom(document);
    expect(await liveblocks().getStorageDocument(document.roomId, "json")).toMatchObject({
      request: { url: "https://api.stripe.com/v1/charges" },
    });
    expect(await prisma.document.count({ where: { id: document.id } })).toBe(1);
  });
});
