/**
 * The shape of one API of the demo catalog. Specs are compact OpenAPI 3.0 documents
 * written for this project (the main operations only), not copies of vendors' files.
 */
export type CatalogPlan = {
  name: string;
  /** Fixed monthly fee, USD. */
  monthlyFee: number;
  description: string;
  unitPrices: {
    /** The metered thing: "request", "sms", "email", "input_token", ... */
    unit: string;
    /** operationId of the spec this price applies to; omit for all operations. */
    operation?: string;
    /** USD per single unit (per token, per message, per request). */
    pricePerUnit: number;
    /** Units per month included in the monthly fee. */
    includedUnits?: number;
  }[];
};

export type CatalogApi = {
  slug: string;
  name: string;
  provider: string;
  category: "payments" | "ai" | "messaging" | "email" | "developer-tools" | "collaboration" | "maps" | "search";
  description: string;
  baseUrl: string;
  docsUrl: string;
  soc2: boolean;
  dataResidency: string[];
  authMethods: ("bearer" | "basic" | "api_key_header" | "api_key_query" | "oauth2")[];
  /** An OpenAPI 3.0.3 document as a plain object. */
  openApiSpec: Record<string, unknown>;
  plans: CatalogPlan[];
  /**
   * How the demo usage generator should shape this API's traffic: typical calls per
   * weekday for a mid-size team, and units per call for each metered unit.
   */
  demoUsage: { operation: string; callsPerWeekday: number; unitsPerCall: Record<string, number> }[];
};
