import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

/** Every request must carry the API version header. */
const anthropicVersion = {
  name: "anthropic-version",
  in: "header",
  required: true,
  schema: { type: "string", default: "2023-06-01" },
};

const messageParams = {
  type: "object",
  required: ["model", "max_tokens", "messages"],
  properties: {
    model: { type: "string" },
    max_tokens: { type: "integer", minimum: 1 },
    system: { type: "string" },
    messages: {
      type: "array",
      items: {
        type: "object",
        required: ["role", "content"],
        properties: { role: { type: "string", enum: ["user", "assistant"] }, content: { type: "string" } },
      },
    },
    temperature: { type: "number" },
    stream: { type: "boolean" },
  },
};

const batchObject = {
  type: "object",
  properties: {
    id: { type: "string", example: "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d" },
    type: { type: "string", enum: ["message_batch"] },
    processing_status: { type: "string", enum: ["in_progress", "canceling", "ended"] },
    request_counts: { type: "object" },
    results_url: { type: "string", nullable: true },
  },
};

export const anthropic: CatalogApi = {
  slug: "anthropic",
  name: "Anthropic API",
  provider: "Anthropic",
  category: "ai",
  description: "Claude models through the Messages API, token counting and the Message Batches API (50% off).",
  baseUrl: "https://api.anthropic.com",
  docsUrl: "https://docs.anthropic.com/en/api/overview",
  soc2: true,
  dataResidency: ["US"],
  authMethods: ["api_key_header"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Anthropic API (demo subset)", version: "2023-06-01" },
    servers: [{ url: "https://api.anthropic.com" }],
    components: {
      securitySchemes: { apiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" } },
    },
    security: [{ apiKeyAuth: [] }],
    paths: {
      "/v1/messages": {
        post: {
          operationId: "createMessage",
          summary: "Create a message",
          parameters: [anthropicVersion],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: messageParams,
                example: {
                  model: "claude-sonnet-4-20250514",
                  max_tokens: 1024,
                  messages: [{ role: "user", content: "Classify this ticket: 'refund not received'" }],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "The message",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      type: { type: "string", enum: ["message"] },
                      content: { type: "array", items: { type: "object" } },
                      stop_reason: { type: "string" },
                      usage: {
                        type: "object",
                        properties: { input_tokens: { type: "integer" }, output_tokens: { type: "integer" } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/messages/count_tokens": {
        post: {
          operationId: "countMessageTokens",
          summary: "Count the input tokens of a message (free)",
          parameters: [anthropicVersion],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["model", "messages"],
                  properties: {
                    model: { type: "string" },
                    system: { type: "string" },
                    messages: { type: "array", items: { type: "object" } },
                  },
                },
                example: { model: "claude-sonnet-4-20250514", messages: [{ role: "user", content: "Hello, Claude" }] },
              },
            },
          },
          responses: {
            "200": {
              description: "Token count",
              content: { [JSON_CT]: { schema: { type: "object", properties: { input_tokens: { type: "integer" } } } } },
            },
          },
        },
      },
      "/v1/messages/batches": {
        post: {
          operationId: "createMessageBatch",
          summary: "Create a message batch (up to 100,000 requests, processed asynchronously)",
          parameters: [anthropicVersion],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["requests"],
                  properties: {
                    requests: {
                      type: "array",
                      items: {
                        type: "object",
                        required: ["custom_id", "params"],
                        properties: { custom_id: { type: "string" }, params: messageParams },
                      },
                    },
                  },
                },
                example: {
                  requests: [
                    {
                      custom_id: "ticket-1",
                      params: {
                        model: "claude-sonnet-4-20250514",
                        max_tokens: 256,
                        messages: [{ role: "user", content: "Summarise ticket 1" }],
                      },
                    },
                    {
                      custom_id: "ticket-2",
                      params: {
                        model: "claude-sonnet-4-20250514",
                        max_tokens: 256,
                        messages: [{ role: "user", content: "Summarise ticket 2" }],
                      },
                    },
                  ],
                },
              },
            },
          },
          responses: { "200": { description: "The batch", content: { [JSON_CT]: { schema: batchObject } } } },
        },
      },
      "/v1/messages/batches/{message_batch_id}": {
        get: {
          operationId: "retrieveMessageBatch",
          summary: "Retrieve a message batch",
          parameters: [
            anthropicVersion,
            { name: "message_batch_id", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: { "200": { description: "The batch", content: { [JSON_CT]: { schema: batchObject } } } },
        },
      },
      "/v1/messages/batches/{message_batch_id}/results": {
        get: {
          operationId: "getMessageBatchResults",
          summary: "Stream the results of an ended batch as JSONL",
          parameters: [
            anthropicVersion,
            { name: "message_batch_id", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "One JSON result per line",
              content: { "application/x-jsonl": { schema: { type: "string" } } },
            },
          },
        },
      },
      "/v1/models": {
        get: {
          operationId: "listModels",
          summary: "List models",
          parameters: [
            anthropicVersion,
            {
              name: "limit",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: 1000, default: 20 },
            },
          ],
          responses: {
            "200": {
              description: "Models",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      data: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: { id: { type: "string" }, display_name: { type: "string" } },
                        },
                      },
                      has_more: { type: "boolean" },
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
      name: "Pay as you go — Claude Sonnet 4",
      monthlyFee: 0,
      description: "Claude Sonnet at $3 / 1M input and $15 / 1M output tokens; Message Batches at 50% off.",
      unitPrices: [
        { unit: "input_token", operation: "createMessage", pricePerUnit: 0.000003 },
        { unit: "output_token", operation: "createMessage", pricePerUnit: 0.000015 },
        { unit: "input_token", operation: "createMessageBatch", pricePerUnit: 0.0000015 },
        { unit: "output_token", operation: "createMessageBatch", pricePerUnit: 0.0000075 },
      ],
    },
    {
      name: "Pay as you go — Claude Haiku 3.5",
      monthlyFee: 0,
      description: "Claude Haiku 3.5 at $0.80 / 1M input and $4 / 1M output tokens; Message Batches at 50% off.",
      unitPrices: [
        { unit: "input_token", operation: "createMessage", pricePerUnit: 0.0000008 },
        { unit: "output_token", operation: "createMessage", pricePerUnit: 0.000004 },
        { unit: "input_token", operation: "createMessageBatch", pricePerUnit: 0.0000004 },
        { unit: "output_token", operation: "createMessageBatch", pricePerUnit: 0.000002 },
      ],
    },
    {
      name: "Pay as you go — Claude Opus 4",
      monthlyFee: 0,
      description: "Claude Opus 4 at $15 / 1M input and $75 / 1M output tokens; Message Batches at 50% off.",
      unitPrices: [
        { unit: "input_token", operation: "createMessage", pricePerUnit: 0.000015 },
        { unit: "output_token", operation: "createMessage", pricePerUnit: 0.000075 },
        { unit: "input_token", operation: "createMessageBatch", pricePerUnit: 0.0000075 },
        { unit: "output_token", operation: "createMessageBatch", pricePerUnit: 0.0000375 },
      ],
    },
  ],
  demoUsage: [
    { operation: "createMessage", callsPerWeekday: 3000, unitsPerCall: { input_token: 1500, output_token: 500 } },
    {
      operation: "createMessageBatch",
      callsPerWeekday: 2,
      unitsPerCall: { input_token: 1500000, output_token: 300000 },
    },
  ],
};
