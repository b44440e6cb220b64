import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const usage = {
  type: "object",
  properties: {
    prompt_tokens: { type: "integer" },
    completion_tokens: { type: "integer" },
    total_tokens: { type: "integer" },
  },
};

export const openai: CatalogApi = {
  slug: "openai",
  name: "OpenAI API",
  provider: "OpenAI",
  category: "ai",
  description: "GPT models for chat, the Responses API, embeddings and the asynchronous Batch API (50% off).",
  baseUrl: "https://api.openai.com",
  docsUrl: "https://platform.openai.com/docs/api-reference",
  soc2: true,
  dataResidency: ["US", "EU"],
  authMethods: ["bearer"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "OpenAI API (demo subset)", version: "2.3.0" },
    servers: [{ url: "https://api.openai.com" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "Project API key (sk-...)" } },
    },
    security: [{ bearerAuth: [] }],
    paths: {
      "/v1/chat/completions": {
        post: {
          operationId: "createChatCompletion",
          summary: "Create a chat completion",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["model", "messages"],
                  properties: {
                    model: { type: "string" },
                    messages: {
                      type: "array",
                      items: {
                        type: "object",
                        required: ["role", "content"],
                        properties: {
                          role: { type: "string", enum: ["system", "developer", "user", "assistant", "tool"] },
                          content: { type: "string" },
                        },
                      },
                    },
                    max_completion_tokens: { type: "integer" },
                    temperature: { type: "number" },
                    stream: { type: "boolean" },
                  },
                },
                example: {
                  model: "gpt-4o",
                  messages: [{ role: "user", content: "Summarise this support ticket in one sentence." }],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "The completion",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      model: { type: "string" },
                      choices: { type: "array", items: { type: "object" } },
                      usage,
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/responses": {
        post: {
          operationId: "createResponse",
          summary: "Create a model response (Responses API)",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["model", "input"],
                  properties: {
                    model: { type: "string" },
                    input: { oneOf: [{ type: "string" }, { type: "array", items: { type: "object" } }] },
                    instructions: { type: "string" },
                    max_output_tokens: { type: "integer" },
                  },
                },
                example: { model: "gpt-4o", input: "Draft a polite reply declining the meeting." },
              },
            },
          },
          responses: {
            "200": {
              description: "The response object",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      status: { type: "string" },
                      output: { type: "array", items: { type: "object" } },
                      usage: { type: "object" },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/embeddings": {
        post: {
          operationId: "createEmbedding",
          summary: "Create embeddings",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["model", "input"],
                  properties: {
                    model: { type: "string" },
                    input: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
                    dimensions: { type: "integer" },
                  },
                },
                example: { model: "text-embedding-3-small", input: ["How do I reset my password?"] },
              },
            },
          },
          responses: {
            "200": {
              description: "The embeddings",
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
                            index: { type: "integer" },
                            embedding: { type: "array", items: { type: "number" } },
                          },
                        },
                      },
                      usage,
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/files": {
        post: {
          operationId: "uploadFile",
          summary: "Upload a file (e.g. JSONL input for the Batch API)",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file", "purpose"],
                  properties: {
                    file: { type: "string", format: "binary" },
                    purpose: { type: "string", enum: ["batch", "fine-tune", "assistants", "user_data"] },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "The file object",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: { id: { type: "string" }, bytes: { type: "integer" }, purpose: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/batches": {
        post: {
          operationId: "createBatch",
          summary: "Create a batch of requests processed within 24h at half price",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["input_file_id", "endpoint", "completion_window"],
                  properties: {
                    input_file_id: { type: "string" },
                    endpoint: { type: "string", enum: ["/v1/chat/completions", "/v1/responses", "/v1/embeddings"] },
                    completion_window: { type: "string", enum: ["24h"] },
                    metadata: { type: "object", additionalProperties: { type: "string" } },
                  },
                },
                example: { input_file_id: "file-abc123", endpoint: "/v1/chat/completions", completion_window: "24h" },
              },
            },
          },
          responses: {
            "200": {
              description: "The batch",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      status: { type: "string" },
                      request_counts: { type: "object" },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/batches/{batch_id}": {
        get: {
          operationId: "retrieveBatch",
          summary: "Retrieve a batch",
          parameters: [{ name: "batch_id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "The batch",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      status: { type: "string" },
                      output_file_id: { type: "string", nullable: true },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/v1/models": {
        get: {
          operationId: "listModels",
          summary: "List models",
          responses: {
            "200": {
              description: "Available models",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      data: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
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
      name: "Pay as you go — GPT-4o",
      monthlyFee: 0,
      description:
        "GPT-4o at $2.50 / 1M input and $10 / 1M output tokens; Batch API at 50% off; text-embedding-3-small at $0.02 / 1M tokens.",
      unitPrices: [
        { unit: "input_token", operation: "createChatCompletion", pricePerUnit: 0.0000025 },
        { unit: "output_token", operation: "createChatCompletion", pricePerUnit: 0.00001 },
        { unit: "input_token", operation: "createResponse", pricePerUnit: 0.0000025 },
        { unit: "output_token", operation: "createResponse", pricePerUnit: 0.00001 },
        { unit: "input_token", operation: "createBatch", pricePerUnit: 0.00000125 },
        { unit: "output_token", operation: "createBatch", pricePerUnit: 0.000005 },
        { unit: "embedding_token", operation: "createEmbedding", pricePerUnit: 0.00000002 },
      ],
    },
    {
      name: "Pay as you go — GPT-4o mini",
      monthlyFee: 0,
      description: "GPT-4o mini at $0.15 / 1M input and $0.60 / 1M output tokens; Batch API at 50% off.",
      unitPrices: [
        { unit: "input_token", operation: "createChatCompletion", pricePerUnit: 0.00000015 },
        { unit: "output_token", operation: "createChatCompletion", pricePerUnit: 0.0000006 },
        { unit: "input_token", operation: "createResponse", pricePerUnit: 0.00000015 },
        { unit: "output_token", operation: "createResponse", pricePerUnit: 0.0000006 },
        { unit: "input_token", operation: "createBatch", pricePerUnit: 0.000000075 },
        { unit: "output_token", operation: "createBatch", pricePerUnit: 0.0000003 },
        { unit: "embedding_token", operation: "createEmbedding", pricePerUnit: 0.00000002 },
      ],
    },
    {
      name: "Pay as you go — GPT-4.1",
      monthlyFee: 0,
      description: "GPT-4.1 at $2 / 1M input and $8 / 1M output tokens; Batch API at 50% off.",
      unitPrices: [
        { unit: "input_token", operation: "createChatCompletion", pricePerUnit: 0.000002 },
        { unit: "output_token", operation: "createChatCompletion", pricePerUnit: 0.000008 },
        { unit: "input_token", operation: "createResponse", pricePerUnit: 0.000002 },
        { unit: "output_token", operation: "createResponse", pricePerUnit: 0.000008 },
        { unit: "input_token", operation: "createBatch", pricePerUnit: 0.000001 },
        { unit: "output_token", operation: "createBatch", pricePerUnit: 0.000004 },
        { unit: "embedding_token", operation: "createEmbedding", pricePerUnit: 0.00000002 },
      ],
    },
  ],
  demoUsage: [
    {
      operation: "createChatCompletion",
      callsPerWeekday: 4000,
      unitsPerCall: { input_token: 1200, output_token: 400 },
    },
    { operation: "createResponse", callsPerWeekday: 1500, unitsPerCall: { input_token: 2000, output_token: 600 } },
    { operation: "createEmbedding", callsPerWeekday: 12000, unitsPerCall: { embedding_token: 300 } },
    { operation: "createBatch", callsPerWeekday: 2, unitsPerCall: { input_token: 1500000, output_token: 300000 } },
  ],
};
