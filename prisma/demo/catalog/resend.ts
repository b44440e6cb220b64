import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const emailParams = {
  type: "object",
  required: ["from", "to", "subject"],
  properties: {
    from: { type: "string", example: "Acme <onboarding@acme.dev>" },
    to: { oneOf: [{ type: "string" }, { type: "array", maxItems: 50, items: { type: "string" } }] },
    subject: { type: "string" },
    html: { type: "string" },
    text: { type: "string" },
    reply_to: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    scheduled_at: { type: "string" },
    tags: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "value"],
        properties: { name: { type: "string" }, value: { type: "string" } },
      },
    },
  },
};
const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string", maxLength: 256 },
};
const idObject = { type: "object", properties: { id: { type: "string", format: "uuid" } } };

export const resend: CatalogApi = {
  slug: "resend",
  name: "Resend Email API",
  provider: "Resend",
  category: "email",
  description:
    "Developer-first transactional email: single and batch (up to 100) sends, domains, audiences and contacts.",
  baseUrl: "https://api.resend.com",
  docsUrl: "https://resend.com/docs/api-reference/introduction",
  soc2: true,
  // Sending region is chosen per domain.
  dataResidency: ["US", "EU", "BR", "JP"],
  authMethods: ["bearer"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Resend API (demo subset)", version: "1.0" },
    servers: [{ url: "https://api.resend.com" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "API key (re_...)" } },
    },
    security: [{ bearerAuth: [] }],
    paths: {
      "/emails": {
        post: {
          operationId: "sendEmail",
          summary: "Send an email",
          parameters: [idempotencyKey],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: emailParams,
                example: {
                  from: "Acme <receipts@acme.dev>",
                  to: ["ana@example.com"],
                  subject: "Your receipt",
                  html: "<p>Thanks for your order!</p>",
                },
              },
            },
          },
          responses: { "200": { description: "Email queued", content: { [JSON_CT]: { schema: idObject } } } },
        },
      },
      "/emails/batch": {
        post: {
          operationId: "sendBatchEmails",
          summary: "Send up to 100 emails in one request",
          parameters: [idempotencyKey],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: { type: "array", maxItems: 100, items: emailParams },
                example: [
                  {
                    from: "Acme <alerts@acme.dev>",
                    to: ["ana@example.com"],
                    subject: "Weekly report",
                    html: "<p>Your report is ready</p>",
                  },
                  {
                    from: "Acme <alerts@acme.dev>",
                    to: ["li@example.com"],
                    subject: "Weekly report",
                    html: "<p>Your report is ready</p>",
                  },
                ],
              },
            },
          },
          responses: {
            "200": {
              description: "Emails queued",
              content: {
                [JSON_CT]: { schema: { type: "object", properties: { data: { type: "array", items: idObject } } } },
              },
            },
          },
        },
      },
      "/emails/{email_id}": {
        get: {
          operationId: "getEmail",
          summary: "Retrieve an email and its last event",
          parameters: [{ name: "email_id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "The email",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      to: { type: "array", items: { type: "string" } },
                      subject: { type: "string" },
                      last_event: { type: "string" },
                      created_at: { type: "string" },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/domains": {
        post: {
          operationId: "createDomain",
          summary: "Add a sending domain",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["name"],
                  properties: {
                    name: { type: "string" },
                    region: { type: "string", enum: ["us-east-1", "eu-west-1", "sa-east-1", "ap-northeast-1"] },
                  },
                },
                example: { name: "mail.acme.dev", region: "eu-west-1" },
              },
            },
          },
          responses: {
            "201": {
              description: "The domain with DNS records to set",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      name: { type: "string" },
                      status: { type: "string" },
                      records: { type: "array", items: { type: "object" } },
                    },
                  },
                },
              },
            },
          },
        },
        get: {
          operationId: "listDomains",
          summary: "List domains",
          responses: {
            "200": {
              description: "Domains",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      data: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: {
                            id: { type: "string" },
                            name: { type: "string" },
                            status: { type: "string" },
                            region: { type: "string" },
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
      },
      "/audiences/{audience_id}/contacts": {
        post: {
          operationId: "createContact",
          summary: "Add a contact to an audience",
          parameters: [{ name: "audience_id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["email"],
                  properties: {
                    email: { type: "string" },
                    first_name: { type: "string" },
                    last_name: { type: "string" },
                    unsubscribed: { type: "boolean" },
                  },
                },
                example: { email: "ana@example.com", first_name: "Ana" },
              },
            },
          },
          responses: { "201": { description: "Contact created", content: { [JSON_CT]: { schema: idObject } } } },
        },
      },
    },
  },
  plans: [
    {
      name: "Free",
      monthlyFee: 0,
      description: "3,000 emails / month (100 per day), 1 domain; no overage.",
      unitPrices: [{ unit: "email", pricePerUnit: 0, includedUnits: 3000 }],
    },
    {
      name: "Pro",
      monthlyFee: 20,
      description: "50,000 emails / month, then $0.90 per 1,000; 10 domains.",
      unitPrices: [{ unit: "email", pricePerUnit: 0.0009, includedUnits: 50000 }],
    },
    {
      name: "Scale",
      monthlyFee: 90,
      description: "100,000 emails / month, then $0.90 per 1,000; 1,000 domains, dedicated IP add-on.",
      unitPrices: [{ unit: "email", pricePerUnit: 0.0009, includedUnits: 100000 }],
    },
  ],
  demoUsage: [
    { operation: "sendEmail", callsPerWeekday: 6000, unitsPerCall: { email: 1 } },
    { operation: "sendBatchEmails", callsPerWeekday: 30, unitsPerCall: { email: 80 } },
  ],
};
