import type { CatalogApi } from "./types";

const JSON_CT = "application/json";

const q = (name: string, required: boolean, description?: string) => ({
  name,
  in: "query",
  required,
  schema: { type: "string" },
  ...(description ? { description } : {}),
});

const statusResult = (extra: Record<string, unknown>) => ({
  "200": {
    description: "Result; check `status` (OK, ZERO_RESULTS, OVER_QUERY_LIMIT, REQUEST_DENIED, INVALID_REQUEST)",
    content: {
      [JSON_CT]: {
        schema: {
          type: "object",
          required: ["status"],
          properties: { status: { type: "string" }, error_message: { type: "string" }, ...extra },
        },
      },
    },
  },
});

export const googleMaps: CatalogApi = {
  slug: "google-maps",
  name: "Google Maps Platform web services",
  provider: "Google",
  category: "maps",
  description:
    "Geocoding, Places autocomplete and details, Directions, Distance Matrix and Static Maps over HTTPS with an API key.",
  baseUrl: "https://maps.googleapis.com",
  docsUrl: "https://developers.google.com/maps/documentation",
  soc2: true,
  // Google Maps Platform is served globally and does not offer a data-residency commitment.
  dataResidency: [],
  authMethods: ["api_key_query"],
  openApiSpec: {
    openapi: "3.0.3",
    info: { title: "Google Maps Platform web services (demo subset)", version: "1.0" },
    servers: [{ url: "https://maps.googleapis.com" }],
    components: {
      securitySchemes: { apiKey: { type: "apiKey", in: "query", name: "key" } },
    },
    security: [{ apiKey: [] }],
    paths: {
      "/maps/api/geocode/json": {
        get: {
          operationId: "geocode",
          summary: "Geocode an address or reverse-geocode a latlng",
          parameters: [
            q("address", false, "Address to geocode (or use latlng / place_id)"),
            q("latlng", false, "lat,lng for reverse geocoding"),
            q("place_id", false),
            q("language", false),
            q("region", false),
          ],
          responses: statusResult({
            results: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  formatted_address: { type: "string" },
                  place_id: { type: "string" },
                  geometry: { type: "object" },
                },
              },
            },
          }),
        },
      },
      "/maps/api/place/autocomplete/json": {
        get: {
          operationId: "placeAutocomplete",
          summary: "Place autocomplete predictions",
          parameters: [
            q("input", true),
            q("sessiontoken", false, "Groups keystrokes and the final Details call into one billed session"),
            q("location", false),
            q("radius", false),
            q("components", false),
          ],
          responses: statusResult({
            predictions: {
              type: "array",
              items: { type: "object", properties: { description: { type: "string" }, place_id: { type: "string" } } },
            },
          }),
        },
      },
      "/maps/api/place/details/json": {
        get: {
          operationId: "placeDetails",
          summary: "Place details",
          parameters: [
            q("place_id", true),
            q("fields", false, "Comma-separated field mask; billing depends on the fields requested"),
            q("sessiontoken", false),
          ],
          responses: statusResult({
            result: {
              type: "object",
              properties: {
                name: { type: "string" },
                formatted_address: { type: "string" },
                geometry: { type: "object" },
              },
            },
          }),
        },
      },
      "/maps/api/directions/json": {
        get: {
          operationId: "directions",
          summary: "Directions between an origin and a destination",
          parameters: [
            q("origin", true),
            q("destination", true),
            q("waypoints", false),
            {
              name: "mode",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["driving", "walking", "bicycling", "transit"] },
            },
            q("departure_time", false),
          ],
          responses: statusResult({
            routes: {
              type: "array",
              items: {
                type: "object",
                properties: { summary: { type: "string" }, legs: { type: "array", items: { type: "object" } } },
              },
            },
          }),
        },
      },
      "/maps/api/distancematrix/json": {
        get: {
          operationId: "distanceMatrix",
          summary: "Travel distance and time for a matrix of origins and destinations (billed per element)",
          parameters: [
            q("origins", true, "Pipe-separated, up to 25"),
            q("destinations", true, "Pipe-separated, up to 25"),
            {
              name: "mode",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["driving", "walking", "bicycling", "transit"] },
            },
          ],
          responses: statusResult({
            origin_addresses: { type: "array", items: { type: "string" } },
            destination_addresses: { type: "array", items: { type: "string" } },
            rows: {
              type: "array",
              items: { type: "object", properties: { elements: { type: "array", items: { type: "object" } } } },
            },
          }),
        },
      },
      "/maps/api/timezone/json": {
        get: {
          operationId: "timeZone",
          summary: "Time zone for a location",
          parameters: [
            q("location", true, "lat,lng"),
            { name: "timestamp", in: "query", required: true, schema: { type: "integer" } },
          ],
          responses: statusResult({
            timeZoneId: { type: "string" },
            rawOffset: { type: "integer" },
            dstOffset: { type: "integer" },
          }),
        },
      },
      "/maps/api/staticmap": {
        get: {
          operationId: "staticMap",
          summary: "Render a static map image",
          parameters: [
            q("size", true, "WIDTHxHEIGHT, e.g. 600x300"),
            q("center", false),
            { name: "zoom", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 21 } },
            q("markers", false),
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
      name: "Pay as you go (from March 2025)",
      monthlyFee: 0,
      description:
        "Per-SKU free monthly caps (10,000 for Essentials SKUs, 5,000 for Pro SKUs) replace the $200 credit; first volume tier prices.",
      unitPrices: [
        { unit: "request", operation: "geocode", pricePerUnit: 0.005, includedUnits: 10000 },
        { unit: "request", operation: "placeAutocomplete", pricePerUnit: 0.00283, includedUnits: 10000 },
        { unit: "request", operation: "placeDetails", pricePerUnit: 0.017, includedUnits: 5000 },
        { unit: "request", operation: "directions", pricePerUnit: 0.005, includedUnits: 10000 },
        { unit: "element", operation: "distanceMatrix", pricePerUnit: 0.005, includedUnits: 10000 },
        { unit: "request", operation: "timeZone", pricePerUnit: 0.005, includedUnits: 10000 },
        { unit: "map_load", operation: "staticMap", pricePerUnit: 0.002, includedUnits: 10000 },
      ],
    },
    {
      name: "Pay as you go — 100K+ volume tier",
      monthlyFee: 0,
      description: "The 100,001–500,000 monthly volume band, roughly 20% below first-tier prices.",
      unitPrices: [
        { unit: "request", operation: "geocode", pricePerUnit: 0.004, includedUnits: 10000 },
        { unit: "request", operation: "placeAutocomplete", pricePerUnit: 0.00227, includedUnits: 10000 },
        { unit: "request", operation: "placeDetails", pricePerUnit: 0.0136, includedUnits: 5000 },
        { unit: "request", operation: "directions", pricePerUnit: 0.004, includedUnits: 10000 },
        { unit: "element", operation: "distanceMatrix", pricePerUnit: 0.004, includedUnits: 10000 },
        { unit: "request", operation: "timeZone", pricePerUnit: 0.004, includedUnits: 10000 },
        { unit: "map_load", operation: "staticMap", pricePerUnit: 0.0016, includedUnits: 10000 },
      ],
    },
  ],
  demoUsage: [
    { operation: "geocode", callsPerWeekday: 3000, unitsPerCall: { request: 1 } },
    { operation: "placeAutocomplete", callsPerWeekday: 8000, unitsPerCall: { request: 1 } },
    { operation: "distanceMatrix", callsPerWeekday: 400, unitsPerCall: { element: 25 } },
    { operation: "staticMap", callsPerWeekday: 1500, unitsPerCall: { map_load: 1 } },
  ],
};
