import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const address = {
  type: "object",
  required: ["email"],
  properties: { email: { type: "string", format: "email" }, name: { type: "string" } },
};

export const sendgrid: CatalogApi = {
  slug: "sendgrid",
  name: "SendGrid Email API",
  provider: "Twilio SendGrid",
  category: "email",
  description:
    "Transactional and marketing email. One /v3/mail/send call can address up to 1,000 personalizations (recipient groups).",
  baseUrl: "https://api.sendgrid.com",
  docsUrl: "https://www.twilio.com/docs/sendgrid/api-reference",
  soc2: true,
  dataResidency: ["US", "EU"],
  authMethods: ["bearer"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "SendGrid v3 API (demo subset)", version: "3.0" },
    servers: [
      { url: "https://api.sendgrid.com" },
      { url: "https://api.eu.sendgrid.com", description: "EU data residency subusers" },
    ],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "API key (SG....)" } },
    },
    security: [{ bearerAuth: [] }],
    paths: {
      "/v3/mail/send": {
        post: {
          operationId: "sendMail",
          summary: "Send email; up to 1,000 personalizations per request",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["personalizations", "from"],
                  properties: {
                    personalizations: {
                      type: "array",
                      minItems: 1,
                      maxItems: 1000,
                      items: {
                        type: "object",
                        required: ["to"],
                        properties: {
                          to: { type: "array", items: address },
                          subject: { type: "string" },
                          dynamic_template_data: { type: "object" },
                        },
                      },
                    },
                    from: address,
                    subject: { type: "string" },
                    content: {
                      type: "array",
                      items: {
                        type: "object",
                        required: ["type", "value"],
                        properties: { type: { type: "string" }, value: { type: "string" } },
                      },
                    },
                    template_id: { type: "string" },
                  },
                },
                example: {
                  personalizations: [
                    { to: [{ email: "ana@example.com" }], dynamic_template_data: { first_name: "Ana" } },
                    { to: [{ email: "li@example.com" }], dynamic_template_data: { first_name: "Li" } },
                  ],
                  from: { email: "receipts@example.com", name: "Example Shop" },
                  template_id: "d-13b8f94fbcae4ec6b75270d6cb59f932",
                },
              },
            },
          },
          responses: { "202": { description: "Accepted for delivery (empty body)" } },
        },
      },
      "/v3/templates": {
        post: {
          operationId: "createTemplate",
          summary: "Create a transactional template",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["name"],
                  properties: { name: { type: "string" }, generation: { type: "string", enum: ["legacy", "dynamic"] } },
                },
                example: { name: "Order receipt", generation: "dynamic" },
              },
            },
          },
          responses: {
            "201": {
              description: "The template",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: { id: { type: "string" }, name: { type: "string" }, generation: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
      "/v3/stats": {
        get: {
          operationId: "getGlobalStats",
          summary: "Global email statistics",
          parameters: [
            { name: "start_date", in: "query", required: true, schema: { type: "string", format: "date" } },
            { name: "end_date", in: "query", required: false, schema: { type: "string", format: "date" } },
            {
              name: "aggregated_by",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["day", "week", "month"] },
            },
          ],
          responses: {
            "200": {
              description: "Stats per period",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: { date: { type: "string" }, stats: { type: "array", items: { type: "object" } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v3/suppression/bounces": {
        get: {
          operationId: "listBounces",
          summary: "List bounced addresses",
          parameters: [
            {
              name: "start_time",
              in: "query",
              required: false,
              schema: { type: "integer", description: "Unix timestamp" },
            },
            { name: "end_time", in: "query", required: false, schema: { type: "integer" } },
            { name: "limit", in: "query", required: false, schema: { type: "integer" } },
          ],
          responses: {
            "200": {
              description: "Bounces",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        email: { type: "string" },
                        created: { type: "integer" },
                        reason: { type: "string" },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v3/validations/email": {
        post: {
          operationId: "validateEmail",
          summary: "Validate an email address (Email Address Validation, Pro and above)",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["email"],
                  properties: { email: { type: "string" }, source: { type: "string" } },
                },
                example: { email: "someone@example.com", source: "signup" },
              },
            },
          },
          responses: {
            "200": {
              description: "Validation result",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      result: {
                        type: "object",
                        properties: {
                          email: { type: "string" },
                          verdict: { type: "string", enum: ["Valid", "Risky", "Invalid"] },
                          score: { type: "number" },
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
      "/v3/marketing/contacts": {
        put: {
          operationId: "upsertContacts",
          summary: "Add or update up to 30,000 Marketing Campaigns contacts asynchronously",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["contacts"],
                  properties: {
                    list_ids: { type: "array", items: { type: "string" } },
                    contacts: { type: "array", maxItems: 30000, items: address },
                  },
                },
                example: { contacts: [{ email: "ana@example.com" }, { email: "li@example.com" }] },
              },
            },
          },
          responses: {
            "202": {
              description: "Import job accepted",
              content: { [JSON_CT]: { schema: { type: "object", properties: { job_id: { type: "string" } } } } },
            },
          },
        },
      },
    },
  },
  plans: [
    {
      name: "Essentials 50K",
      monthlyFee: 19.95,
      description: "50,000 emails / month, shared IP; overage billed per extra email.",
      unitPrices: [{ unit: "email", operation: "sendMail", pricePerUnit: 0.0013, includedUnits: 50000 }],
    },
    {
      name: "Pro 100K",
      monthlyFee: 89.95,
      description: "100,000 emails / month, dedicated IP, subusers and 2,500 email validations / month.",
      unitPrices: [
        { unit: "email", operation: "sendMail", pricePerUnit: 0.00085, includedUnits: 100000 },
        { unit: "validation", operation: "validateEmail", pricePerUnit: 0.01, includedUnits: 2500 },
      ],
    },
    {
      name: "Pro 300K",
      monthlyFee: 249,
      description: "300,000 emails / month with Pro features and 2,500 email validations / month.",
      unitPrices: [
        { unit: "email", operation: "sendMail", pricePerUnit: 0.00075, includedUnits: 300000 },
        { unit: "validation", operation: "validateEmail", pricePerUnit: 0.01, includedUnits: 2500 },
      ],
    },
  ],
  demoUsage: [
    { operation: "sendMail", callsPerWeekday: 3500, unitsPerCall: { email: 1.4 } },
    { operation: "validateEmail", callsPerWeekday: 150, unitsPerCall: { validation: 1 } },
  ],
};
