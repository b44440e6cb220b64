import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const profile = {
  name: "profile",
  in: "path",
  required: true,
  schema: { type: "string", enum: ["mapbox/driving", "mapbox/driving-traffic", "mapbox/walking", "mapbox/cycling"] },
};
const coordinates = {
  name: "coordinates",
  in: "path",
  required: true,
  description: "Semicolon-separated lon,lat pairs",
  schema: { type: "string" },
};
const featureCollection = {
  type: "object",
  properties: {
    type: { type: "string", enum: ["FeatureCollection"] },
    features: {
      type: "array",
      items: {
        type: "object",
        properties: { id: { type: "string" }, geometry: { type: "object" }, properties: { type: "object" } },
      },
    },
  },
};

export const mapbox: CatalogApi = {
  slug: "mapbox",
  name: "Mapbox APIs",
  provider: "Mapbox",
  category: "maps",
  description: "Geocoding v6 (forward, reverse and batch), Directions, Matrix and Static Images with an access token.",
  baseUrl: "https://api.mapbox.com",
  docsUrl: "https://docs.mapbox.com/api/overview/",
  soc2: true,
  dataResidency: ["US"],
  authMethods: ["api_key_query"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Mapbox APIs (demo subset)", version: "1.0" },
    servers: [{ url: "https://api.mapbox.com" }],
    components: {
      securitySchemes: { accessToken: { type: "apiKey", in: "query", name: "access_token" } },
    },
    security: [{ accessToken: [] }],
    paths: {
      "/search/geocode/v6/forward": {
        get: {
          operationId: "forwardGeocode",
          summary: "Forward geocoding",
          parameters: [
            { name: "q", in: "query", required: true, schema: { type: "string" } },
            { name: "country", in: "query", required: false, schema: { type: "string" } },
            {
              name: "limit",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: 10, default: 5 },
            },
            {
              name: "permanent",
              in: "query",
              required: false,
              schema: { type: "boolean", default: false },
              description: "Results may be stored (billed at permanent rates)",
            },
          ],
          responses: {
            "200": { description: "GeoJSON features", content: { [JSON_CT]: { schema: featureCollection } } },
          },
        },
      },
      "/search/geocode/v6/reverse": {
        get: {
          operationId: "reverseGeocode",
          summary: "Reverse geocoding",
          parameters: [
            { name: "longitude", in: "query", required: true, schema: { type: "number" } },
            { name: "latitude", in: "query", required: true, schema: { type: "number" } },
            { name: "types", in: "query", required: false, schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "GeoJSON features", content: { [JSON_CT]: { schema: featureCollection } } },
          },
        },
      },
      "/search/geocode/v6/batch": {
        post: {
          operationId: "batchGeocode",
          summary: "Batch geocoding: up to 1,000 forward/reverse queries per request",
          requestBody: {
            required: true,
            content: {
              [JSON_CT]: {
                schema: {
                  type: "array",
                  maxItems: 1000,
                  items: {
                    type: "object",
                    properties: {
                      q: { type: "string" },
                      longitude: { type: "number" },
                      latitude: { type: "number" },
                      country: { type: "string" },
                    },
                  },
                },
                example: [
                  { q: "1600 Pennsylvania Ave NW, Washington DC" },
                  { longitude: -73.986136, latitude: 40.748895 },
                ],
              },
            },
          },
          responses: {
            "200": {
              description: "One feature collection per query",
              content: {
                [JSON_CT]: {
                  schema: { type: "object", properties: { batch: { type: "array", items: featureCollection } } },
                },
              },
            },
          },
        },
      },
      "/directions/v5/{profile}/{coordinates}": {
        get: {
          operationId: "getDirections",
          summary: "Route between 2–25 coordinates",
          parameters: [
            profile,
            coordinates,
            {
              name: "geometries",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["geojson", "polyline", "polyline6"] },
            },
            {
              name: "overview",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["full", "simplified", "false"] },
            },
            { name: "steps", in: "query", required: false, schema: { type: "boolean" } },
          ],
          responses: {
            "200": {
              description: "Routes",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      code: { type: "string" },
                      routes: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: { distance: { type: "number" }, duration: { type: "number" } },
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
      "/directions-matrix/v1/{profile}/{coordinates}": {
        get: {
          operationId: "getMatrix",
          summary: "Travel-time matrix (billed per element)",
          parameters: [
            profile,
            coordinates,
            { name: "sources", in: "query", required: false, schema: { type: "string" } },
            { name: "destinations", in: "query", required: false, schema: { type: "string" } },
            {
              name: "annotations",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["duration", "distance", "duration,distance"] },
            },
          ],
          responses: {
            "200": {
              description: "Matrix",
              content: {
                [JSON_CT]: {
                  schema: {
                    type: "object",
                    properties: {
                      code: { type: "string" },
                      durations: { type: "array", items: { type: "array", items: { type: "number", nullable: true } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      "/styles/v1/{username}/{style_id}/static/{lon},{lat},{zoom}/{width}x{height}": {
        get: {
          operationId: "getStaticImage",
          summary: "Render a static map image from a style",
          parameters: [
            { name: "username", in: "path", required: true, schema: { type: "string", example: "mapbox" } },
            { name: "style_id", in: "path", required: true, schema: { type: "string", example: "streets-v12" } },
            { name: "lon", in: "path", required: true, schema: { type: "number" } },
            { name: "lat", in: "path", required: true, schema: { type: "number" } },
            { name: "zoom", in: "path", required: true, schema: { type: "number", minimum: 0, maximum: 22 } },
            { name: "width", in: "path", required: true, schema: { type: "integer", minimum: 1, maximum: 1280 } },
            { name: "height", in: "path", required: true, schema: { type: "integer", minimum: 1, maximum: 1280 } },
          ],
          responses: {
            "200": {
              description: "Map image",
              content: { "image/png": { schema: { type: "string", format: "binary" } } },
            },
          },
        },
      },
    },
  },
  plans: [
    {
      name: "Pay as you go",
      monthlyFee: 0,
      description:
        "Monthly free tiers (100,000 geocoding/directions requests and matrix elements, 50,000 static images), then first-tier list prices.",
      unitPrices: [
        { unit: "request", operation: "forwardGeocode", pricePerUnit: 0.00075, includedUnits: 100000 },
        { unit: "request", operation: "reverseGeocode", pricePerUnit: 0.00075, includedUnits: 100000 },
        { unit: "request", operation: "batchGeocode", pricePerUnit: 0.00075 },
        { unit: "request", operation: "getDirections", pricePerUnit: 0.002, includedUnits: 100000 },
        { unit: "element", operation: "getMatrix", pricePerUnit: 0.002, includedUnits: 100000 },
        { unit: "request", operation: "getStaticImage", pricePerUnit: 0.001, includedUnits: 50000 },
      ],
    },
    {
      name: "Pay as you go — 500K+ volume tier",
      monthlyFee: 0,
      description: "Volume band above 500,000 monthly requests; lower per-request rates.",
      unitPrices: [
        { unit: "request", operation: "forwardGeocode", pricePerUnit: 0.0006, includedUnits: 100000 },
        { unit: "request", operation: "reverseGeocode", pricePerUnit: 0.0006, includedUnits: 100000 },
        { unit: "request", operation: "batchGeocode", pricePerUnit: 0.0006 },
        { unit: "request", operation: "getDirections", pricePerUnit: 0.0016, includedUnits: 100000 },
        { unit: "element", operation: "getMatrix", pricePerUnit: 0.0016, includedUnits: 100000 },
        { unit: "request", operation: "getStaticImage", pricePerUnit: 0.0008, includedUnits: 50000 },
      ],
    },
  ],
  demoUsage: [
    { operation: "forwardGeocode", callsPerWeekday: 5000, unitsPerCall: { request: 1 } },
    { operation: "getDirections", callsPerWeekday: 800, unitsPerCall: { request: 1 } },
    { operation: "getMatrix", callsPerWeekday: 200, unitsPerCall: { element: 25 } },
    { operation: "getStaticImage", callsPerWeekday: 2000, unitsPerCall: { request: 1 } },
  ],
};
