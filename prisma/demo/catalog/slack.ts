import type { CatalogApi } from "./types";

const JSON_CT = "application/json";
const FORM = "application/x-www-form-urlencoded";

/** Slack Web API methods always answer HTTP 200 with an `ok` flag. */
const okEnvelope = (extra: Record<string, unknown>) => ({
  "200": {
    description: "Slack envelope; check `ok` and `error`",
    content: {
      [JSON_CT]: {
        schema: {
          type: "object",
          required: ["ok"],
          properties: { ok: { type: "boolean" }, error: { type: "string" }, ...extra },
        },
      },
    },
  },
});

const channel = { name: "channel", in: "query", required: true, schema: { type: "string" } };
const cursor = { name: "cursor", in: "query", required: false, schema: { type: "string" } };
const limit = { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000 } };

export const slack: CatalogApi = {
  slug: "slack",
  name: "Slack Web API",
  provider: "Salesforce (Slack)",
  category: "collaboration",
  description: "Post and update messages, read channel history, look up users and add reactions with a bot token.",
  baseUrl: "https://slack.com/api",
  docsUrl: "https://api.slack.com/methods",
  soc2: true,
  dataResidency: ["US", "EU", "UK", "CA", "AU", "JP", "IN", "KR", "SG"],
  authMethods: ["bearer", "oauth2"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Slack Web API (demo subset)", version: "1.0" },
    servers: [{ url: "https://slack.com/api" }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Bot token (xoxb-...) or user token (xoxp-...)" },
        oauth2: {
          type: "oauth2",
          flows: {
            authorizationCode: {
              authorizationUrl: "https://slack.com/oauth/v2/authorize",
              tokenUrl: "https://slack.com/api/oauth.v2.access",
              scopes: {
                "chat:write": "Send messages",
                "channels:history": "Read public channel history",
                "users:read": "View people",
                "reactions:write": "Add reactions",
              },
            },
          },
        },
      },
    },
    security: [{ bearerAuth: [] }, { oauth2: ["chat:write"] }],
    paths: {
      "/chat.postMessage": {
        post: {
          operationId: "chatPostMessage",
          summary: "Send a message to a channel",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["channel"],
                  properties: {
                    channel: { type: "string" },
                    text: { type: "string" },
                    blocks: { type: "array", items: { type: "object" } },
                    thread_ts: { type: "string" },
                  },
                },
                example: { channel: "C0123456789", text: "Deploy of web@4f2a1c finished :rocket:" },
              },
            },
          },
          responses: okEnvelope({ channel: { type: "string" }, ts: { type: "string" } }),
        },
      },
      "/chat.update": {
        post: {
          operationId: "chatUpdate",
          summary: "Update a message",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["channel", "ts"],
                  properties: {
                    channel: { type: "string" },
                    ts: { type: "string" },
                    text: { type: "string" },
                    blocks: { type: "array", items: { type: "object" } },
                  },
                },
                example: { channel: "C0123456789", ts: "1718035200.000100", text: "Deploy rolled back" },
              },
            },
          },
          responses: okEnvelope({ channel: { type: "string" }, ts: { type: "string" } }),
        },
      },
      "/conversations.list": {
        get: {
          operationId: "conversationsList",
          summary: "List channels in the workspace",
          parameters: [
            {
              name: "types",
              in: "query",
              required: false,
              schema: { type: "string", example: "public_channel,private_channel" },
            },
            { name: "exclude_archived", in: "query", required: false, schema: { type: "boolean" } },
            cursor,
            limit,
          ],
          responses: okEnvelope({
            channels: { type: "array", items: { type: "object" } },
            response_metadata: { type: "object" },
          }),
        },
      },
      "/conversations.history": {
        get: {
          operationId: "conversationsHistory",
          summary: "Fetch a channel's message history",
          parameters: [
            channel,
            { name: "oldest", in: "query", required: false, schema: { type: "string" } },
            cursor,
            limit,
          ],
          responses: okEnvelope({
            messages: { type: "array", items: { type: "object" } },
            has_more: { type: "boolean" },
          }),
        },
      },
      "/users.info": {
        get: {
          operationId: "usersInfo",
          summary: "Get a user's profile",
          parameters: [{ name: "user", in: "query", required: true, schema: { type: "string" } }],
          responses: okEnvelope({
            user: {
              type: "object",
              properties: { id: { type: "string" }, name: { type: "string" }, tz: { type: "string" } },
            },
          }),
        },
      },
      "/reactions.add": {
        post: {
          operationId: "reactionsAdd",
          summary: "Add an emoji reaction to a message",
          requestBody: {
            required: true,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  required: ["channel", "name", "timestamp"],
                  properties: { channel: { type: "string" }, name: { type: "string" }, timestamp: { type: "string" } },
                },
                example: { channel: "C0123456789", name: "white_check_mark", timestamp: "1718035200.000100" },
              },
            },
          },
          responses: okEnvelope({}),
        },
      },
    },
  },
  plans: [
    {
      name: "Free",
      monthlyFee: 0,
      description: "Web API calls are free (per-method rate-limit tiers); 90 days of message history.",
      unitPrices: [{ unit: "request", pricePerUnit: 0 }],
    },
    {
      name: "Pro (10 seats)",
      monthlyFee: 87.5,
      description: "$8.75 per user / month billed monthly, 10 users; unlimited history.",
      unitPrices: [{ unit: "request", pricePerUnit: 0 }],
    },
    {
      name: "Business+ (10 seats)",
      monthlyFee: 150,
      description: "$15 per user / month billed annually, 10 users; SAML SSO, data residency, 99.99% SLA.",
      unitPrices: [{ unit: "request", pricePerUnit: 0 }],
    },
  ],
  demoUsage: [
    { operation: "chatPostMessage", callsPerWeekday: 1500, unitsPerCall: { request: 1 } },
    { operation: "conversationsHistory", callsPerWeekday: 400, unitsPerCall: { request: 1 } },
    { operation: "usersInfo", callsPerWeekday: 800, unitsPerCall: { request: 1 } },
  ],
};
