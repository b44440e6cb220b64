import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditOrigin } from "~/audit/audit.server";
import { env } from "~/config/env.server";
import { prisma } from "~/db/client.server";
import { createJob, dispatchJob } from "~/jobs/queue.server";
import { encryptSecret } from "~/keys/secret-box.server";
import { bareHost, defaultPort, hostIsAllowed, parseAllowRules, refusalFor } from "~/requests/address-policy.server";
import { webhookDeliveryJob } from "./delivery-job.server";
import { webhookBody, type WebhookEvent } from "./payload";

/**
 * Outbound webhooks: the public surface other capabilities use (`sendWebhookEvent`) and the
 * settings an organisation's owners and admins manage. Each event becomes one delivery per
 * endpoint that wants it, sent by a background job (signed, retried with backoff, logged).
 */
export type { WebhookEvent };

/** Event types people can choose; capabilities add theirs here. */
export const WEBHOOK_EVENT_TYPES = {
  "anomaly.detected": "A cost anomaly is found",
  "webhook.test": "Test events sent from this page",
} as const;
export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export const MAX_ENDPOINTS = 20;

/**
 * Sends an event to every enabled endpoint of the organisation that wants it. Returns the
 * deliveries created (their jobs are sent after the rows exist).
 */
export async function sendWebhookEvent(organizationId: string, event: WebhookEvent): Promise<string[]> {
  const endpoints = await prisma.webhookEndpoint.findMany({
    where: { organizationId, enabled: true },
    select: { id: true, events: true, format: true },
  });
  const targets = endpoints.filter((e) => e.events.length === 0 || e.events.includes(event.type));
  if (targets.length === 0) return [];
  const jobs = await prisma.$transaction(async (tx) => {
    const created = [];
    for (const endpoint of targets) {
      const delivery = await tx.webhookDelivery.create({
        data: { endpointId: endpoint.id, event: event.type, body: "" },
        select: { id: true, createdAt: true },
      });
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { body: webhookBody(event, endpoint.format, delivery) },
      });
      created.push({
        delivery: delivery.id,
        job: await createJob(tx, webhookDeliveryJob, { deliveryId: delivery.id }),
      });
    }
    return created;
  });
  for (const { job } of jobs) await dispatchJob(webhookDeliveryJob, job);
  return jobs.map((j) => j.delivery);
}

// ─────────────── settings ───────────────

const WebhookUrl = z
  .string({ error: "Enter the URL to send events to." })
  .trim()
  .min(1, "Enter the URL to send events to.")
  .max(2000, "That URL is longer than 2,000 characters.")
  .transform((raw, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail("Enter a full URL, like https://hooks.slack.com/services/…");
    }
    if (url.username || url.password) return fail("Put no user name or password in the URL; use its path or query.");
    const allow = parseAllowRules(env().REQUEST_ALLOWED_HOSTS);
    const port = url.port ? Number(url.port) : defaultPort(url.protocol);
    const allowed = hostIsAllowed(url.hostname, port, allow);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && allowed))
      return fail("Use an https:// URL: events carry your organisation's data.");
    const host = bareHost(url.hostname);
    if (!allowed && (host === "localhost" || host.endsWith(".localhost")))
      return fail("Webhooks can only be sent to public addresses.");
    if (!allowed && /^[\d.]+$|:/.test(host)) {
      const refusal = refusalFor(host, port, allow);
      if (refusal) return fail(refusal.replace("Requests from rooms", "Webhooks"));
    }
    return url.href;
  });

const Events = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(
    z.array(
      z.enum(Object.keys(WEBHOOK_EVENT_TYPES) as [WebhookEventType, ...WebhookEventType[]], {
        error: "Choose events from the list.",
      }),
    ),
  );

export const CreateEndpointSchema = z.object({
  url: WebhookUrl,
  description: z
    .string()
    .trim()
    .max(200, "Keep the description under 200 characters.")
    .regex(/^[^\u0000-\u001f]*$/, "The description cannot contain control characters.")
    .default(""),
  format: z.enum(["JSON", "SLACK"], { error: "Choose JSON or Slack." }).default("JSON"),
  events: Events,
});
export type CreateEndpoint = z.infer<typeof CreateEndpointSchema>;

/** Adds an endpoint; answers its signing secret, which is shown this once. */
export async function createEndpoint(
  organizationId: string,
  input: CreateEndpoint,
  origin: AuditOrigin & { userId: string },
): Promise<{ ok: true; id: string; secret: string } | { ok: false; message: string }> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  return prisma.$transaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { organizationId } });
    if (count >= MAX_ENDPOINTS)
      return { ok: false as const, message: `An organisation can have ${MAX_ENDPOINTS} webhooks; delete one first.` };
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        organizationId,
        url: input.url,
        description: input.description,
        format: input.format,
        events: input.events,
        secretCiphertext: encryptSecret(secret),
        createdById: origin.userId,
      },
    });
    await recordAudit(
      {
        ...origin,
        organizationId,
        action: "webhook.created",
        target: { type: "webhook", id: endpoint.id, label: redactedUrl(endpoint.url) },
        after: { format: endpoint.format, events: endpoint.events },
      },
      tx,
    );
    return { ok: true as const, id: endpoint.id, secret };
  });
}

export const EndpointActionSchema = z.object({
  endpointId: z.string().uuid("Choose a webhook."),
  intent: z.enum(["enable", "disable", "delete", "test"], { error: "Choose what to do." }),
});

/** Enables, disables, deletes or tests an endpoint of the organisation; false when it is not one. */
export async function changeEndpoint(
  organizationId: string,
  { endpointId, intent }: z.infer<typeof EndpointActionSchema>,
  origin: AuditOrigin,
): Promise<boolean> {
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id: endpointId, organizationId } });
  if (!endpoint) return false;
  if (intent === "test") {
    await sendTestEvent(organizationId, endpoint.id);
    return true;
  }
  await prisma.$transaction(async (tx) => {
    if (intent === "delete") await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    else await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: intent === "enable" } });
    await recordAudit(
      {
        ...origin,
        organizationId,
        action: intent === "delete" ? "webhook.deleted" : "webhook.changed",
        target: { type: "webhook", id: endpoint.id, label: redactedUrl(endpoint.url) },
        ...(intent === "delete"
          ? {}
          : { before: { enabled: endpoint.enabled }, after: { enabled: intent === "enable" } }),
      },
      tx,
    );
  });
  return true;
}

/** A "webhook.test" event to one endpoint, whatever events it subscribes to. */
async function sendTestEvent(organizationId: string, endpointId: string) {
  const endpoint = await prisma.webhookEndpoint.findFirstOrThrow({ where: { id: endpointId, organizationId } });
  const job = await prisma.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.create({
      data: { endpointId, event: "webhook.test", body: "" },
      select: { id: true, createdAt: true },
    });
    const body = webhookBody(
      { type: "webhook.test", text: "Test event from APIMarketplace Pro: this webhook works.", data: {} },
      endpoint.format,
      delivery,
    );
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { body } });
    return createJob(tx, webhookDeliveryJob, { deliveryId: delivery.id });
  });
  await dispatchJob(webhookDeliveryJob, job);
}

/** The settings page: endpoints (never their secrets) and the latest deliveries. */
export async function webhookSettings(organizationId: string) {
  const endpoints = await prisma.webhookEndpoint.findMany({
    where: { organizationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, format: true, events: true, enabled: true, createdAt: true },
  });
  const deliveries = await prisma.webhookDelivery.findMany({
    where: { endpoint: { organizationId } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      endpointId: true,
      event: true,
      status: true,
      attempts: true,
      responseStatus: true,
      error: true,
      createdAt: true,
      lastAttemptAt: true,
      deliveredAt: true,
    },
  });
  return {
    endpoints: endpoints.map((e) => ({ ...e, url: redactedUrl(e.url), createdAt: e.createdAt.toISOString() })),
    deliveries: deliveries.map((d) => ({
      ...d,
      createdAt: d.createdAt.toISOString(),
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}

/**
 * A URL as the page shows it: Slack's and most services' webhook URLs carry their secret in
 * the path, so only the origin and the path's start are shown.
 */
export function redactedUrl(href: string): string {
  const url = new URL(href);
  const path = url.pathname.length > 12 ? `${url.pathname.slice(0, 12)}…` : url.pathname;
  return `${url.origin}${path}${url.search ? "?…" : ""}`;
}
