import type { RoomKind } from "~/rooms/kind";
import type { AiRoomData } from "./page.server";
import { aiStorageSchema, initialAiStorage, type AiRoomStorage } from "./storage";

/** An AI chat: a thread the whole room watches Claude answer (app/ai). */
export const aiKind: RoomKind<AiRoomStorage, AiRoomData> = {
  kind: "AI",
  copy: { label: "AI chat", plural: "AI chats", blurb: "Ask Claude to write, explain or debug API code.", icon: "✦" },
  shell: { cursors: true, history: true },
  storageSchema: aiStorageSchema,
  initialStorage: initialAiStorage,
  loadBody: () => import("./Body"),
};
