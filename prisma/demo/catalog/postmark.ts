import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const email = {
  type: "object",
  required: ["From", "To"],
  properties: {
    From: { type: "string" },
    To: { type: "string", description: "Comma-separated, up to 50 recipients" },
    Cc: { type: "string" },
    Subject: { type: "string" },
    HtmlBody: { type: "string" },
    TextBody: { type: "string" },
    Tag: { type: "string" },
    MessageStream: { type: "string", default: "outbound" },
  },
};
const templatedEmail = {
  type: "object",
  required: ["From", "To", "TemplateModel"],
  properties: {
    From: { type: "string" },
    To: { type: "string" },
    TemplateId: { type: "integer" },
    TemplateAlias: { type: "string" },
    TemplateModel: { type: "object" },
    MessageStream: { type: "string" },
  },
};
const sendResult = {
  type: "object",
  properties: {
    To: { type: "string" },
    SubmittedAt: { type: "string" },
    MessageID: { type: "string" },
    ErrorCode: { type: "integer" },
    Message: { type: "string" },
  },
};
const paging = [
  { name: "count", in: "query", required: true, schema: { type: "integer", minimum: 1, maximum: 500 } },
  { name: "offset", in: "query", required: true, schema: { type: "integer", minimum: 0 } },
];

export const postmark: CatalogApi = {
  slug: "postmark",
  name: "Postmark Email API",
  provider: "Postmark (ActiveCampaign)",
  category: "email",
  description:
    "Transactional email with templates, batch sending of up to 500 messages per call, bounces and delivery stats.",
  baseUrl: "https://api.postmarkapp.com",
  docsUrl: "https://postmarkapp.com/developer",
  // Postmark states that it has not itself undergone a SOC audit (its data centers have).
  soc2: false,
  dataResidency: ["US"],
  authMethods: ["api_key_header"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Postmark API (demo subset)", version: "1.0" },
    servers: [{ url: "https://api.postmarkapp.com" }],
    components: {
      securitySchemes: { serverToken: { type: "apiKey", in: "header", name: "X-Postmark-Server-Token" } },
    },
    security: [{ serverToken: [] }],
    paths: {
      "/email": {
        post: {
          operationId: "sendEmail",
          summary: "Send a single email",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: email,
                example: {
                  From: "receipts@example.com",
                  To: "ana@example.com",
                  Subject: "Your receipt",
                  HtmlBody: "<p>Thanks for your order!</p>",
                  MessageStream: "outbound",
                },
              },
            },
          },
          responses: { "200": { description: "Send result", content: { [JSON_CT]: { schema: sendResult } } } },
        },
      },
      "/email/batch": {
        post: {
          operationId: "sendEmailBatch",
          summary: "Send up to 500 emails in one request",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: { type: "array", maxItems: 500, items: email },
                example: [
                  {
                    From: "alerts@example.com",
                    To: "ana@example.com",
                    Subject: "Daily digest",
                    TextBody: "3 new comments",
                  },
                  {
                    From: "alerts@example.com",
                    To: "li@example.com",
                    Subject: "Daily digest",
                    TextBody: "1 new comment",
                  },
                ],
              },
            },
          },
          responses: {
            "200": {
              description: "One result per message",
              content: { [JSON_CT]: { schema: { type: "array", items: sendResult } } },
            },
          },
        },
      },
      "/email/withTemplate": {
        post: {
          operationId: "sendEmailWithTemplate",
          summary: "Send an email rendered from a template",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: templatedEmail,
                example: {
                  From: "hello@example.com",
                  To: "ana@example.com",
                  TemplateAlias: "welcome",
                  TemplateModel: { name: "Ana" },
                },
              },
            },
          },
          responses: { "200": { description: "Send result", content: { [JSON_CT]: { schema: sendResult } } } },
        },
      },
      "/email/batchWithTemplates": {
        post: {
          operationId: "sendEmailBatchWithTemplates",
          summary: "Send up to 500 templated emails in one request",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["Messages"],
                  properties: { Messages: { type: "array", maxItems: 500, items: templatedEmail } },
                },
                example: {
                  Messages: [
                    {
                      From: "hello@example.com",
                      To: "ana@example.com",
                      TemplateAlias: "welcome",
                      TemplateModel: { name: "Ana" },
                    },
                    {
                      From: "hello@example.com",
                      To: "li@example.com",
                      TemplateAlias: "welcome",
                      TemplateModel: { name: "Li" },
                    },
                  ],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "One result per message",
              content: { [JSON_CT]: { schema: { type: "array", items: sendResult } } },
            },
          },
        },
      },
      "/messages/outbound": {
        get: {
          operationId: "searchOutboundMessages",
          summary: "Search sent messages",
          parameters: [
            ...paging,
            { name: "recipient", in: "query", required: false, schema: { type: "string" } },
            { name: "tag", in: "query", required: false, schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "Messages",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      TotalCount: { type: "integer" },
                      Messages: { type: "array", items: { type: "object" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/bounces": {
        get: {
          operationId: "getBounces",
          summary: "List bounces",
          parameters: [
            ...paging,
            { name: "type", in: "query", required: false, schema: { type: "string", example: "HardBounce" } },
            { name: "inactive", in: "query", required: false, schema: { type: "boolean" } },
          ],
          responses: {
            "200": {
              description: "Bounces",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      TotalCount: { type: "integer" },
                      Bounces: { type: "array", items: { type: "object" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/deliverystats": {
        get: {
          operationId: "getDeliveryStats",
          summary: "Bounce counts by type",
          responses: {
            "200": {
              description: "Delivery stats",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      InactiveMails: { type: "integer" },
                      Bounces: { type: "array", items: { type: "object" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  plans: [
    {
      name: "Basic 10K",
      monthlyFee: 15,
      description: "10,000 emails / month, then $1.80 per 1,000; 45-day retention.",
      unitPrices: [{ unit: "email", pricePerUnit: 0.0018, includedUnits: 10000 }],
    },
    {
      name: "Pro 10K",
      monthlyFee: 16.5,
      description: "10,000 emails / month, then $1.30 per 1,000; inbound processing, custom retention.",
      unitPrices: [{ unit: "email", pricePerUnit: 0.0013, includedUnits: 10000 }],
    },
    {
      name: "Platform 10K",
      monthlyFee: 18,
      description: "10,000 emails / month, then $1.20 per 1,000; unlimited users, servers and domains.",
      unitPrices: [{ unit: "email", pricePerUnit: 0.0012, includedUnits: 10000 }],
    },
  ],
  demoUsage: [
    { operation: "sendEmail", callsPerWeekday: 4000, unitsPerCall: { email: 1 } },
    { operation: "sendEmailWithTemplate", callsPerWeekday: 2000, unitsPerCall: { email: 1 } },
    { operation: "sendEmailBatch", callsPerWeekday: 20, unitsPerCall: { email: 300 } },
  ],
};
