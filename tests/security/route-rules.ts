import { requestDraft } from "../support/request-draft";
import type { World } from "./world";

/**
 * WHO MAY DO WHAT, one line per route file in app/routes (docs/security.md, "Adding a route").
 * The authorization matrix and the fuzz are generated from the app's route list and this
 * table: a route without a rule here fails the security suite, and so does a rule whose
 * route is gone.
 *
 * Access, for each method (GET runs the loader, POST the action):
 *   "public"     anyone, signed in or not
 *   "signed-in"  any account (signed out: a redirect to /login, or 401 for JSON endpoints)
 *   "token"      an API token, never a browser session (every session gets 401)
 *   "none"       the method is not offered: 405 for everyone
 *   { workspace: "read" | "write" | "manage", guests?, signedOut? }   the workspace's members
 *                by role; guests of the request session too when `guests` is true (never for
 *                manage); signedOut: "not-found" for pages that work signed out and answer 404
 *                rather than asking to log in
 *   { organization: "read" | "manage" }                   the organisation's members by role
 * Everyone else gets 404 (as if the thing did not exist), a member without the role 403.
 *
 * `body` is what the matrix sends (allowed roles really perform it, so keep it harmless);
 * `fuzz` is the valid input the fuzz starts from and breaks field by field. `document` says
 * which document kind the route's $documentId is (REQUEST when not said).
 */
export type Access =
  | "public"
  | "signed-in"
  | "token"
  | "none"
  | { workspace: "read" | "write" | "manage"; guests?: boolean; signedOut?: "not-found" }
  | { organization: "read" | "manage" };

export type Body = { json: unknown } | { form: Record<string, string> } | { multipart: Record<string, string> };

export type MethodRule = {
  access: Access;
  body?: (w: World) => Body;
  query?: (w: World) => Record<string, string>;
  fuzz?: (w: World) => Body;
  /** Extra headers (an API token). */
  headers?: (w: World) => Record<string, string>;
};

export type RouteRule = {
  label?: string;
  document?: "REQUEST" | "AI" | "CANVAS";
  params?: (w: World) => Record<string, string>;
  GET: Access | MethodRule;
  POST: Access | MethodRule;
};

const member = (level: "read" | "write" | "manage", guests = false) => ({ workspace: level, guests });
const org = (level: "read" | "manage") => ({ organization: level });

const draft = (url = "https://api.example.com/v1/things") =>
  requestDraft(url, {
    query: [{ id: "q1", enabled: true, name: "limit", value: "10" }],
    headers: [{ id: "h1", enabled: true, name: "Accept", value: "application/json" }],
    auth: {
      type: "bearer",
      token: "{{TOKEN}}",
      username: "",
      password: "",
      keyName: "",
      keyValue: "",
      keyIn: "header",
    },
  });

export const ROUTE_RULES: Record<string, RouteRule | RouteRule[]> = {
  _index: { GET: "public", POST: "none" },
  healthz: { GET: "public", POST: "none" },
  sandbox: { GET: "public", POST: "none" },
  login: {
    GET: "public",
    POST: { access: "public", fuzz: () => ({ form: { email: "someone@example.com", password: "a-password" } }) },
  },
  logout: { GET: "public", POST: "public" },
  signup: {
    GET: "public",
    POST: {
      access: "public",
      fuzz: () => ({ form: { name: "Fuzz Person", email: "fuzz@example.com", password: "a-long-password" } }),
    },
  },
  "signup_.confirm": {
    GET: { access: "public", query: () => ({ token: "not-a-real-token-0123456789" }) },
    POST: { access: "public", fuzz: () => ({ form: { token: "not-a-real-token-0123456789" } }) },
  },
  join: {
    GET: "signed-in",
    POST: { access: "signed-in", fuzz: () => ({ form: { code: "2345-6789-ABCD" } }) },
  },
  "workspaces._index": { GET: "signed-in", POST: "none" },
  "auth.github": { GET: "public", POST: "none" },
  // Checks the SSO state cookie first: 400 without it.
  "auth.sso.callback": { GET: "public", POST: "none" },

  "auth.github.callback": { GET: "public", POST: "none" },
  // Checks the OAuth state cookie first (400 without it); with it, manage on the workspace.
  "auth.github.callback.connect": { GET: "public", POST: "none" },

  "api.liveblocks-auth": {
    GET: "none",
    POST: {
      access: member("read", true),
      body: (w) => ({ json: { room: w.documents.REQUEST.roomId } }),
      fuzz: (w) => ({ json: { room: w.documents.REQUEST.roomId } }),
    },
  },
  // An open room's lease check (docs/decisions/073): whoever may be in the room, guests included.
  "api.room-lease": {
    GET: "none",
    POST: {
      access: member("read", true),
      body: (w) => ({ json: { room: w.documents.REQUEST.roomId } }),
      fuzz: (w) => ({ json: { room: w.documents.REQUEST.roomId } }),
    },
  },
  // The e-mail outbox: only with SHOW_OUTBOX (a laptop), else 404 for everyone, as here.
  "dev.outbox": { GET: "public", POST: "none" },
  // An invitation link: anyone may open one; a wrong token gets its page (the token decides, not a session).
  "invite.$token": {
    params: () => ({ token: "not-a-real-invitation-token-0123456789abcdef" }),
    GET: "public",
    POST: { access: "public", fuzz: () => ({ form: { intent: "accept" } }) },
  },
  "settings.tokens": {
    GET: "signed-in",
    POST: {
      access: "signed-in",
      fuzz: (w) => ({
        form: {
          intent: "create",
          name: "Fuzz token",
          organizationId: w.organization.id,
          scopes: "documents:read",
          expiresInDays: "7",
        },
      }),
    },
  },
  // Signed by Stripe, never by a session: 404 while billing is off, 400 for a bad signature.
  "api.stripe.webhook": {
    GET: "none",
    POST: { access: "public", fuzz: () => ({ json: { id: "evt_fuzz", type: "customer.subscription.updated" } }) },
  },
  "api.notifications": {
    GET: "signed-in",
    POST: { access: "signed-in", fuzz: () => ({ json: { ids: [crypto.randomUUID()] } }) },
  },
  "api.jobs.$jobId": { GET: member("read"), POST: member("write") },
  "api.usage.events": {
    GET: "none",
    POST: {
      access: "token",
      headers: (w) => ({ authorization: `Bearer ${w.ingestionToken}` }),
      fuzz: () => ({
        json: {
          events: [
            {
              eventId: "fuzz-1",
              subscriptionId: crypto.randomUUID(),
              operation: "createThing",
              units: { request: 1 },
              occurredAt: new Date().toISOString(),
            },
          ],
        },
      }),
    },
  },

  "orgs.$organizationId.budgets": {
    GET: org("read"),
    POST: {
      access: org("manage"),
      fuzz: () => ({ form: { target: "subscription", id: crypto.randomUUID(), monthlyBudgetUsd: "100" } }),
    },
  },
  "orgs.$organizationId.audit": {
    GET: {
      access: org("manage"),
      query: () => ({ action: "budget", q: "monthly", from: "2026-01-01", to: "2026-12-31" }),
    },
    POST: "none",
  },
  "orgs.$organizationId.audit[.]csv": {
    GET: { access: org("manage"), query: () => ({ q: "monthly", from: "2026-01-01" }) },
    POST: "none",
  },
  "orgs.$organizationId.intelligence": {
    GET: org("read"),
    // Members give feedback on anomalies (write); "Check now" and savings are for owners and admins.
    POST: {
      access: org("manage"),
      body: () => ({ form: { intent: "refresh" } }),
      fuzz: () => ({ form: { intent: "feedback", anomalyId: crypto.randomUUID(), verdict: "expected" } }),
    },
  },
  "orgs.$organizationId.webhooks": {
    GET: org("manage"),
    POST: {
      access: org("manage"),
      fuzz: () => ({ form: { intent: "create", url: "https://hooks.example.com/fuzzed", format: "JSON" } }),
    },
  },
  "orgs.$organizationId.billing": {
    GET: org("manage"),
    // With billing off (as here) every Stripe intent answers 409; "set-tier" is for owners only.
    POST: {
      access: org("manage"),
      body: () => ({ form: { intent: "seats" } }),
      fuzz: () => ({ form: { intent: "checkout", tier: "PRO" } }),
    },
  },
  "orgs.$organizationId.sso": {
    GET: org("manage"),
    POST: {
      access: org("manage"),
      body: () => ({ form: { intent: "add-domain", domain: "matrix.example.com" } }),
      fuzz: () => ({ form: { intent: "add-domain", domain: "fuzz.example.com" } }),
    },
  },
  "orgs.$organizationId._index": {
    GET: org("read"),
    POST: {
      access: org("manage"),
      body: () => ({ form: { intent: "rename", name: "Matrix Org" } }),
      fuzz: () => ({ form: { intent: "rename", name: "Matrix Org" } }),
    },
  },
  // Per intent inside (anyone may leave); inviting, which the matrix sends, is for owners and admins.
  "orgs.$organizationId.members": {
    GET: org("read"),
    POST: {
      access: org("manage"),
      body: () => ({ form: { intent: "invite", email: `matrix-${crypto.randomUUID()}@example.com`, role: "VIEWER" } }),
      fuzz: () => ({ form: { intent: "invite", email: "fuzz-invite@example.com", role: "VIEWER" } }),
    },
  },
  // Per intent inside (a team's lead manages its members); creating, which the matrix sends, is for owners and admins.
  "orgs.$organizationId.teams": {
    GET: org("read"),
    POST: {
      access: org("manage"),
      body: () => ({ form: { intent: "create", name: `Matrix team ${crypto.randomUUID().slice(0, 8)}` } }),
      fuzz: () => ({ form: { intent: "create", name: "Fuzz team" } }),
    },
  },
  "orgs.$organizationId.workspaces": {
    GET: org("read"),
    POST: {
      access: org("manage"),
      body: () => ({ form: { intent: "create", name: "Matrix extra workspace" } }),
      fuzz: () => ({ form: { intent: "create", name: "Fuzz workspace" } }),
    },
  },
  "orgs.$organizationId.ingestion-tokens": {
    GET: org("manage"),
    POST: { access: org("manage"), fuzz: () => ({ form: { intent: "create", name: "fuzzed token" } }) },
  },

  "w.$workspaceId._index": {
    GET: member("read"),
    POST: { access: member("write"), fuzz: () => ({ form: { kind: "REQUEST", title: "Fuzzed document" } }) },
  },
  "w.$workspaceId.ai.model": {
    GET: "none",
    POST: { access: member("manage"), fuzz: () => ({ json: { model: "claude-3-5-haiku-20241022" } }) },
  },
  "w.$workspaceId.ai.quota": { GET: member("read"), POST: "none" },
  "w.$workspaceId.costs": {
    GET: {
      access: member("read"),
      query: () => ({ q: JSON.stringify([{ kind: "card", subscriptionId: crypto.randomUUID() }]) }),
    },
    POST: "none",
  },
  "w.$workspaceId.d.$documentId.ask": {
    document: "AI",
    GET: "none",
    POST: {
      access: member("write"),
      fuzz: () => ({ json: { mode: "GENERATE", language: "javascript", prompt: "Create a customer" } }),
    },
  },
  "w.$workspaceId.d.$documentId": { GET: member("read", true), POST: "none" },
  "w.$workspaceId.d.$documentId_.chat": {
    GET: "none",
    POST: { access: member("write", true), fuzz: () => ({ json: { text: "hello from the fuzz" } }) },
  },
  "w.$workspaceId.d.$documentId_.codes": {
    GET: "none",
    POST: { access: member("write"), fuzz: () => ({ json: { intent: "create", lifetime: "1h" } }) },
  },
  "w.$workspaceId.d.$documentId_.export": {
    GET: "none",
    POST: {
      access: member("read", true),
      fuzz: () => ({ json: { draft: draft(), language: "javascript", variables: [] } }),
    },
  },
  "w.$workspaceId.d.$documentId_.import": {
    GET: "none",
    POST: {
      access: member("write", true),
      fuzz: () => ({
        json: { source: "curl", command: "curl -H 'Accept: application/json' https://api.example.com/v1" },
      }),
    },
  },
  // Per intent inside: renaming (sent here) and archiving need write, deleting manage; guests none.
  "w.$workspaceId.d.$documentId_.manage": {
    GET: "none",
    POST: {
      access: member("write"),
      body: () => ({ form: { intent: "rename", title: "Matrix REQUEST" } }),
      fuzz: () => ({ form: { intent: "rename", title: "Matrix REQUEST" } }),
    },
  },
  "w.$workspaceId.d.$documentId_.recordings.$recordingId.segments.$startMs": { GET: member("read"), POST: "none" },
  "w.$workspaceId.d.$documentId_.replay.$recordingId": { GET: member("read"), POST: "none" },
  // Repair re-reads the room and rebuilds only what fails its kind's schema: harmless on a healthy room.
  "w.$workspaceId.d.$documentId_.repair": { GET: "none", POST: { access: member("write", true) } },
  "w.$workspaceId.d.$documentId_.secrets": {
    GET: "none",
    POST: {
      access: member("write", true),
      fuzz: () => ({ json: { intent: "set", environmentId: "env-1", name: "TOKEN", value: "a-secret-value" } }),
    },
  },
  "w.$workspaceId.d.$documentId_.send": {
    GET: "none",
    POST: {
      access: member("write", true),
      // A target that is refused before any connection: the send is recorded, nothing leaves.
      fuzz: () => ({
        json: {
          draft: draft("http://127.0.0.1:9/fuzz"),
          environment: { id: "env-1", name: "Default", variables: [{ name: "TOKEN", value: "shared", secret: false }] },
        },
      }),
    },
  },
  "w.$workspaceId.d.$documentId_.sent.$sentId": { GET: member("read", true), POST: "none" },
  "w.$workspaceId.d.$documentId_.threads": {
    document: "CANVAS",
    // Viewers may comment: commenting is reading, not changing the canvas.
    GET: member("read"),
    POST: {
      access: member("read"),
      fuzz: () => ({ json: { intent: "create", shapeId: null, x: 10, y: 20, body: "A comment from the fuzz" } }),
    },
  },

  "w.$workspaceId.scans": {
    GET: { access: member("read"), query: (w) => ({ scan: w.scan.id }) },
    POST: {
      access: member("write"),
      body: (w) => ({ form: { intent: "cancel", scanId: w.scan.id } }),
      fuzz: () => ({
        form: { intent: "save-volume", provider: "stripe", operation: "createCharge", monthlyCalls: "10" },
      }),
    },
  },
  "w.$workspaceId.scans.$scanId.export": {
    GET: { access: member("read"), query: () => ({ format: "sarif" }) },
    POST: "none",
  },
  "w.$workspaceId.scans.github.connect": { GET: member("manage"), POST: "none" },
  "w.$workspaceId.scans.repos": { GET: member("write"), POST: "none" },
  "w.$workspaceId.scans.upload": { GET: "none", POST: member("write") },
  "w.$workspaceId.settings": {
    GET: member("manage"),
    POST: {
      access: member("manage"),
      body: () => ({ form: { intent: "rename", name: "Matrix Workspace" } }),
      fuzz: () => ({ form: { intent: "rename", name: "Matrix Workspace" } }),
    },
  },
  "w.$workspaceId.snippets._index": { GET: member("read"), POST: "none" },
  "w.$workspaceId.snippets.save": {
    GET: "none",
    POST: {
      access: member("write"),
      fuzz: () => ({ json: { title: "Fuzzed snippet", language: "javascript", code: "console.log(1)" } }),
    },
  },

  // A snippet's page: private ones are their workspace's (everyone else 404), public ones anyone's.
  "s.$shareId": [
    {
      label: "private snippet",
      GET: { workspace: "read", signedOut: "not-found" },
      POST: {
        access: member("write"),
        body: () => ({ form: { intent: "visibility", visibility: "PRIVATE" } }),
        fuzz: () => ({ form: { intent: "visibility", visibility: "PRIVATE" } }),
      },
    },
    {
      label: "public snippet",
      params: (w) => ({ shareId: w.publicSnippet.shareId }),
      GET: "public",
      POST: { access: member("write"), body: () => ({ form: { intent: "visibility", visibility: "PUBLIC" } }) },
    },
  ],
};
