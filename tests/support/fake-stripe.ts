import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local server that speaks the parts of Stripe's wire format the app uses, for the real
 * `stripe` SDK to talk to (STRIPE_API_URL), and that posts webhooks signed exactly as Stripe
 * signs them:
 *   - the REST API: bearer secret keys, form-encoded bodies with nested keys
 *     (`line_items[0][price]`, `metadata[organizationId]`, `expand[]`), JSON objects with
 *     `object` and prefixed ids, Stripe's error objects and status codes (401, 400
 *     parameter_missing, 404 resource_missing, idempotency_error), `Request-Id` headers, and
 *     idempotency keys (a repeated key replays the first answer with `Idempotent-Replayed`,
 *     the same key with other parameters is refused);
 *   - a tiny hosted Checkout page and customer portal for browsers: paying creates the
 *     subscription and its paid invoice, fires the webhooks, then returns to success_url;
 *   - webhooks: an Event object posted as JSON with `Stripe-Signature: t=<unix>,v1=<hex
 *     HMAC-SHA256 of "<t>.<payload>" with the endpoint secret>`;
 *   - scenarios for tests (renewals that succeed or fail, retries exhausted, cancellation)
 *     that emit the events Stripe emits, delivered in order or handed back to be delivered
 *     in any order, twice, late or forged.
 * State is in memory; `now()` is the fake's clock, which tests can move forward.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive";

export type FakePrice = { id: string; unitAmount: number; currency?: string; interval?: "month" | "year" };
type Options = { apiKey: string; webhookSecret: string; webhookUrl?: string; prices: FakePrice[] };

type Obj = Record<string, any>;
export type StripeEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: Obj; previous_attributes?: Obj };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};
export type Delivery = { event: string; type: string; status: number; body: string };

class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: Obj,
  ) {
    super(error.message);
  }
}

const DOCS = "https://stripe.com/docs/error-codes";
const missing = (kind: string, id: string) =>
  new StripeHttpError(404, {
    code: "resource_missing",
    doc_url: `${DOCS}/resource-missing`,
    message: `No such ${kind}: '${id}'`,
    param: "id",
    type: "invalid_request_error",
  });
const paramMissing = (param: string) =>
  new StripeHttpError(400, {
    code: "parameter_missing",
    doc_url: `${DOCS}/parameter-missing`,
    message: `Missing required param: ${param}.`,
    param,
    type: "invalid_request_error",
  });

export async function startFakeStripe(options: Options) {
  const prices = new Map(
    options.prices.map((p) => [
      p.id,
      {
        id: p.id,
        object: "price",
        active: true,
        billing_scheme: "per_unit",
        created: 1_700_000_000,
        currency: p.currency ?? "usd",
        livemode: false,
        lookup_key: null,
        metadata: {},
        nickname: null,
        product: `prod_${p.id.replace(/^price_/, "")}`,
        recurring: { interval: p.interval ?? "month", interval_count: 1, usage_type: "licensed" },
        type: "recurring",
        unit_amount: p.unitAmount,
      } as Obj,
    ]),
  );
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const portalSessions = new Map<string, Obj>();
  const subscriptions = new Map<string, Obj>();
  const invoices = new Map<string, Obj>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const requests: { method: string; path: string; params: Obj; idempotencyKey: string | null }[] = [];
  const events: StripeEvent[] = [];
  const deliveries: Delivery[] = [];
  const failures: { status: number; error: Obj }[] = [];
  let webhookUrl = options.webhookUrl;
  let clockOffset = 0;
  let invoiceSerial = 0;
  let baseUrl = "";

  const now = () => Math.floor(Date.now() / 1000) + clockOffset;
  const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("base64url")}`;

  // ── objects ────────────────────────────────────────────────────────────────
  function priceOf(id: unknown) {
    if (typeof id !== "string" || !prices.has(id)) throw missing("price", String(id));
    return prices.get(id)!;
  }

  function createSubscription(session: Obj): Obj {
    const start = now();
    const id = newId("sub");
    const price = priceOf(session.line_items[0].price);
    const subscription: Obj = {
      id,
      object: "subscription",
      billing_cycle_anchor: start,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      collection_method: "charge_automatically",
      created: start,
      currency: price.currency,
      customer: session.customer,
      ended_at: null,
      items: {
        object: "list",
        data: [
          {
            id: newId("si"),
            object: "subscription_item",
            created: start,
            current_period_start: start,
            current_period_end: start + 30 * 86_400,
            metadata: {},
            price,
            quantity: Number(session.line_items[0].quantity ?? 1),
            subscription: id,
          },
        ],
        has_more: false,
        total_count: 1,
        url: `/v1/subscription_items?subscription=${id}`,
      },
      latest_invoice: null,
      livemode: false,
      metadata: { ...(session.subscription_data?.metadata ?? {}) },
      start_date: start,
      status: "active",
    };
    subscriptions.set(id, subscription);
    return subscription;
  }

  function createInvoice(subscription: Obj, paid: boolean): Obj {
    const item = subscription.items.data[0];
    const amount = item.price.unit_amount * item.quantity;
    const id = newId("in");
    invoiceSerial++;
    const invoice: Obj = {
      id,
      object: "invoice",
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      attempt_count: 1,
      attempted: true,
      billing_reason: subscription.latest_invoice ? "subscription_cycle" : "subscription_create",
      collection_method: "charge_automatically",
      created: now(),
      currency: subscription.currency,
      customer: subscription.customer,
      hosted_invoice_url: `${baseUrl}/i/${id}`,
      invoice_pdf: `${baseUrl}/i/${id}/pdf`,
      lines: {
        object: "list",
        data: [
          { id: newId("il"), object: "line_item", amount, currency: subscription.currency, quantity: item.quantity },
        ],
        has_more: false,
        total_count: 1,
      },
      livemode: false,
      metadata: {},
      next_payment_attempt: paid ? null : now() + 3 * 86_400,
      number: `FAKE-${String(invoiceSerial).padStart(4, "0")}`,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
      },
      period_end: item.current_period_end,
      period_start: item.current_period_start,
      status: paid ? "paid" : "open",
      subtotal: amount,
      total: amount,
    };
    invoices.set(id, invoice);
    subscription.latest_invoice = id;
    return invoice;
  }

  // ── events and webhooks ────────────────────────────────────────────────────
  function event(type: string, object: Obj, extra: { created?: number; previous?: Obj } = {}): StripeEvent {
    const built: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: STRIPE_API_VERSION,
      created: extra.created ?? now(),
      data: { object: structuredClone(object), ...(extra.previous ? { previous_attributes: extra.previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.push(built);
    return built;
  }

  /** The Stripe-Signature header for a payload, as Stripe computes it. */
  function sign(payload: string, opts: { timestamp?: number; secret?: string } = {}) {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = createHmac("sha256", opts.secret ?? options.webhookSecret)
      .update(`${timestamp}.${payload}`, "utf8")
      .digest("hex");
    return `t=${timestamp},v1=${signature}`;
  }

  /** Posts one event to the app's endpoint, as Stripe does. Options forge what Stripe never would. */
  async function deliver(
    evt: StripeEvent,
    opts: { timestamp?: number; secret?: string; payload?: string; signature?: string | null } = {},
  ): Promise<Delivery> {
    if (!webhookUrl) throw new Error("fake Stripe: no webhook URL set");
    const payload = opts.payload ?? JSON.stringify(evt, null, 2);
    const signature = opts.signature === undefined ? sign(payload, opts) : opts.signature;
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        ...(signature === null ? {} : { "stripe-signature": signature }),
      },
      body: payload,
    });
    const delivery = { event: evt.id, type: evt.type, status: response.status, body: await response.text() };
    deliveries.push(delivery);
    return delivery;
  }

  async function deliverAll(list: StripeEvent[], deliverNow: boolean) {
    if (deliverNow) for (const evt of list) await deliver(evt);
    return list;
  }

  // ── what happens when a customer pays at Checkout ──────────────────────────
  async function completeCheckout(sessionId: string, opts: { deliver?: boolean } = {}) {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`fake Stripe: no checkout session ${sessionId}`);
    if (session.status !== "open") return [];
    const subscription = createSubscription(session);
    const invoice = createInvoice(subscription, true);
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: subscription.id });
    return deliverAll(
      [
        event("customer.subscription.created", subscription),
        event("invoice.finalized", { ...invoice, status: "open", amount_paid: 0 }),
        event("invoice.paid", invoice),
        event("checkout.session.completed", session),
      ],
      opts.deliver ?? true,
    );
  }

  // ── scenarios ──────────────────────────────────────────────────────────────
  function subscriptionOf(id: string) {
    const subscription = subscriptions.get(id);
    if (!subscription) throw new Error(`fake Stripe: no subscription ${id}`);
    return subscription;
  }

  function nextPeriod(subscription: Obj) {
    const item = subscription.items.data[0];
    item.current_period_start = item.current_period_end;
    item.current_period_end = item.current_period_start + 30 * 86_400;
  }

  const scenarios = {
    /** The period ends and the card is charged. */
    renew(id: string, opts: { deliver?: boolean } = {}) {
      const subscription = subscriptionOf(id);
      nextPeriod(subscription);
      subscription.status = "active";
      const invoice = createInvoice(subscription, true);
      return deliverAll(
        [event("invoice.paid", invoice), event("customer.subscription.updated", subscription)],
        opts.deliver ?? true,
      );
    },
    /** The renewal charge fails: past_due while Stripe retries (its grace period). */
    failRenewal(id: string, opts: { deliver?: boolean } = {}) {
      const subscription = subscriptionOf(id);
      nextPeriod(subscription);
      subscription.status = "past_due";
      const invoice = createInvoice(subscription, false);
      return deliverAll(
        [
          event("invoice.payment_failed", invoice),
          event("customer.subscription.updated", subscription, { previous: { status: "active" } }),
        ],
        opts.deliver ?? true,
      );
    },
    /** Every retry failed: Stripe gives up and, as configured, marks the subscription unpaid or cancels it. */
    exhaustRetries(id: string, outcome: "unpaid" | "canceled", opts: { deliver?: boolean } = {}) {
      const subscription = subscriptionOf(id);
      const invoice = invoices.get(subscription.latest_invoice)!;
      Object.assign(invoice, { attempt_count: 4, next_payment_attempt: null });
      if (outcome === "canceled") invoice.status = "uncollectible";
      const previous = { status: subscription.status };
      subscription.status = outcome;
      if (outcome === "canceled") Object.assign(subscription, { canceled_at: now(), ended_at: now() });
      return deliverAll(
        [
          event(outcome === "canceled" ? "invoice.marked_uncollectible" : "invoice.payment_failed", invoice),
          event(
            outcome === "canceled" ? "customer.subscription.deleted" : "customer.subscription.updated",
            subscription,
            { previous },
          ),
        ],
        opts.deliver ?? true,
      );
    },
    /** A retry succeeds (the customer updated the card). */
    recover(id: string, opts: { deliver?: boolean } = {}) {
      const subscription = subscriptionOf(id);
      const invoice = invoices.get(subscription.latest_invoice)!;
      Object.assign(invoice, {
        status: "paid",
        amount_paid: invoice.amount_due,
        amount_remaining: 0,
        next_payment_attempt: null,
      });
      subscription.status = "active";
      return deliverAll(
        [event("invoice.paid", invoice), event("customer.subscription.updated", subscription)],
        opts.deliver ?? true,
      );
    },
    cancelAtPeriodEnd(id: string, opts: { deliver?: boolean } = {}) {
      const subscription = subscriptionOf(id);
      Object.assign(subscription, {
        cancel_at_period_end: true,
        canceled_at: now(),
        cancel_at: subscription.items.data[0].current_period_end,
      });
      return deliverAll(
        [event("customer.subscription.updated", subscription, { previous: { cancel_at_period_end: false } })],
        opts.deliver ?? true,
      );
    },
  };

  // ── the REST API ───────────────────────────────────────────────────────────
  async function api(method: string, path: string, params: Obj, idempotencyKey: string | null): Promise<Obj> {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/customers") {
      const customer = {
        id: newId("cus"),
        object: "customer",
        created: now(),
        email: params.email ?? null,
        name: params.name ?? null,
        metadata: params.metadata ?? {},
        livemode: false,
        invoice_settings: { default_payment_method: null },
      };
      customers.set(customer.id, customer);
      return customer;
    }
    if (method === "GET" && (m = /^\/v1\/customers\/([^/]+)$/.exec(path))) {
      return customers.get(m[1]!) ?? thrower(missing("customer", m[1]!));
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      if (!params.mode) throw paramMissing("mode");
      if (!Array.isArray(params.line_items) || params.line_items.length === 0) throw paramMissing("line_items");
      if (!params.success_url) throw paramMissing("success_url");
      if (params.customer && !customers.has(params.customer)) throw missing("customer", params.customer);
      const lineItems: Obj[] = params.line_items.map((li: Obj) => ({
        price: priceOf(li.price).id,
        quantity: li.quantity,
      }));
      const price = priceOf(lineItems[0]!.price);
      const id = newId("cs");
      const session = {
        id,
        object: "checkout.session",
        amount_total: price.unit_amount * Number(lineItems[0]!.quantity ?? 1),
        cancel_url: params.cancel_url ?? null,
        client_reference_id: params.client_reference_id ?? null,
        created: now(),
        currency: price.currency,
        customer: params.customer ?? null,
        expires_at: now() + 86_400,
        livemode: false,
        metadata: params.metadata ?? {},
        mode: params.mode,
        payment_status: "unpaid",
        status: "open",
        subscription: null,
        success_url: params.success_url,
        url: `${baseUrl}/c/pay/${id}`,
        // Kept for the payment page and the subscription it creates (Stripe keeps them too).
        line_items: lineItems,
        subscription_data: params.subscription_data ?? {},
      };
      sessions.set(id, session);
      return publicSession(session);
    }
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      const session = sessions.get(m[1]!);
      return session ? publicSession(session) : thrower(missing("checkout.session", m[1]!));
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!params.customer) throw paramMissing("customer");
      if (!customers.has(params.customer)) throw missing("customer", params.customer);
      const id = newId("bps");
      const session = {
        id,
        object: "billing_portal.session",
        created: now(),
        customer: params.customer,
        livemode: false,
        return_url: params.return_url ?? null,
        url: `${baseUrl}/p/session/${id}`,
      };
      portalSessions.set(id, session);
      return session;
    }
    if ((m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      const subscription = subscriptions.get(m[1]!) ?? thrower(missing("subscription", m[1]!));
      if (method === "GET") return subscription;
      if (method === "POST") return updateSubscription(subscription, params, idempotencyKey);
    }
    if (method === "GET" && (m = /^\/v1\/prices\/([^/]+)$/.exec(path))) return priceOf(m[1]);
    throw new StripeHttpError(404, {
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      type: "invalid_request_error",
    });
  }

  async function updateSubscription(subscription: Obj, params: Obj, idempotencyKey: string | null) {
    const previous: Obj = {};
    const item = subscription.items.data[0];
    for (const change of params.items ?? []) {
      if (change.id !== item.id) throw missing("subscription_item", change.id);
      if (change.price) {
        previous.items = structuredClone(subscription.items);
        item.price = priceOf(change.price);
      }
      if (change.quantity !== undefined) {
        previous.items ??= structuredClone(subscription.items);
        item.quantity = Number(change.quantity);
      }
    }
    if (params.cancel_at_period_end !== undefined) {
      previous.cancel_at_period_end = subscription.cancel_at_period_end;
      subscription.cancel_at_period_end = params.cancel_at_period_end === "true";
    }
    if (params.metadata) subscription.metadata = { ...subscription.metadata, ...params.metadata };
    const evt = event("customer.subscription.updated", subscription, { previous });
    evt.request = { id: newId("req"), idempotency_key: idempotencyKey };
    // Stripe answers first and sends the webhook a moment later.
    setImmediate(() => void deliver(evt).catch(() => {}));
    return subscription;
  }

  const publicSession = (session: Obj) => {
    const { line_items: _l, subscription_data: _s, ...rest } = session;
    return rest;
  };

  // ── HTTP ───────────────────────────────────────────────────────────────────
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = await readBody(req);
    try {
      if (url.pathname.startsWith("/v1/")) return await handleApi(req, res, url, body);
      return await handlePages(req, res, url, body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string) {
    const requestId = `req_${randomBytes(7).toString("hex")}`;
    const method = req.method ?? "GET";
    const send = (status: number, data: Obj, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "request-id": requestId,
        "stripe-version": String(req.headers["stripe-version"] ?? STRIPE_API_VERSION),
        "access-control-allow-origin": "*",
        ...extra,
      });
      res.end(JSON.stringify(data, null, 2));
    };
    const auth = req.headers.authorization ?? "";
    const key = auth.replace(/^Bearer /i, "");
    if (!auth)
      return send(401, {
        error: {
          message:
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
          type: "invalid_request_error",
        },
      });
    if (key !== options.apiKey)
      return send(
        401,
        {
          error: {
            message: `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
            type: "invalid_request_error",
          },
        },
        { "www-authenticate": 'Bearer realm="Stripe"' },
      );

    const params = parseStripeForm(method === "GET" ? url.searchParams.toString() : body);
    const idempotencyKey = method === "POST" ? ((req.headers["idempotency-key"] as string | undefined) ?? null) : null;
    requests.push({ method, path: url.pathname, params, idempotencyKey });

    const injected = failures.shift();
    if (injected) return send(injected.status, { error: injected.error });

    const fingerprint = `${method} ${url.pathname} ${body}`;
    if (idempotencyKey) {
      const earlier = idempotency.get(idempotencyKey);
      if (earlier && earlier.fingerprint !== fingerprint)
        return send(400, {
          error: {
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            type: "idempotency_error",
          },
        });
      if (earlier) {
        res.writeHead(earlier.status, {
          "content-type": "application/json",
          "request-id": requestId,
          "idempotency-key": idempotencyKey,
          "idempotent-replayed": "true",
        });
        return res.end(earlier.body);
      }
    }
    let status = 200;
    let data: Obj;
    try {
      data = await api(method, url.pathname, params, idempotencyKey);
    } catch (error) {
      if (!(error instanceof StripeHttpError)) throw error;
      status = error.status;
      data = { error: { ...error.error, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}` } };
    }
    const text = JSON.stringify(data, null, 2);
    if (idempotencyKey && status < 500) idempotency.set(idempotencyKey, { fingerprint, status, body: text });
    send(status, data, idempotencyKey ? { "idempotency-key": idempotencyKey } : {});
  }

  async function handlePages(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string) {
    const html = (status: number, content: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Stripe (local)</title></head>
<body style="font-family:system-ui;max-width:28rem;margin:2rem auto;padding:0 1rem">${content}</body></html>`);
    };
    let m: RegExpExecArray | null;
    if ((m = /^\/c\/pay\/([^/]+)$/.exec(url.pathname))) {
      const session = sessions.get(m[1]!);
      if (!session) return html(404, "<h1>This Checkout session does not exist</h1>");
      if (req.method === "POST") {
        await completeCheckout(session.id);
        res.writeHead(303, { location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) });
        return res.end();
      }
      const price = priceOf(session.line_items[0].price);
      const quantity = Number(session.line_items[0].quantity ?? 1);
      const amount = `${(session.amount_total / 100).toFixed(2)} ${price.currency.toUpperCase()}`;
      return html(
        200,
        `<h1>Subscribe</h1><p>${escapeHtml(price.product)} × ${quantity} seat(s): <strong>${amount}</strong> a ${price.recurring.interval}</p>
<form method="post"><label>Card number <input name="card" value="4242 4242 4242 4242" autocomplete="off"></label>
<p><button type="submit">Subscribe</button></p></form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Back</a></p>` : ""}`,
      );
    }
    if ((m = /^\/p\/session\/([^/]+)(\/cancel)?$/.exec(url.pathname))) {
      const portal = portalSessions.get(m[1]!);
      if (!portal) return html(404, "<h1>This portal session has expired</h1>");
      const subscription = [...subscriptions.values()].find(
        (s) => s.customer === portal.customer && !["canceled", "incomplete_expired"].includes(s.status),
      );
      if (req.method === "POST" && m[2] && subscription) {
        await scenarios.cancelAtPeriodEnd(subscription.id);
        res.writeHead(303, { location: portal.return_url ?? "/" });
        return res.end();
      }
      return html(
        200,
        `<h1>Billing portal</h1>${
          subscription
            ? `<p>Plan: ${escapeHtml(subscription.items.data[0].price.id)}, ${subscription.items.data[0].quantity} seat(s)</p>
<form method="post" action="/p/session/${portal.id}/cancel"><button type="submit">Cancel plan</button></form>`
            : "<p>No active subscription.</p>"
        }<p><a href="${escapeHtml(portal.return_url ?? "/")}">Return</a></p>`,
      );
    }
    if ((m = /^\/i\/([^/]+)(\/pdf)?$/.exec(url.pathname))) {
      const invoice = invoices.get(m[1]!);
      if (!invoice) return html(404, "<h1>No such invoice</h1>");
      return html(200, `<h1>Invoice ${escapeHtml(invoice.number)}</h1><p>Status: ${invoice.status}</p>`);
    }
    void body;
    return html(404, "<h1>Not found</h1>");
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get baseUrl() {
      return baseUrl;
    },
    requests,
    events,
    deliveries,
    customers,
    sessions,
    subscriptions,
    invoices,
    now,
    /** Moves the fake's clock (what `created` and periods say) forward. */
    advance(seconds: number) {
      clockOffset += seconds;
    },
    setWebhookUrl(url: string) {
      webhookUrl = url;
    },
    /** The next API requests answer with this error (e.g. 500 api_error, 429 rate_limit). */
    failNext(count: number, status: number, error: Obj) {
      for (let i = 0; i < count; i++) failures.push({ status, error });
    },
    event,
    sign,
    deliver,
    completeCheckout,
    ...scenarios,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

function thrower(error: Error): never {
  throw error;
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Stripe's form encoding: `a[b][0][c]=x` nests, `a[]=x` appends, and objects whose keys are
 * all indices are arrays.
 */
export function parseStripeForm(encoded: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = key
      .split(/\[|\]\[|\]/)
      .filter((p, i, all) => p !== "" || (i === all.length - 2 && key.endsWith("[]")));
    let node = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const name = part === "" ? String(Object.keys(node).length) : part;
      if (last) node[name] = value;
      else node = node[name] ??= {};
    });
  }
  return arrays(root);
}

function arrays(value: unknown): any {
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as Obj).map(([k, v]) => [k, arrays(v)] as const);
  const indexed = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k));
  return indexed ? entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v) : Object.fromEntries(entries);
}
