import { describe, expect, it } from "vitest";
import { parseRoomId, roomIdFor } from "~/rooms/room-id";

const ws = "0b7c2f0e-8a4e-4d3b-9a51-2f1c9d7e6a10";
const doc = "5d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6";

describe("room ids", () => {
  it("derives the room id from the workspace, the kind and the document", () => {
    expect(roomIdFor(ws, "CANVAS", doc)).toBe(`ws_${ws}:canvas:${doc}`);
  });

  it.each(["REQUEST", "AI", "CANVAS", "APPROVALS"] as const)("parses back what it derives (%s)", (kind) => {
    expect(parseRoomId(roomIdFor(ws, kind, doc))).toEqual({ workspaceId: ws, kind, documentId: doc });
  });

  it.each([
    "",
    "ws_:request:",
    `ws_${ws}:request`,
    `ws_${ws}:spreadsheet:${doc}`,
    `ws_${ws}:REQUEST:${doc}`,
    `ws_${ws}:request:${doc}:extra`,
    `xx_${ws}:request:${doc}`,
    `ws_${ws}:request:../${doc}`,
    `ws_${ws}:request:${doc.toUpperCase()}`,
  ])("refuses %j", (roomId) => {
    expect(parseRoomId(roomId)).toBeNull();
  });
});
