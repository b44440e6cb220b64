import Stripe from "stripe";
import { prisma } from "~/db/client.server";
import { applyStripeEvent, UnreadableEvent } from "./sync.server";
import { stripe, webhookSecret } from "./stripe.server";

/**
 * Stripe's webhooks, received: the signature is checked by the SDK's own constructEvent
 * (HMAC-SHA256 of "t.payload" with the endpoint's secret, and the timestamp no older than
 * TOLERANCE_SECONDS, so a captured delivery cannot be replayed later); then, in one
 * transaction, the event id is recorded (a redelivery finds it and changes nothing) and the
 * event applied (./sync.server.ts). Anything that fails rolls both back, and the non-2xx
 * answer makes Stripe deliver the event again later.
 */
export const TOLERANCE_SECONDS = 300; // Stripe's default

export type WebhookResult =
  | { status: 200; body: { received: true; outcome: "applied" | "stale" | "ignored" | "duplicate" } }
  | { status: 400 | 422; body: { error: string } };

export async function receiveStripeWebhook(payload: string, signature: string | null): Promise<WebhookResult> {
  if (!signature) return { status: 400, body: { error: "The Stripe-Signature header is missing." } };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(payload, signature, webhookSecret(), TOLERANCE_SECONDS);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    return { status: 400, body: { error: signatureProblem(error.message) } };
  }
  try {
    return { status: 200, body: { received: true, outcome: await handleOnce(event) } };
  } catch (error) {
    if (!(error instanceof UnreadableEvent)) throw error;
    console.error(`Stripe webhook: ${error.message}`);
    return { status: 422, body: { error: error.message } };
  }
}

function signatureProblem(sdkMessage: string): string {
  if (/tolerance/i.test(sdkMessage))
    return `The signature's timestamp is more than ${TOLERANCE_SECONDS / 60} minutes old: a replayed or delayed delivery is refused.`;
  if (/matching the expected signature/i.test(sdkMessage))
    return "The signature does not match this payload and endpoint secret.";
  return "The Stripe-Signature header could not be read.";
}

async function handleOnce(event: Stripe.Event) {
  return prisma.$transaction(async (tx) => {
    // A concurrent delivery of the same event waits here on the primary key, then finds it taken.
    const fresh = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "StripeEvent" ("id", "type", "createdAt", "outcome")
      VALUES (${event.id}, ${event.type}, ${new Date(event.created * 1000)}, 'pending')
      ON CONFLICT ("id") DO NOTHING RETURNING "id"`;
    if (fresh.length === 0) return "duplicate" as const;
    const { outcome, organizationId } = await applyStripeEvent(tx, event);
    await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome, organizationId } });
    return outcome;
  });
}
