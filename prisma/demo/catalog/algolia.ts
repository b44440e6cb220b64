import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const indexName = { name: "indexName", in: "path", required: true, schema: { type: "string" } };
const objectID = { name: "objectID", in: "path", required: true, schema: { type: "string" } };
const appIdVar = { appId: { default: "YourApplicationID", description: "Algolia application ID" } };

const searchParams = {
  type: "object",
  properties: {
    query: { type: "string" },
    filters: { type: "string" },
    hitsPerPage: { type: "integer" },
    page: { type: "integer" },
    facets: { type: "array", items: { type: "string" } },
  },
};
const searchResult = {
  type: "object",
  properties: {
    hits: { type: "array", items: { type: "object" } },
    nbHits: { type: "integer" },
    page: { type: "integer" },
    processingTimeMS: { type: "integer" },
  },
};
const taskResult = {
  type: "object",
  properties: { taskID: { type: "integer" }, objectIDs: { type: "array", items: { type: "string" } } },
};
const batchRequest = {
  type: "object",
  required: ["action", "body"],
  properties: {
    action: {
      type: "string",
      enum: [
        "addObject",
        "updateObject",
        "partialUpdateObject",
        "partialUpdateObjectNoCreate",
        "deleteObject",
        "delete",
        "clear",
      ],
    },
    body: { type: "object" },
    indexName: { type: "string" },
  },
};

export const algolia: CatalogApi = {
  slug: "algolia",
  name: "Algolia Search API",
  provider: "Algolia",
  category: "search",
  description: "Hosted search: query one or many indices per request and index records one by one or in batches.",
  baseUrl: "https://{appId}-dsn.algolia.net",
  docsUrl: "https://www.algolia.com/doc/rest-api/search/",
  soc2: true,
  dataResidency: ["US", "EU", "UK", "CA", "AU", "SG", "JP", "IN"],
  authMethods: ["api_key_header"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Algolia Search API (demo subset)", version: "1.0" },
    servers: [
      { url: "https://{appId}-dsn.algolia.net", description: "Read (search) hosts", variables: appIdVar },
      { url: "https://{appId}.algolia.net", description: "Write hosts", variables: appIdVar },
    ],
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "X-Algolia-API-Key" },
        appId: { type: "apiKey", in: "header", name: "X-Algolia-Application-Id" },
      },
    },
    security: [{ apiKey: [], appId: [] }],
    paths: {
      "/1/indexes/{indexName}/query": {
        post: {
          operationId: "searchSingleIndex",
          summary: "Search one index",
          parameters: [indexName],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: searchParams,
                example: { query: "wireless headphones", hitsPerPage: 20, filters: "in_stock:true" },
              },
            },
          },
          responses: { "200": { description: "Search results", content: { [JSON_CT]: { schema: searchResult } } } },
        },
      },
      "/1/indexes/*/queries": {
        post: {
          operationId: "search",
          summary: "Send several search queries (to one or more indices) in one request",
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
                        allOf: [
                          searchParams,
                          { type: "object", required: ["indexName"], properties: { indexName: { type: "string" } } },
                        ],
                      },
                    },
                    strategy: { type: "string", enum: ["none", "stopIfEnoughMatches"] },
                  },
                },
                example: {
                  requests: [
                    { indexName: "products", query: "headphones" },
                    { indexName: "articles", query: "headphones" },
                  ],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "One result per query",
              content: {
                [JSON_CT]: {
                  schema: { type: "object", properties: { results: { type: "array", items: searchResult } } },
                },
              },
            },
          },
        },
      },
      "/1/indexes/{indexName}": {
        post: {
          operationId: "saveObject",
          summary: "Add a record (objectID generated)",
          parameters: [indexName],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: { type: "object", additionalProperties: true },
                example: { name: "Aurora headphones", price: 129, in_stock: true },
              },
            },
          },
          responses: {
            "201": {
              description: "Indexing task created",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      objectID: { type: "string" },
                      taskID: { type: "integer" },
                      createdAt: { type: "string" },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/1/indexes/{indexName}/{objectID}": {
        get: {
          operationId: "getObject",
          summary: "Retrieve a record",
          parameters: [
            indexName,
            objectID,
            { name: "attributesToRetrieve", in: "query", required: false, schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "The record",
              content: {
                [JSON_CT]: {
                  schema: { type: "object", properties: { objectID: { type: "string" } }, additionalProperties: true },
                },
              },
            },
          },
        },
        delete: {
          operationId: "deleteObject",
          summary: "Delete a record",
          parameters: [indexName, objectID],
          responses: {
            "200": {
              description: "Deletion task",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: { taskID: { type: "integer" }, deletedAt: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
      "/1/indexes/{indexName}/batch": {
        post: {
          operationId: "batch",
          summary: "Batch write operations on one index",
          parameters: [indexName],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["requests"],
                  properties: { requests: { type: "array", items: batchRequest } },
                },
                example: {
                  requests: [
                    { action: "addObject", body: { name: "Aurora headphones", price: 129 } },
                    { action: "partialUpdateObject", body: { objectID: "sku-42", price: 99 } },
                  ],
                },
              },
            },
          },
          responses: { "200": { description: "Indexing task", content: { [JSON_CT]: { schema: taskResult } } } },
        },
      },
      "/1/indexes/*/batch": {
        post: {
          operationId: "multipleBatch",
          summary: "Batch write operations across several indices",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["requests"],
                  properties: { requests: { type: "array", items: batchRequest } },
                },
                example: {
                  requests: [
                    { action: "addObject", indexName: "products", body: { name: "Aurora headphones" } },
                    { action: "deleteObject", indexName: "articles", body: { objectID: "a-17" } },
                  ],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Task per index",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      taskID: { type: "object", additionalProperties: { type: "integer" } },
                      objectIDs: { type: "array", items: { type: "string" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/1/indexes/{indexName}/settings": {
        put: {
          operationId: "setSettings",
          summary: "Update index settings",
          parameters: [
            indexName,
            { name: "forwardToReplicas", in: "query", required: false, schema: { type: "boolean" } },
          ],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  properties: {
                    searchableAttributes: { type: "array", items: { type: "string" } },
                    customRanking: { type: "array", items: { type: "string" } },
                  },
                },
                example: { searchableAttributes: ["name", "brand"], customRanking: ["desc(popularity)"] },
              },
            },
          },
          responses: {
            "200": {
              description: "Settings task",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: { taskID: { type: "integer" }, updatedAt: { type: "string" } },
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
      name: "Build (free)",
      monthlyFee: 0,
      description: "Up to 10,000 search requests and 1M records per month; hard limits, no overage.",
      unitPrices: [
        { unit: "search_request", pricePerUnit: 0, includedUnits: 10000 },
        { unit: "indexing_request", pricePerUnit: 0 },
      ],
    },
    {
      name: "Grow",
      monthlyFee: 0,
      description:
        "10,000 search requests and 100,000 records free, then $0.50 per 1,000 searches and $0.40 per 1,000 records; indexing requests not billed separately.",
      unitPrices: [
        { unit: "search_request", pricePerUnit: 0.0005, includedUnits: 10000 },
        { unit: "indexing_request", pricePerUnit: 0 },
      ],
    },
    {
      name: "Grow Plus",
      monthlyFee: 0,
      description: "Grow plus AI ranking, personalization and synonyms: $1.75 per 1,000 searches after 10,000 free.",
      unitPrices: [
        { unit: "search_request", pricePerUnit: 0.00175, includedUnits: 10000 },
        { unit: "indexing_request", pricePerUnit: 0 },
      ],
    },
  ],
  demoUsage: [
    { operation: "searchSingleIndex", callsPerWeekday: 20000, unitsPerCall: { search_request: 1 } },
    { operation: "search", callsPerWeekday: 3000, unitsPerCall: { search_request: 3 } },
    { operation: "saveObject", callsPerWeekday: 1500, unitsPerCall: { indexing_request: 1 } },
  ],
};
