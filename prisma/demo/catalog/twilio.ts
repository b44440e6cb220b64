import type { CatalogApi } from "./types";

const FORM = "application/x-www-form-urlencoded";
const JSON_CT = "application/json";

const accountSid = {
  name: "AccountSid",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^AC[0-9a-fA-F]{32}$" },
};
const serviceSid = {
  name: "ServiceSid",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^VA[0-9a-fA-F]{32}$" },
};
const verifyServers = [{ url: "https://verify.twilio.com" }];

const message = {
  type: "object",
  properties: {
    sid: { type: "string", example: "SM1f0e8ae6ade43cb3c0ce4525424e404f" },
    status: {
      type: "string",
      enum: ["accepted", "queued", "sending", "sent", "failed", "delivered", "undelivered", "received"],
    },
    to: { type: "string" },
    from: { type: "string" },
    num_segments: { type: "string" },
    price: { type: "string", nullable: true },
  },
};

const verification = {
  type: "object",
  properties: {
    sid: { type: "string" },
    to: { type: "string" },
    channel: { type: "string" },
    status: { type: "string", enum: ["pending", "approved", "canceled"] },
    valid: { type: "boolean" },
  },
};

export const twilio: CatalogApi = {
  slug: "twilio",
  name: "Twilio Programmable Messaging, Voice & Verify",
  provider: "Twilio",
  category: "messaging",
  description:
    "SMS/MMS, outbound voice calls and phone verification (Verify). Form-encoded requests with HTTP Basic auth.",
  baseUrl: "https://api.twilio.com",
  docsUrl: "https://www.twilio.com/docs/usage/api",
  soc2: true,
  dataResidency: ["US", "EU", "AU"],
  authMethods: ["basic"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Twilio API (demo subset)", version: "2010-04-01" },
    servers: [{ url: "https://api.twilio.com" }],
    components: {
      securitySchemes: {
        basicAuth: {
          type: "http",
          scheme: "basic",
          description: "Account SID (or API key SID) as username, Auth Token (or API key secret) as password",
        },
      },
    },
    security: [{ basicAuth: [] }],
    paths: {
      "/2010-04-01/Accounts/{AccountSid}/Messages.json": {
        post: {
          operationId: "createMessage",
          summary: "Send an SMS or MMS",
          parameters: [accountSid],
          requestBody: {
            required: true,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  required: ["To"],
                  properties: {
                    To: { type: "string", description: "E.164 number" },
                    From: { type: "string" },
                    MessagingServiceSid: { type: "string" },
                    Body: { type: "string", maxLength: 1600 },
                    MediaUrl: { type: "array", items: { type: "string" } },
                    StatusCallback: { type: "string" },
                  },
                },
                example: { To: "+15558675310", From: "+15017122661", Body: "Your order #1042 has shipped." },
              },
            },
          },
          responses: { "201": { description: "The message resource", content: { [JSON_CT]: { schema: message } } } },
        },
        get: {
          operationId: "listMessages",
          summary: "List messages",
          parameters: [
            accountSid,
            { name: "To", in: "query", required: false, schema: { type: "string" } },
            { name: "From", in: "query", required: false, schema: { type: "string" } },
            { name: "DateSent", in: "query", required: false, schema: { type: "string", format: "date-time" } },
            {
              name: "PageSize",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: 1000, default: 50 },
            },
          ],
          responses: {
            "200": {
              description: "A page of messages",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      messages: { type: "array", items: message },
                      next_page_uri: { type: "string", nullable: true },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json": {
        get: {
          operationId: "fetchMessage",
          summary: "Fetch a message",
          parameters: [accountSid, { name: "Sid", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "The message resource", content: { [JSON_CT]: { schema: message } } } },
        },
      },
      "/2010-04-01/Accounts/{AccountSid}/Calls.json": {
        post: {
          operationId: "createCall",
          summary: "Place an outbound call",
          parameters: [accountSid],
          requestBody: {
            required: true,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  required: ["To", "From"],
                  properties: {
                    To: { type: "string" },
                    From: { type: "string" },
                    Url: { type: "string" },
                    Twiml: { type: "string" },
                    StatusCallback: { type: "string" },
                  },
                },
                example: { To: "+15558675310", From: "+15017122661", Url: "https://example.com/twiml/reminder.xml" },
              },
            },
          },
          responses: {
            "201": {
              description: "The call resource",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      sid: { type: "string" },
                      status: { type: "string" },
                      duration: { type: "string", nullable: true },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v2/Services/{ServiceSid}/Verifications": {
        post: {
          operationId: "createVerification",
          summary: "Start a verification (Verify)",
          servers: verifyServers,
          parameters: [serviceSid],
          requestBody: {
            required: true,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  required: ["To", "Channel"],
                  properties: {
                    To: { type: "string" },
                    Channel: { type: "string", enum: ["sms", "call", "email", "whatsapp", "sna"] },
                    Locale: { type: "string" },
                  },
                },
                example: { To: "+15558675310", Channel: "sms" },
              },
            },
          },
          responses: { "201": { description: "The verification", content: { [JSON_CT]: { schema: verification } } } },
        },
      },
      "/v2/Services/{ServiceSid}/VerificationCheck": {
        post: {
          operationId: "checkVerification",
          summary: "Check a verification code (Verify)",
          servers: verifyServers,
          parameters: [serviceSid],
          requestBody: {
            required: true,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  required: ["Code"],
                  properties: { Code: { type: "string" }, To: { type: "string" }, VerificationSid: { type: "string" } },
                },
                example: { To: "+15558675310", Code: "123456" },
              },
            },
          },
          responses: {
            "200": { description: "The verification check", content: { [JSON_CT]: { schema: verification } } },
          },
        },
      },
    },
  },
  plans: [
    {
      name: "Pay as you go (US)",
      monthlyFee: 0,
      description:
        "US list prices: $0.0083 per SMS segment (carrier fees extra), $0.014/min outbound voice, Verify $0.05 per successful verification plus channel fees.",
      unitPrices: [
        { unit: "sms", operation: "createMessage", pricePerUnit: 0.0083 },
        { unit: "sms", operation: "createVerification", pricePerUnit: 0.0083 },
        { unit: "call_minute", operation: "createCall", pricePerUnit: 0.014 },
        { unit: "verification", operation: "checkVerification", pricePerUnit: 0.05 },
      ],
    },
    {
      name: "Committed use (illustrative)",
      monthlyFee: 750,
      description: "Illustrative committed-use agreement: 100,000 SMS segments included, discounted overage and voice.",
      unitPrices: [
        { unit: "sms", operation: "createMessage", pricePerUnit: 0.0072, includedUnits: 100000 },
        { unit: "sms", operation: "createVerification", pricePerUnit: 0.0072 },
        { unit: "call_minute", operation: "createCall", pricePerUnit: 0.012 },
        { unit: "verification", operation: "checkVerification", pricePerUnit: 0.045 },
      ],
    },
  ],
  demoUsage: [
    { operation: "createMessage", callsPerWeekday: 2500, unitsPerCall: { sms: 1.3 } },
    { operation: "createCall", callsPerWeekday: 120, unitsPerCall: { call_minute: 3 } },
    { operation: "createVerification", callsPerWeekday: 400, unitsPerCall: { sms: 1 } },
    { operation: "checkVerification", callsPerWeekday: 350, unitsPerCall: { verification: 1 } },
  ],
};
