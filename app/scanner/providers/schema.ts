import { z } from "zod";

/**
 * The shape of one provider in the scanner's catalog. The catalog is data (JSON files next
 * to this one), so adding a provider or an SDK name is a data change that the schema checks.
 *
 * Matching rules, per field:
 * - packages.*: names as the ecosystem's manifest writes them. npm "@scope/" and Maven
 *   "group:*" end in a wildcard; Go module paths match at a path-segment boundary, so
 *   "github.com/stripe/stripe-go" also matches ".../stripe-go/v76/paymentintent".
 * - imports.*: what code imports when it differs from the package name (Python modules,
 *   Java/PHP namespaces, Ruby require paths). JavaScript imports and Go imports are the
 *   package names themselves.
 * - notThis: packages or namespaces the same company publishes for other purposes (a Kafka
 *   client, an HTTP client, a UI kit). They are never evidence, and the scanner says so.
 * - hosts: API hosts; "*.example.com" matches any subdomain; "host/path" also needs the path.
 * - envVars: exact variable names; envPrefixes: any variable starting with the prefix.
 * - calls: regular expressions for client construction or SDK calls; looked for in files that
 *   already use the provider (an import, a constant or its API host).
 * - operations: calls mapped to the marketplace catalog's OpenAPI operationIds, for cost
 *   estimates and recommendations. They are only looked for in files that use the provider.
 */
const Ecosystem = z.enum(["npm", "pypi", "go", "maven", "rubygems", "composer"]);
export type Ecosystem = z.infer<typeof Ecosystem>;

/** "html": web pages and server templates, read for the scripts they load and the browser code they hold. */
const CodeLanguage = z.enum(["js", "python", "go", "java", "ruby", "php", "html"]);
export type CodeLanguage = z.infer<typeof CodeLanguage>;

const Names = z.array(z.string().min(1)).default([]);

const Operation = z.object({
  /** The catalog's OpenAPI operationId, e.g. "createPaymentIntent". */
  id: z.string().min(1),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  calls: z.array(z.string().min(1)).min(1),
  /** A read whose answer can be reused: repeating it without a cache is a caching opportunity. */
  cacheable: z.boolean().default(false),
  /** The operation that does many of these in one request, if the catalog lists one. */
  batchWith: z.string().optional(),
  /** Why the batch operation is better (price, request count), shown with the recommendation. */
  batchNote: z.string().optional(),
});

const Cloud = z.enum(["aws", "gcp", "azure"]);
export type Cloud = z.infer<typeof Cloud>;

export const ProviderSchema = z.object({
  /** A slug for curated providers ("stripe"), the registrable domain for generated ones ("pagerduty.com"). */
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  /**
   * What an evaluation labels the provider by: the registrable domain of its API host
   * ("stripe.com"), or the cloud ("aws", "gcp", "azure") for a cloud's own services.
   */
  domain: z.string().regex(/^[a-z0-9.-]+$/),
  /** Other names the same provider goes by (the company's own domain when its API lives elsewhere). */
  aliases: Names,
  /** A cloud's service: the provider's findings count for this cloud, under `service` unless a finding names its own. */
  cloud: Cloud.optional(),
  service: z.string().optional(),
  /** Where the entry comes from: curated by hand (with SDKs, calls, operations), or generated from a directory (hosts only). */
  source: z.enum(["curated", "apis.guru", "nango"]).default("curated"),
  name: z.string().min(1),
  category: z.enum([
    "payments",
    "ai",
    "messaging",
    "email",
    "developer-tools",
    "monitoring",
    "collaboration",
    "crm",
    "maps",
    "search",
    "auth",
    "analytics",
    "cloud",
    "media",
    "commerce",
    "content",
    "realtime",
    "shipping",
    "social",
    "other",
  ]),
  /** What it is used for, so two providers doing the same job can be spotted: "transactional-email", "sms", … */
  job: z.string().optional(),
  /** The marketplace catalog's slug (its plans and prices), where the marketplace lists the API. */
  catalogSlug: z.string().optional(),
  docsUrl: z.string().url().optional(),
  packages: z
    .object({ npm: Names, pypi: Names, go: Names, maven: Names, rubygems: Names, composer: Names })
    .partial()
    .default({}),
  imports: z.object({ python: Names, java: Names, php: Names, ruby: Names }).partial().default({}),
  notThis: z
    .object({
      npm: Names,
      pypi: Names,
      go: Names,
      maven: Names,
      rubygems: Names,
      composer: Names,
      java: Names,
      python: Names,
      reason: z.string(),
    })
    .partial()
    .optional(),
  hosts: z.array(z.string().min(3)).default([]),
  /** Request headers only this provider's API takes ("X-Shopify-Storefront-Access-Token"): code building a request to it. */
  headers: Names,
  envVars: Names,
  envPrefixes: Names,
  calls: Names,
  /** Ruby constants only the SDK defines ("Stripe", "Twilio::REST"): Rails autoloads gems, so code uses them without a require. */
  constants: Names,
  /**
   * What the provider's code puts in a web page: scripts loaded from its CDN ("js.stripe.com/v3")
   * and the globals its snippet defines and pages call ("Intercom", "Stripe").
   */
  browser: z.object({ scripts: Names, globals: Names }).partial().default({}),
  operations: z.array(Operation).default([]),
});

export type Provider = z.infer<typeof ProviderSchema>;
export type ProviderOperation = z.infer<typeof Operation>;
export const ECOSYSTEMS = Ecosystem.options;
export const CODE_LANGUAGES = CodeLanguage.options;
