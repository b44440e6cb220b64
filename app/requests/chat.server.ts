import { z } from "zod";
import type { DocumentAccess } from "~/auth/authorize.server";
import { prisma } from "~/db/client.server";
import { appendChat, chatEntryOf } from "./room-writes.server";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";

/**
 * Session chat goes through the server: the author is the signed-in person (a client
 * writing into the room could claim any name), PostgreSQL keeps every message, and the
 * room gets a copy so everyone sees it live.
 */
export const ChatInput = z.object({
  text: z
    .string({ error: "Write a message." })
    .trim()
    .min(1, "Write a message.")
    .max(2000, "Keep messages under 2000 characters."),
});
export const CHAT_LIMIT = { limit: 30, windowSeconds: 60 };

export async function postChatMessage(access: DocumentAccess, text: string) {
  const limited = await consumeRateLimit(`chat:user:${access.user.id}`, CHAT_LIMIT);
  if (!limited.allowed)
    return { ok: false as const, status: 429, message: "You are sending messages very fast. Wait a few seconds." };
  const message = await prisma.chatMessage.create({
    data: { documentId: access.document.id, authorId: access.user.id, authorName: access.user.name, text },
  });
  const entry = chatEntryOf(message);
  await appendChat(access.document.roomId, entry);
  return { ok: true as const, message: entry };
}
