import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const owner = { name: "owner", in: "path", required: true, schema: { type: "string" } };
const repo = { name: "repo", in: "path", required: true, schema: { type: "string" } };
const perPage = {
  name: "per_page",
  in: "query",
  required: false,
  schema: { type: "integer", minimum: 1, maximum: 100, default: 30 },
};

const issue = {
  type: "object",
  properties: {
    id: { type: "integer" },
    number: { type: "integer" },
    title: { type: "string" },
    state: { type: "string", enum: ["open", "closed"] },
    html_url: { type: "string" },
  },
};

export const github: CatalogApi = {
  slug: "github",
  name: "GitHub REST & GraphQL API",
  provider: "GitHub",
  category: "developer-tools",
  description:
    "Repositories, pull requests, issues and Actions. The GraphQL endpoint fetches many objects in one round trip.",
  baseUrl: "https://api.github.com",
  docsUrl: "https://docs.github.com/en/rest",
  soc2: true,
  // github.com is hosted in the US; GitHub Enterprise Cloud with data residency (GHE.com) offers these regions.
  dataResidency: ["US", "EU", "AU", "JP"],
  authMethods: ["bearer", "oauth2"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "GitHub API (demo subset)", version: "2022-11-28" },
    servers: [{ url: "https://api.github.com" }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "Fine-grained PAT, GitHub App installation token or OAuth token",
        },
        oauth2: {
          type: "oauth2",
          flows: {
            authorizationCode: {
              authorizationUrl: "https://github.com/login/oauth/authorize",
              tokenUrl: "https://github.com/login/oauth/access_token",
              scopes: {
                repo: "Full control of private repositories",
                "read:org": "Read org membership",
                workflow: "Update GitHub Actions workflows",
              },
            },
          },
        },
      },
    },
    security: [{ bearerAuth: [] }, { oauth2: ["repo"] }],
    paths: {
      "/repos/{owner}/{repo}": {
        get: {
          operationId: "getRepo",
          summary: "Get a repository",
          parameters: [owner, repo],
          responses: {
            "200": {
              description: "The repository",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "integer" },
                      full_name: { type: "string" },
                      private: { type: "boolean" },
                      default_branch: { type: "string" },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/repos/{owner}/{repo}/pulls": {
        get: {
          operationId: "listPullRequests",
          summary: "List pull requests",
          parameters: [
            owner,
            repo,
            {
              name: "state",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["open", "closed", "all"], default: "open" },
            },
            perPage,
          ],
          responses: {
            "200": {
              description: "Pull requests",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        number: { type: "integer" },
                        title: { type: "string" },
                        state: { type: "string" },
                        draft: { type: "boolean" },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        post: {
          operationId: "createPullRequest",
          summary: "Create a pull request",
          parameters: [owner, repo],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["head", "base"],
                  properties: {
                    title: { type: "string" },
                    head: { type: "string" },
                    base: { type: "string" },
                    body: { type: "string" },
                    draft: { type: "boolean" },
                  },
                },
                example: { title: "Bump dependencies", head: "deps/bump", base: "main" },
              },
            },
          },
          responses: {
            "201": {
              description: "The pull request",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      number: { type: "integer" },
                      html_url: { type: "string" },
                      state: { type: "string" },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/repos/{owner}/{repo}/issues": {
        post: {
          operationId: "createIssue",
          summary: "Create an issue",
          parameters: [owner, repo],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["title"],
                  properties: {
                    title: { type: "string" },
                    body: { type: "string" },
                    labels: { type: "array", items: { type: "string" } },
                    assignees: { type: "array", items: { type: "string" } },
                  },
                },
                example: { title: "Checkout fails on Safari 17", labels: ["bug"] },
              },
            },
          },
          responses: { "201": { description: "The issue", content: { [JSON_CT]: { schema: issue } } } },
        },
      },
      "/repos/{owner}/{repo}/issues/{issue_number}/comments": {
        post: {
          operationId: "createIssueComment",
          summary: "Comment on an issue or pull request",
          parameters: [owner, repo, { name: "issue_number", in: "path", required: true, schema: { type: "integer" } }],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: { type: "object", required: ["body"], properties: { body: { type: "string" } } },
                example: { body: "Deployed to staging ✅" },
              },
            },
          },
          responses: {
            "201": {
              description: "The comment",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: { id: { type: "integer" }, body: { type: "string" }, html_url: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
      "/repos/{owner}/{repo}/actions/runs": {
        get: {
          operationId: "listWorkflowRuns",
          summary: "List workflow runs for a repository",
          parameters: [
            owner,
            repo,
            { name: "status", in: "query", required: false, schema: { type: "string" } },
            { name: "branch", in: "query", required: false, schema: { type: "string" } },
            perPage,
          ],
          responses: {
            "200": {
              description: "Workflow runs",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      total_count: { type: "integer" },
                      workflow_runs: { type: "array", items: { type: "object" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches": {
        post: {
          operationId: "createWorkflowDispatch",
          summary: "Trigger a workflow_dispatch run",
          parameters: [
            owner,
            repo,
            {
              name: "workflow_id",
              in: "path",
              required: true,
              schema: { oneOf: [{ type: "integer" }, { type: "string" }] },
            },
          ],
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["ref"],
                  properties: {
                    ref: { type: "string" },
                    inputs: { type: "object", additionalProperties: { type: "string" } },
                  },
                },
                example: { ref: "main", inputs: { environment: "staging" } },
              },
            },
          },
          responses: { "204": { description: "Run queued (no content)" } },
        },
      },
      "/graphql": {
        post: {
          operationId: "graphqlQuery",
          summary: "Run a GraphQL query or mutation",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "object",
                  required: ["query"],
                  properties: { query: { type: "string" }, variables: { type: "object" } },
                },
                example: { query: "query { viewer { login } }" },
              },
            },
          },
          responses: {
            "200": {
              description: "GraphQL result",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      data: { type: "object", nullable: true },
                      errors: { type: "array", items: { type: "object" } },
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
      name: "Free",
      monthlyFee: 0,
      description:
        "API access is free (5,000 requests/hour per user token). 2,000 Actions minutes/month on Linux runners, then $0.008/min.",
      unitPrices: [
        { unit: "request", pricePerUnit: 0 },
        { unit: "actions_minute", operation: "createWorkflowDispatch", pricePerUnit: 0.008, includedUnits: 2000 },
      ],
    },
    {
      name: "Team (10 seats)",
      monthlyFee: 40,
      description: "$4 per user / month for 10 users; 3,000 Actions minutes/month, then $0.008/min on Linux.",
      unitPrices: [
        { unit: "request", pricePerUnit: 0 },
        { unit: "actions_minute", operation: "createWorkflowDispatch", pricePerUnit: 0.008, includedUnits: 3000 },
      ],
    },
    {
      name: "Enterprise Cloud (10 seats)",
      monthlyFee: 210,
      description:
        "$21 per user / month for 10 users; 50,000 Actions minutes/month and 15,000 requests/hour for GitHub Apps.",
      unitPrices: [
        { unit: "request", pricePerUnit: 0 },
        { unit: "actions_minute", operation: "createWorkflowDispatch", pricePerUnit: 0.008, includedUnits: 50000 },
      ],
    },
  ],
  demoUsage: [
    { operation: "listPullRequests", callsPerWeekday: 2000, unitsPerCall: { request: 1 } },
    { operation: "graphqlQuery", callsPerWeekday: 5000, unitsPerCall: { request: 1 } },
    { operation: "createIssueComment", callsPerWeekday: 300, unitsPerCall: { request: 1 } },
    { operation: "createWorkflowDispatch", callsPerWeekday: 60, unitsPerCall: { request: 1, actions_minute: 8 } },
  ],
};
