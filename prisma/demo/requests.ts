/**
 * The demo request rooms open with their request already built, imported from the catalog
 * operation their title names (the same import a person runs from the builder), so a
 * newcomer sees a real request to send, not an empty GET.
 */
export const DEMO_REQUESTS: Record<string, { api: string; operationId: string }> = {
  "Create a Stripe PaymentIntent": { api: "stripe", operationId: "createPaymentIntent" },
  "Send an SMS with Twilio": { api: "twilio", operationId: "createMessage" },
};

export async function seedDemoRequest(document: { roomId: string; title: string }) {
  const source = DEMO_REQUESTS[document.title];
  if (!source) return;
  const Y = await import("yjs");
  const { importRequest } = await import("../../app/requests/import-export.server");
  const { writeDraft } = await import("../../app/requests/ui/draft-storage");
  const { liveblocks } = await import("../../app/rooms/liveblocks.server");
  const imported = await importRequest({ source: "catalog", ...source });
  if (!imported.ok) throw new Error(`demo request "${document.title}": ${imported.message}`);
  // The body is the room's Y.Text "body" (what the editor binds to); the rest is storage.
  const doc = new Y.Doc();
  const body = doc.getText("body");
  await liveblocks().mutateStorage(document.roomId, ({ root }) => writeDraft(root as never, body, imported.draft));
  await liveblocks().sendYjsBinaryUpdate(document.roomId, Y.encodeStateAsUpdate(doc));
}
