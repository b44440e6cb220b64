import { z } from "zod";

/**
 * Every setting the server reads, parsed once. Each external service is optional:
 * without its variables the app falls back to a local default (see .env.example).
 */
const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** A comma-separated list, e.g. of hosts; empty entries dropped. */
const hostList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
  );

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().min(1, "DATABASE_URL is not set"),
    /**
     * Connections each app process keeps to PostgreSQL. The driver adapter ignores Prisma's
     * `connection_limit` URL parameter, so this is the only way to size the pool.
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    /** Signs the session cookie. `npm start` generates one into .data/ when unset. */
    SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters"),
    /** 32 bytes, base64: encrypts stored provider API keys (AES-256-GCM). */
    API_KEY_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "API_KEY_ENCRYPTION_KEY must be 32 bytes, base64"),
    /** The origin people reach the app at; form posts from any other origin are refused. */
    APP_URL: optional,
    LIVEBLOCKS_SECRET_KEY: z.string().min(1).default("sk_localdev"),
    /** Set for the local dev server (http://127.0.0.1:1153); unset for the hosted service. */
    LIVEBLOCKS_BASE_URL: optional,
    /** Where browsers reach the dev server, if not the same URL as the server does. */
    LIVEBLOCKS_PUBLIC_BASE_URL: optional,
    GITHUB_CLIENT_ID: optional,
    GITHUB_CLIENT_SECRET: optional,
    /** GitHub's REST API: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise. */
    GITHUB_API_URL: z.string().url().default("https://api.github.com"),
    ANTHROPIC_API_KEY: optional,
    ANTHROPIC_BASE_URL: optional,
    /** Turns billing on (app/billing); unset, owners set tiers directly and the billing page says billing is off. */
    STRIPE_SECRET_KEY: optional,
    /** The signing secret of the webhook endpoint (<APP_URL>/api/stripe/webhook), whsec_…; required with the key. */
    STRIPE_WEBHOOK_SECRET: optional,
    /** The recurring per-seat prices (price_…) Checkout sells for Pro and Enterprise; required with the key. */
    STRIPE_PRICE_PRO: optional,
    STRIPE_PRICE_ENTERPRISE: optional,
    /** Where the SDK sends API requests (default https://api.stripe.com): stripe-mock or a test server. */
    STRIPE_API_URL: z
      .string()
      .url()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * Identity providers (SSO issuers) on internal addresses that sign-in may reach: `host`, `host:port` or
     * an IP address, comma-separated. Empty: only public https issuers.
     */
    SSO_ALLOWED_HOSTS: hostList,
    /** Name servers that answer domain-verification TXT lookups (`ip` or `ip:port`, comma-separated); default the system's. */
    SSO_DNS_SERVERS: hostList,
    TLDRAW_LICENSE_KEY: optional,
    /**
     * The SMTP server e-mail goes through, as a URL: smtp://user:pass@host:587 (STARTTLS when the
     * server offers it) or smtps://user:pass@host:465; invitations and sign-up links. Unset: e-mails are kept in the outbox.
     */
    SMTP_URL: optional.refine(
      (v) => v === undefined || /^smtps?:\/\/[^\s]+$/.test(v),
      "SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465",
    ),
    /** The sender of every e-mail. */
    MAIL_FROM: z.string().trim().min(3).default("APIMarketplace Pro <no-reply@apimarketplace.localhost>"),
    /** Show the e-mail outbox at /dev/outbox (set by `npm start` with embedded PostgreSQL). */
    SHOW_OUTBOX: z
      .enum(["true", "false", ""])
      .optional()
      .transform((v) => v === "true"),
    /** Show the demo accounts' credentials on the log-in page (set by `npm start` in development). */
    SHOW_DEMO_CREDENTIALS: z
      .enum(["true", "false", ""])
      .optional()
      .transform((v) => v === "true"),
    /** Largest request body the server accepts, in bytes. */
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
    /**
     * Hosts that requests sent from request rooms may reach although they are private
     * (loopback, private networks, link-local...): comma-separated `host` or `host:port`;
     * an IP address allows connecting to that address. Empty: only public addresses.
     */
    REQUEST_ALLOWED_HOSTS: hostList,
    /** Time a sent request may take, redirects included. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
    /** Largest response a sent request may return (after decompression). */
    REQUEST_MAX_RESPONSE_BYTES: z.coerce.number().int().positive().default(5_000_000),
    /** Most people in one request session at once. */
    SESSION_MAX_PARTICIPANTS: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * How often an open room asks whether its person may still be there; when they may not,
     * the page leaves the room (docs/decisions/073-cutting-room-access.md).
     */
    ROOM_LEASE_SECONDS: z.coerce.number().min(1).max(60).default(20),
    /**
     * After someone loses access, how long the server waits for their page to leave before it
     * closes the room's connections itself (for a page that does not leave: stuck or tampered).
     */
    ROOM_CUT_GRACE_SECONDS: z.coerce.number().min(1).max(300).default(40),
    /** A session's recording ends after its room has been empty this long. */
    RECORDING_IDLE_SECONDS: z.coerce.number().positive().default(60),
    /** Largest archive people may upload for a scan, in bytes (server/index.ts lets such bodies through). */
    MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(50_000_000),
  })
  .superRefine((value, ctx) => {
    // Half-configured billing would take money whose webhooks nobody verifies, or sell no plan at all.
    if (!value.STRIPE_SECRET_KEY) return;
    for (const name of ["STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_PRICE_ENTERPRISE"] as const) {
      if (!value[name])
        ctx.addIssue({ code: "custom", path: [name], message: `${name} is required with STRIPE_SECRET_KEY` });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";

/**
 * Reads the environment again on the next env(). For tests, which start the app in-process
 * after its modules (and the job workers' copies of them) have read the environment once.
 */
export function reloadEnv() {
  cached = undefined;
}

/** The origin people reach the app at: APP_URL behind a proxy, else the request's own. */
export const publicOrigin = (request: Request) => new URL(env().APP_URL ?? request.url).origin;
