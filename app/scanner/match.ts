import { PROVIDERS, type CodeLanguage, type Ecosystem, type Provider } from "./providers";
import { isNotACall } from "./providers/not-calls";

/**
 * Lookups from what code and manifests name (a package, an import, a host, a variable) to a
 * provider. Names a provider's company publishes for other purposes ("notThis") win over
 * the provider's own names, and the longest matching name wins between providers, so
 * "@google/generative-ai" is Gemini while "@google-cloud/storage" is Google Cloud.
 */
export type NameMatch = { provider: Provider; name: string; decoy?: string };

type Space = Ecosystem | Exclude<CodeLanguage, "js" | "go" | "html">;
type Entry = { provider: Provider; name: string; decoy?: string };

/** How each name space splits a name into ever shorter prefixes that may match an entry. */
const SEPARATOR: Record<Space, string | null> = {
  npm: null,
  pypi: null,
  go: "/",
  maven: null,
  rubygems: null,
  composer: null,
  python: ".",
  java: ".",
  php: "\\",
  ruby: "/",
};

export function normalizePypi(name: string) {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function normalize(space: Space, name: string) {
  if (space === "pypi") return normalizePypi(name);
  if (space === "php") return name.replace(/^\\/, "").toLowerCase();
  if (space === "composer" || space === "npm") return name.toLowerCase();
  return name;
}

class NameSpace {
  private exact = new Map<string, Entry[]>();
  private wildcards: (Entry & { prefix: string })[] = [];

  constructor(private readonly space: Space) {}

  add(provider: Provider, raw: string, decoy?: string) {
    const name = normalize(this.space, raw);
    if (name.endsWith("*")) {
      this.wildcards.push({ provider, name: raw, decoy, prefix: name.slice(0, -1) });
      return;
    }
    const list = this.exact.get(name) ?? [];
    list.push({ provider, name: raw, decoy });
    this.exact.set(name, list);
  }

  /** Decoys first, then the longest name. */
  find(raw: string): NameMatch | null {
    const name = normalize(this.space, raw);
    const candidates: Entry[] = [];
    const separator = SEPARATOR[this.space];
    let prefix = name;
    for (;;) {
      candidates.push(...(this.exact.get(prefix) ?? []));
      if (candidates.length || !separator) break;
      const cut = prefix.lastIndexOf(separator);
      if (cut <= 0) break;
      prefix = prefix.slice(0, cut);
    }
    if (!candidates.length) {
      for (const w of this.wildcards) if (name.startsWith(w.prefix)) candidates.push(w);
      candidates.sort((a, b) => b.name.length - a.name.length);
    }
    const decoy = candidates.find((c) => c.decoy);
    return decoy ?? candidates[0] ?? null;
  }
}

export class ProviderIndex {
  private spaces = new Map<Space, NameSpace>();
  private hostsExact = new Map<string, { provider: Provider; path?: string }[]>();
  private hostsWildcard = new Map<string, { provider: Provider; path?: string }[]>();
  private envExact = new Map<string, Provider>();
  private envPrefixes: { prefix: string; provider: Provider }[] = [];
  readonly rubyConstants: RegExp | null;
  private constants = new Map<string, Provider>();
  private headerNames = new Map<string, Provider>();
  /** Quoted request-header names only one provider's API takes. */
  readonly headers: RegExp | null;
  private globals = new Map<string, Provider>();
  /** Calls of a provider's browser global: `Intercom(`, `window.Stripe(`, `posthog.init(`. */
  readonly browserGlobals: RegExp | null;
  private compiled = new Map<string, { calls: RegExp[]; operations: { id: string; patterns: RegExp[] }[] }>();

  constructor(readonly providers: readonly Provider[] = PROVIDERS) {
    const space = (s: Space) => {
      let ns = this.spaces.get(s);
      if (!ns) this.spaces.set(s, (ns = new NameSpace(s)));
      return ns;
    };
    for (const p of providers) {
      for (const [eco, names] of Object.entries(p.packages) as [Ecosystem, string[] | undefined][]) {
        for (const name of names ?? []) space(eco).add(p, name);
      }
      for (const [lang, names] of Object.entries(p.imports) as [Space, string[] | undefined][]) {
        for (const name of names ?? []) space(lang).add(p, name);
      }
      const { reason = "", ...decoys } = p.notThis ?? {};
      for (const [s, names] of Object.entries(decoys) as [Space, string[]][]) {
        for (const name of names) space(s).add(p, name, reason);
      }
      for (const host of [...p.hosts, ...(p.browser.scripts ?? [])]) {
        const wildcard = host.startsWith("*.");
        const bare = wildcard ? host.slice(2) : host;
        const slash = bare.indexOf("/");
        const [h, path] = slash < 0 ? [bare, undefined] : [bare.slice(0, slash), bare.slice(slash)];
        const map = wildcard ? this.hostsWildcard : this.hostsExact;
        const list = map.get(h) ?? [];
        list.push({ provider: p, path });
        map.set(h, list);
      }
      for (const name of p.envVars) this.envExact.set(name, p);
      for (const prefix of p.envPrefixes) this.envPrefixes.push({ prefix, provider: p });
      for (const c of p.constants) this.constants.set(c, p);
      for (const h of p.headers) this.headerNames.set(h.toLowerCase(), p);
      for (const g of p.browser.globals ?? []) this.globals.set(g, p);
    }
    this.envPrefixes.sort((a, b) => b.prefix.length - a.prefix.length);
    const names = [...this.constants.keys()].sort((a, b) => b.length - a.length);
    this.rubyConstants = names.length
      ? new RegExp(`(?<![\\w:])(${names.map(escapeRegExp).join("|")})(?=::[A-Z]|\\.[a-z_])`, "g")
      : null;
    const globals = [...this.globals.keys()].sort((a, b) => b.length - a.length);
    this.browserGlobals = globals.length
      ? new RegExp(`(?<![\\w$.])(?<!\\bnew\\s+)(?:window\\.)?(${globals.map(escapeRegExp).join("|")})\\s*\\(`, "g")
      : null;
    const headerNames = [...this.headerNames.keys()];
    this.headers = headerNames.length
      ? new RegExp(`['"\`](${headerNames.map(escapeRegExp).join("|")})['"\`]`, "gi")
      : null;
  }

  private ids = new Map<string, Provider>();

  byId(id: string): Provider | undefined {
    if (!this.ids.size) for (const p of this.providers) this.ids.set(p.id, p);
    return this.ids.get(id);
  }

  browserGlobal(name: string): Provider | undefined {
    return this.globals.get(name);
  }

  header(name: string): Provider | undefined {
    return this.headerNames.get(name.toLowerCase());
  }

  /** A dependency as a manifest names it. */
  package(ecosystem: Ecosystem, name: string): NameMatch | null {
    return this.spaces.get(ecosystem)?.find(name) ?? null;
  }

  /** An import as code writes it: a JavaScript specifier, a Python module, a Go path, a Java/PHP namespace, a Ruby require. */
  import(language: CodeLanguage, specifier: string): NameMatch | null {
    if (language === "js") {
      if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return null;
      const parts = specifier.split("/");
      const pkg = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
      return this.package("npm", pkg);
    }
    if (language === "go") return this.package("go", specifier);
    if (language === "html") return null;
    return this.spaces.get(language)?.find(specifier) ?? null;
  }

  /** The provider whose API lives at this host (and path), if any; the most specific host wins. */
  host(hostname: string, path = "/"): Provider | null {
    const host = hostname.toLowerCase();
    const pick = (list: { provider: Provider; path?: string }[] | undefined) =>
      list?.find((e) => e.path && path.startsWith(e.path))?.provider ?? list?.find((e) => !e.path)?.provider;
    const exact = pick(this.hostsExact.get(host));
    if (exact) return exact;
    for (let dot = host.indexOf("."); dot >= 0 && dot < host.length - 1; dot = host.indexOf(".", dot + 1)) {
      const provider = pick(this.hostsWildcard.get(host.slice(dot + 1)));
      // "*.googleapis.com" is every Google API, but fonts.googleapis.com is a font CDN.
      if (provider) return isNotACall(host) ? null : provider;
    }
    return null;
  }

  env(name: string): { provider: Provider; exact: boolean } | null {
    const exact = this.envExact.get(name);
    if (exact) return { provider: exact, exact: true };
    const byPrefix = this.envPrefixes.find((p) => name.startsWith(p.prefix));
    return byPrefix ? { provider: byPrefix.provider, exact: false } : null;
  }

  constant(name: string): Provider | undefined {
    return this.constants.get(name);
  }

  /** A provider's call and operation patterns, compiled once. */
  patterns(provider: Provider) {
    let compiled = this.compiled.get(provider.id);
    if (!compiled) {
      compiled = {
        calls: provider.calls.map((c) => new RegExp(c, "g")),
        operations: provider.operations.map((op) => ({ id: op.id, patterns: op.calls.map((c) => new RegExp(c, "g")) })),
      };
      this.compiled.set(provider.id, compiled);
    }
    return compiled;
  }
}

export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

let shared: ProviderIndex | undefined;
export function defaultIndex() {
  return (shared ??= new ProviderIndex());
}
