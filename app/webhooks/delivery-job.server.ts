import { z } from "zod";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { defineJob, JobFailure } from "~/jobs/define.server";
import { decryptSecret } from "~/keys/secret-box.server";
import { parseAllowRules } from "~/requests/address-policy.server";
import { safeFetch } from "~/requests/safe-fetch.server";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from "./signature";

/**
 * Sends one webhook delivery: a signed POST through the same address policy as requests
 * sent from rooms (public addresses only, checked after DNS and on every redirect; none are
 * followed), 10 s at most, the answer's body ignored. A 2xx answer delivers it; anything else
 * is retried with exponential backoff (30 s, 1 min, 2 min, 4 min, 8 min), then it fails. Every
 * attempt is written to the delivery's row: the log the settings page shows.
 */
export const DELIVERY_ATTEMPTS = 6;

export const webhookDeliveryJob = defineJob({
  name: "webhooks.deliver",
  data: z.object({ deliveryId: z.string().uuid() }),
  retryLimit: DELIVERY_ATTEMPTS - 1,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInMinutes: 2,
  concurrency: 2,
  run: async ({ deliveryId }, context) => {
    const delivery = await prisma.webhookDelivery.findUnique({
      where: { id: deliveryId },
      include: { endpoint: true },
    });
    if (!delivery || delivery.status !== "PENDING") return;
    if (!delivery.endpoint.enabled) {
      await prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: { status: "FAILED", error: "The webhook was turned off before this was sent." },
      });
      return;
    }
    const secret = decryptSecret(delivery.endpoint.secretCiphertext);
    const timestamp = Math.floor(Date.now() / 1000);
    const config = env();
    const result = await safeFetch(
      {
        method: "POST",
        url: delivery.endpoint.url,
        headers: [
          ["content-type", "application/json"],
          ["user-agent", "APIMarketplace-Pro-Webhooks/1"],
          [SIGNATURE_HEADER, signWebhook(secret, delivery.body, timestamp)],
          [EVENT_HEADER, delivery.event],
          [DELIVERY_HEADER, delivery.id],
        ],
        body: delivery.body,
      },
      {
        allow: parseAllowRules(config.REQUEST_ALLOWED_HOSTS),
        timeoutMs: 10_000,
        maxResponseBytes: 64_000,
        maxRedirects: 0,
      },
    );
    const now = new Date();
    const attempts = delivery.attempts + 1;
    if (result.ok && result.status >= 200 && result.status < 300) {
      await prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: {
          status: "DELIVERED",
          attempts,
          responseStatus: result.status,
          error: null,
          lastAttemptAt: now,
          deliveredAt: now,
        },
      });
      return;
    }
    const error = result.ok
      ? result.status >= 300 && result.status < 400
        ? `The endpoint answered ${result.status} (a redirect); webhooks do not follow redirects.`
        : `The endpoint answered ${result.status}.`
      : result.message;
    // A refusal (a private address) will not change on retry.
    const final = context.attempt >= DELIVERY_ATTEMPTS || (!result.ok && result.outcome === "REFUSED");
    await prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: final ? "FAILED" : "PENDING",
        attempts,
        responseStatus: result.ok ? result.status : null,
        error: error.slice(0, 500),
        lastAttemptAt: now,
      },
    });
    if (final) throw new JobFailure(`Not delivered after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${error}`);
    throw new Error(error);
  },
  describeError: (error) => (error instanceof Error ? error.message.slice(0, 300) : null),
});
