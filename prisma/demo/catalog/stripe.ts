import type { CatalogApi } from "./types";

const FORM = "application/x-www-form-urlencoded";

const paymentIntent = {
  type: "object",
  properties: {
    id: { type: "string", example: "pi_3PqXyZ2eZvKYlo2C1a2b3c4d" },
    object: { type: "string", enum: ["payment_intent"] },
    amount: { type: "integer" },
    currency: { type: "string" },
    status: {
      type: "string",
      enum: [
        "requires_payment_method",
        "requires_confirmation",
        "requires_action",
        "processing",
        "requires_capture",
        "canceled",
        "succeeded",
      ],
    },
    client_secret: { type: "string" },
  },
};

export const stripe: CatalogApi = {
  slug: "stripe",
  name: "Stripe API",
  provider: "Stripe",
  category: "payments",
  description:
    "Online payments: PaymentIntents, customers, refunds and subscriptions. Form-encoded requests, JSON responses.",
  baseUrl: "https://api.stripe.com",
  docsUrl: "https://docs.stripe.com/api",
  soc2: true,
  dataResidency: ["US"],
  authMethods: ["bearer", "basic"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Stripe API (demo subset)", version: "2025-01-27" },
    servers: [{ url: "https://api.stripe.com" }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Secret key (sk_live_... / sk_test_...)" },
        basicAuth: { type: "http", scheme: "basic", description: "Secret key as username, empty password" },
      },
    },
    security: [{ bearerAuth: [] }, { basicAuth: [] }],
    paths: {
      "/v1/payment_intents": {
        post: {
          operationId: "createPaymentIntent",
          summary: "Create a PaymentIntent",
          requestBody: {
            required: true,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  required: ["amount", "currency"],
                  properties: {
                    amount: { type: "integer", description: "Smallest currency unit (cents)" },
                    currency: { type: "string" },
                    customer: { type: "string" },
                    confirm: { type: "boolean" },
                    "automatic_payment_methods[enabled]": { type: "boolean" },
                  },
                },
                example: {
                  amount: 4200,
                  currency: "usd",
                  customer: "cus_Q1a2b3c4d5",
                  "automatic_payment_methods[enabled]": true,
                },
              },
            },
          },
          responses: {
            "200": { description: "The PaymentIntent", content: { "application/json": { schema: paymentIntent } } },
          },
        },
      },
      "/v1/payment_intents/{intent}": {
        get: {
          operationId: "retrievePaymentIntent",
          summary: "Retrieve a PaymentIntent",
          parameters: [{ name: "intent", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "The PaymentIntent", content: { "application/json": { schema: paymentIntent } } },
          },
        },
      },
      "/v1/payment_intents/{intent}/confirm": {
        post: {
          operationId: "confirmPaymentIntent",
          summary: "Confirm a PaymentIntent",
          parameters: [{ name: "intent", in: "path", required: true, schema: { type: "string" } }],
          requestBody: {
            required: false,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  properties: { payment_method: { type: "string" }, return_url: { type: "string" } },
                },
                example: { payment_method: "pm_card_visa" },
              },
            },
          },
          responses: {
            "200": {
              description: "The confirmed PaymentIntent",
              content: { "application/json": { schema: paymentIntent } },
            },
          },
        },
      },
      "/v1/customers": {
        post: {
          operationId: "createCustomer",
          summary: "Create a customer",
          requestBody: {
            required: false,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  properties: { email: { type: "string" }, name: { type: "string" }, description: { type: "string" } },
                },
                example: { email: "jenny.rosen@example.com", name: "Jenny Rosen" },
              },
            },
          },
          responses: {
            "200": {
              description: "The customer",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      object: { type: "string", enum: ["customer"] },
                      email: { type: "string", nullable: true },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/charges": {
        get: {
          operationId: "listCharges",
          summary: "List charges",
          parameters: [
            {
              name: "limit",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: 100, default: 10 },
            },
            { name: "starting_after", in: "query", required: false, schema: { type: "string" } },
            { name: "customer", in: "query", required: false, schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "A page of charges",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      object: { type: "string", enum: ["list"] },
                      data: { type: "array", items: { type: "object" } },
                      has_more: { type: "boolean" },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/refunds": {
        post: {
          operationId: "createRefund",
          summary: "Create a refund",
          requestBody: {
            required: false,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  properties: {
                    payment_intent: { type: "string" },
                    charge: { type: "string" },
                    amount: { type: "integer" },
                    reason: { type: "string", enum: ["duplicate", "fraudulent", "requested_by_customer"] },
                  },
                },
                example: { payment_intent: "pi_3PqXyZ2eZvKYlo2C1a2b3c4d", amount: 1000 },
              },
            },
          },
          responses: {
            "200": {
              description: "The refund",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { id: { type: "string" }, amount: { type: "integer" }, status: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/subscriptions": {
        post: {
          operationId: "createSubscription",
          summary: "Create a subscription",
          requestBody: {
            required: true,
            content: {
              [FORM]: {
                schema: {
                  type: "object",
                  required: ["customer", "items[0][price]"],
                  properties: {
                    customer: { type: "string" },
                    "items[0][price]": { type: "string" },
                    "items[0][quantity]": { type: "integer" },
                  },
                },
                example: { customer: "cus_Q1a2b3c4d5", "items[0][price]": "price_1PqTeam49", "items[0][quantity]": 1 },
              },
            },
          },
          responses: {
            "200": {
              description: "The subscription",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { id: { type: "string" }, status: { type: "string" }, customer: { type: "string" } },
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
      name: "Standard (pay as you go)",
      monthlyFee: 0,
      description: "Domestic cards: 2.9% + 30¢ per successful charge. No monthly fee.",
      unitPrices: [
        { unit: "transaction", operation: "createPaymentIntent", pricePerUnit: 0.3 },
        { unit: "volume_usd", operation: "createPaymentIntent", pricePerUnit: 0.029 },
      ],
    },
    {
      name: "Standard + Billing (pay as you go)",
      monthlyFee: 0,
      description: "Standard card pricing plus Stripe Billing at 0.7% of billing volume.",
      unitPrices: [
        { unit: "transaction", operation: "createPaymentIntent", pricePerUnit: 0.3 },
        { unit: "volume_usd", operation: "createPaymentIntent", pricePerUnit: 0.029 },
        { unit: "billing_volume_usd", operation: "createSubscription", pricePerUnit: 0.007 },
      ],
    },
  ],
  demoUsage: [
    { operation: "createPaymentIntent", callsPerWeekday: 600, unitsPerCall: { transaction: 1, volume_usd: 42 } },
    { operation: "createSubscription", callsPerWeekday: 40, unitsPerCall: { billing_volume_usd: 49 } },
  ],
};
