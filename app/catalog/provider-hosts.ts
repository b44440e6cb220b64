/**
 * Where a provider's API lives, from the catalog: its base URL and every `servers` entry
 * of its OpenAPI document (top level, per path and per operation). An organisation's
 * managed key for that provider may be sent there and nowhere else (issue 19, finding 6).
 *
 * Server URLs may be templates (`https://{appId}-dsn.algolia.net`): a variable stands for
 * one DNS label, never a dot, and the domain around it must be literal, so a template
 * cannot be stretched over someone else's domain.
 * Only https origins count; the port must match (443 unless the server URL names one).
 */
export type ProviderOrigin = { protocol: string; host: RegExp; port: string; label: string };

export function providerOrigins(api: { baseUrl: string; openApiSpec: unknown }): ProviderOrigin[] {
  const urls = new Set<string>([api.baseUrl, ...serverUrls(api.openApiSpec)]);
  const origins = new Map<string, ProviderOrigin>();
  for (const url of urls) {
    const origin = originPattern(url);
    if (origin) origins.set(origin.label, origin);
  }
  return [...origins.values()];
}

/** True if a request to `url` stays on one of the provider's origins. */
export function isProviderUrl(url: URL, origins: readonly ProviderOrigin[]): boolean {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return origins.some((o) => o.protocol === url.protocol && o.port === port && o.host.test(url.hostname));
}

function serverUrls(spec: unknown): string[] {
  const found: string[] = [];
  const collect = (node: unknown) => {
    const servers = (node as { servers?: unknown } | null)?.servers;
    if (Array.isArray(servers)) for (const s of servers) if (typeof s?.url === "string") found.push(s.url as string);
  };
  collect(spec);
  const paths = (spec as { paths?: Record<string, unknown> } | null)?.paths;
  for (const item of Object.values(paths ?? {})) {
    collect(item);
    for (const operation of Object.values((item ?? {}) as Record<string, unknown>)) collect(operation);
  }
  return found;
}

function originPattern(template: string): ProviderOrigin | null {
  const match = /^(https):\/\/([^/?#]+)/i.exec(template.trim());
  if (!match) return null;
  const authority = match[2]!.toLowerCase();
  const portMatch = /:(\d+)$/.exec(authority);
  const hostTemplate = portMatch ? authority.slice(0, -portMatch[0].length) : authority;
  if (!/^[a-z0-9.{}_-]+$/.test(hostTemplate) || hostTemplate.includes("@")) return null;
  // A variable may fill a label, but the domain around it must be literal (".algolia.net").
  const literalSuffix = hostTemplate.slice(hostTemplate.lastIndexOf("}") + 1);
  if (hostTemplate.includes("{") && !/\.[a-z0-9-]+\.[a-z0-9-]+$/.test(literalSuffix)) return null;
  const parts = hostTemplate.split(/(\{[^}]*\})/).filter(Boolean);
  const source = parts
    .map((part) => (part.startsWith("{") ? "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?" : part.replace(/[.]/g, "\\.")))
    .join("");
  return {
    protocol: "https:",
    host: new RegExp(`^${source}$`),
    port: portMatch?.[1] ?? "443",
    label: `https://${authority}`,
  };
}
