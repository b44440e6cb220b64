import { randomUUID } from "node:crypto";
import { LiveList } from "@liveblocks/node";
import { getCatalogApi } from "~/catalog/catalog.server";
import type { LanguageId } from "~/codegen/languages";
import { prisma } from "~/db/client.server";
import type { AiMessage, Document } from "~/generated/prisma/client";
import { consumeRateLimit } from "~/rate-limit/rate-limit.server";
import type { AskInput } from "./ask.server";
import { aiEnabled } from "./claude.server";
import { startGeneration, type GenerationOptions } from "./generation.server";
import { groundingFor, type GroundingApi } from "./grounding";
import { keyPlaceholderFor } from "./key-placeholder.server";
import { modelFor } from "./model-settings";
import { conversation, systemPrompt, type Turn } from "./prompts";
import { refundGeneration, releaseQuota, reserveQuota } from "./quota.server";
import { addMessagesToRoom, toLive, writeFinalMessage, type MessageSnapshot } from "./room-writer.server";
import { specAnswer } from "./spec-answer.server";

/**
 * Asking the playground: checks and reserves the quota, records the question and an
 * empty answer in PostgreSQL, and starts the answer on the server. Returns as soon as
 * that is done; the answer streams into the room for everyone.
 */
export type AskResult =
  { ok: true; messageId: string; aiOff: boolean } | { ok: false; status: 400 | 429; message: string; resetAt?: string };

type Asker = { id: string; name: string };

/** How many earlier messages of a thread are read for the next turn (the char budget trims further). */
const HISTORY_MESSAGES = 40;

export async function askQuestion(
  input: { user: Asker; organizationId: string; document: Pick<Document, "id" | "kind" | "roomId"> } & {
    question: AskInput;
  },
  options: GenerationOptions = {},
): Promise<AskResult> {
  const { user, organizationId, document, question } = input;
  if (document.kind !== "AI") return { ok: false, status: 400, message: "Only AI chats answer questions." };
  const [api, envVarName, organization] = await Promise.all([
    question.apiSlug ? getCatalogApi(question.apiSlug) : null,
    question.apiSlug ? keyPlaceholderFor(organizationId, question.apiSlug) : null,
    prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { tier: true, aiModel: true } }),
  ]);
  if (question.apiSlug && !api)
    return { ok: false, status: 400, message: "That API is not in the catalog. Choose one from the list." };
  const language = question.language as LanguageId;
  const groundingApi: GroundingApi | null = api
    ? { name: api.name, slug: api.slug, baseUrl: api.baseUrl, document: api.document, operations: api.operations }
    : null;
  const questionText = [question.prompt, question.code ?? "", question.errorText ?? ""].join("\n");

  if (!aiEnabled())
    return answerFromSpec({ user, document, question, language, api: groundingApi, envVarName, questionText });

  const model = modelFor(organization.aiModel);
  const now = new Date();
  // The quota unit first, in one statement, so its row lock is held for a moment only
  // (200 requests at once queue on it without tying up the connection pool); then the
  // question, the empty answer and the usage record together, or the unit is given back.
  const reservation = await reserveQuota(prisma, user.id, organization.tier, now);
  if (!reservation.allowed) {
    return {
      ok: false,
      status: 429,
      message: `You have used all ${reservation.limit} AI generations for today on the ${organization.tier.toLowerCase()} plan. They reset at 00:00 UTC.`,
      resetAt: reservation.resetAt.toISOString(),
    };
  }
  const answerId = randomUUID();
  let asked: AiMessage, answer: AiMessage, generation: { id: string };
  try {
    [asked, answer, generation] = await prisma.$transaction([
      prisma.aiMessage.create({ data: questionRow(document.id, user.id, question) }),
      prisma.aiMessage.create({
        data: {
          id: answerId,
          documentId: document.id,
          role: "ASSISTANT",
          mode: question.mode,
          language,
          apiSlug: question.apiSlug,
          status: "STREAMING",
          authorId: user.id,
        },
      }),
      prisma.aiGeneration.create({
        data: {
          organizationId,
          userId: user.id,
          messageId: answerId,
          day: reservation.day,
          model: model.id,
          mode: question.mode,
        },
        select: { id: true },
      }),
    ]);
  } catch (error) {
    await releaseQuota(user.id, reservation.day);
    throw error;
  }
  const history = await threadHistory(document.id, [asked.id, answer.id]);
  const grounding = groundingApi && envVarName ? groundingFor(groundingApi, questionText, envVarName).text : null;
  // Claude is called at once; the question and the empty answer go into the room while
  // it thinks, ahead of the answer's first text.
  startGeneration(
    {
      generationId: generation.id,
      roomId: document.roomId,
      preamble: [snapshotOf(asked, user.name)],
      snapshot: snapshotOf(answer, user.name),
      model,
      system: systemPrompt({ mode: question.mode, language, apiSlug: api?.slug ?? null, grounding }),
      messages: conversation(history, turnOf(asked)),
    },
    options,
  );
  return { ok: true, messageId: answer.id, aiOff: false };
}

async function answerFromSpec(input: {
  user: Asker;
  document: Pick<Document, "id" | "roomId">;
  question: AskInput;
  language: LanguageId;
  api: GroundingApi | null;
  envVarName: string | null;
  questionText: string;
}): Promise<AskResult> {
  // Free to run, but each answer lands in everyone's room: cap it like any write.
  const limit = await consumeRateLimit(`ai-off:${input.user.id}`, { limit: 120, windowSeconds: 3600 });
  if (!limit.allowed)
    return {
      ok: false,
      status: 429,
      message: "Too many questions in an hour. Try again later.",
      resetAt: limit.resetAt.toISOString(),
    };
  const content = specAnswer({
    mode: input.question.mode,
    language: input.language,
    api: input.api,
    question: input.questionText,
    envVarName: input.envVarName,
  });
  const [asked, answer] = await prisma.$transaction([
    prisma.aiMessage.create({ data: questionRow(input.document.id, input.user.id, input.question) }),
    prisma.aiMessage.create({
      data: {
        documentId: input.document.id,
        role: "ASSISTANT",
        mode: input.question.mode,
        language: input.language,
        apiSlug: input.question.apiSlug,
        content,
        status: "COMPLETE",
        source: "spec",
        authorId: input.user.id,
      },
    }),
  ]);
  await addMessagesToRoom(input.document.roomId, [
    snapshotOf(asked, input.user.name),
    snapshotOf(answer, input.user.name),
  ]);
  return { ok: true, messageId: answer.id, aiOff: true };
}

function questionRow(documentId: string, userId: string, question: AskInput) {
  return {
    documentId,
    role: "USER" as const,
    mode: question.mode,
    language: question.language,
    apiSlug: question.apiSlug,
    content: question.prompt,
    code: question.code,
    errorText: question.errorText,
    status: "COMPLETE" as const,
    authorId: userId,
  };
}

function turnOf(message: AiMessage): Turn {
  return {
    role: message.role,
    mode: message.mode,
    language: message.language,
    content: message.content,
    code: message.code,
    errorText: message.errorText,
  };
}

/** Earlier turns of the thread, oldest first, without the ones just created. */
async function threadHistory(documentId: string, exclude: string[]): Promise<Turn[]> {
  const rows = await prisma.aiMessage.findMany({
    where: { documentId, id: { notIn: exclude }, NOT: { status: "STREAMING" } },
    orderBy: { createdAt: "desc" },
    take: HISTORY_MESSAGES,
  });
  return rows.reverse().map(turnOf);
}

export function snapshotOf(
  message: AiMessage,
  authorName: string,
  usage: MessageSnapshot["usage"] = null,
): MessageSnapshot {
  return {
    id: message.id,
    role: message.role === "USER" ? "user" : "assistant",
    mode: message.mode,
    language: message.language,
    apiSlug: message.apiSlug,
    authorName,
    content: message.content,
    code: message.code,
    errorText: message.errorText,
    status: message.status === "STREAMING" ? "streaming" : message.status === "ERROR" ? "error" : "complete",
    failure: message.failure,
    source: message.source === "spec" ? "spec" : "claude",
    usage,
    createdAt: message.createdAt.getTime(),
    updatedAt: message.updatedAt.getTime(),
  };
}

/**
 * Answers left "streaming" by a server that stopped mid-answer (a deploy, a crash) are
 * ended with an explanation, and their unbilled reservation refunded. Nothing else can
 * finish them: the generation lived in that server's memory. A live generation saves its
 * text as it streams, so only an answer untouched for STALE_AFTER_MS (longer than every
 * timeout and retry of one generation) is abandoned. Run when a chat is opened (for that
 * chat) and every few minutes for all chats (abandonedAnswersJob), so a thread nobody
 * reopens is not left streaming, nor its quota unit held.
 */
export const STALE_AFTER_MS = 10 * 60_000;

export async function endAbandonedAnswers(document?: Pick<Document, "id">, now = new Date()) {
  const stale = await prisma.aiMessage.findMany({
    where: {
      ...(document ? { documentId: document.id } : {}),
      status: "STREAMING",
      updatedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) },
    },
    include: {
      author: { select: { name: true } },
      generation: { select: { id: true } },
      document: { select: { roomId: true } },
    },
    take: 500,
  });
  if (stale.length === 0) return 0;
  const failure = "This answer was interrupted (the server restarted while it was being written). Ask again to retry.";
  for (const message of stale) {
    // Only if it is still streaming: a sweep on another server may have ended it meanwhile.
    const { count } = await prisma.aiMessage.updateMany({
      where: { id: message.id, status: "STREAMING" },
      data: { status: "ERROR", failure },
    });
    if (count === 0) continue;
    if (message.generation) await refundGeneration(message.generation.id);
    const updated = await prisma.aiMessage.findUniqueOrThrow({ where: { id: message.id } });
    await writeFinalMessage(message.document.roomId, snapshotOf(updated, message.author?.name ?? "someone")).catch(
      () => {},
    );
  }
  return stale.length;
}

/** How many of a thread's latest messages a repaired room gets back (PostgreSQL keeps them all). */
export const MESSAGES_REBUILT = 500;

/** The room's thread as PostgreSQL has it, with each answer's billed usage (a repair writes it whole). */
export async function aiRoomFromDatabase(documentId: string) {
  const rows = await prisma.aiMessage.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    take: MESSAGES_REBUILT,
    include: {
      author: { select: { name: true } },
      generation: { select: { status: true, model: true, inputTokens: true, outputTokens: true, costUsd: true } },
    },
  });
  return {
    messages: new LiveList(
      rows.reverse().map((row) => {
        const billed = row.generation?.status === "BILLED" ? row.generation : null;
        const usage = billed
          ? {
              model: billed.model,
              inputTokens: billed.inputTokens,
              outputTokens: billed.outputTokens,
              costUsd: Number(billed.costUsd),
            }
          : null;
        return toLive(snapshotOf(row, row.author?.name ?? "someone", usage));
      }),
    ),
  };
}
