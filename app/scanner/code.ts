import { serviceConstructors, serviceOfConstructor, serviceOfHost, serviceOfImport } from "./clouds";
import { commentRanges, outsideComments } from "./lexer";
import { isPlaceholderHost, isStaticAsset } from "./providers/not-calls";
import { markupView, scriptSources, scriptView } from "./templates";
import { callSiteContext } from "./loops";
import type { ProviderIndex } from "./match";
import type { CodeLanguage, Provider } from "./providers";
import { contextAround, LineIndex, snippetAt } from "./text";
import type { Decoy, EvidenceKind, Finding, FindingContext } from "./types";

/**
 * Evidence in one source file. Cheap regular expressions find candidates in the raw text
 * (imports, environment reads, URLs, SDK constants); only a file with a candidate that names
 * a provider is lexed, and a candidate inside a comment is dropped. Calls and operations are
 * looked for only in files that already use the provider, so a generic ".send(" in a file
 * without SendGrid means nothing.
 */
export type FileEvidence = { findings: Finding[]; decoys: Decoy[] };

type Candidate = {
  provider: Provider;
  kind: EvidenceKind;
  index: number;
  detail: string;
  confidence: number;
  decoy?: string;
  /** For a cloud: the service this evidence names. */
  service?: string;
};

const IMPORTS: Record<Exclude<CodeLanguage, "html">, RegExp[]> = {
  js: [
    /\bfrom\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*(['"])([^'"\n]+)\1/g,
    /\b(?:require|import)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
  ],
  python: [],
  go: [/^[ \t]*import[ \t]+(?:[\w.]+[ \t]+)?(")([^"\n]+)"/gm],
  java: [/^[ \t]*import[ \t]+(?:static[ \t]+)?()([\w.]+)/gm],
  ruby: [/^[ \t]*require[ \t(]+(['"])([^'"\n]+)\1/gm],
  php: [/^[ \t]*use[ \t]+(?:function[ \t]+|const[ \t]+)?()\\?([\w\\]+)/gm],
};

const ENV_READS: Record<Exclude<CodeLanguage, "html">, RegExp[]> = {
  js: [
    /\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
    /\bprocess\.env\[\s*['"`]([A-Za-z_][A-Za-z0-9_]*)['"`]\s*\]/g,
    /\bimport\.meta\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
    /\b(?:Deno|Bun)\.env\.get\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g,
    /\benv\(\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
  ],
  python: [
    /\bos\.environ\[\s*['"](\w+)['"]\s*\]/g,
    /\b(?:os\.environ\.get|os\.getenv|environ\.get|getenv|os\.environ\.setdefault)\(\s*['"](\w+)['"]/g,
    /\b(?:config|env)(?:\.\w+)?\(\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
  ],
  go: [/\bos\.(?:Getenv|LookupEnv)\(\s*"(\w+)"/g, /\benv(?:config)?:\\?"([A-Z][A-Z0-9_]+)/g],
  java: [/\bSystem\.getenv\(\s*"(\w+)"/g, /@Value\(\s*"\$\{([\w.-]+)/g],
  ruby: [/\bENV\[\s*['"](\w+)['"]\s*\]/g, /\bENV\.fetch\(\s*['"](\w+)['"]/g],
  php: [/\b(?:getenv|env)\(\s*['"](\w+)['"]/g, /\$_(?:ENV|SERVER)\[\s*['"](\w+)['"]\s*\]/g],
};

const URL = /\b(?:https?|wss?):\/\/([^\s'"`<>()\\]+)/g;
/** A quoted host name: two dots at least ("api.stripe.com"), or one followed by a path ("slack.com/api"), so "./util.js" is not a candidate. */
const QUOTED_HOST = /['"`]((?:[a-z0-9-]+\.){2,}[a-z]{2,}|[a-z0-9-]+\.[a-z]{2,}(?=\/))(\/[^'"`\s]*)?['"`]/gi;
/** A request being made, or a client being pointed at a base URL, on the URL's line or just above. */
const REQUEST =
  /\b(fetch|axios|got|ky|superagent|needle|request|urlopen|urllib|httpx|aiohttp|requests\.\w+|http\.(Get|Post|NewRequest\w*|request|get|post)|https\.(request|get)|NewRequest\w*|HttpClient|HttpRequest|WebClient|RestTemplate|OkHttpClient|Retrofit|Net::HTTP|HTTParty|Faraday|RestClient|URI\(|curl_init|curl_setopt|file_get_contents|Http::\w+|Guzzle\w*|->(get|post|request)\(|base_?url|baseURL|BASE_URL|api_?base|API_BASE|api_?url|API_URL|endpoint|ENDPOINT|basePath)\b/i;
const PHP_QUALIFIED = /(?<![\w\\$])\\?([A-Z][A-Za-z0-9_]*\\[A-Za-z][\w\\]*)/g;

/** A URL path that names an API endpoint: a version, "api", "oauth", "graphql" or "rest" segment. */
const API_PATH = /\/(api|rest|graphql|oauth\d?|v\d+(\.\d+)?)(\/|$)/i;

const CONFIDENCE = {
  import: 0.9,
  constant: 0.8,
  call: 0.9,
  hostRequest: 0.9,
  hostMention: 0.7,
  envExact: 0.6,
  envPrefix: 0.45,
  header: 0.85,
  browserScript: 0.9,
  browserGlobal: 0.85,
  configured: 0.3,
  configHost: 0.45,
};

export function analyzeCode(input: {
  path: string;
  language: CodeLanguage;
  text: string;
  context: FindingContext;
  index: ProviderIndex;
  /** Configuration code: keys read there are configured keys, API addresses only mentions. */
  config?: boolean;
}): FileEvidence {
  if (input.language === "html") return analyzeTemplate({ ...input, language: "html" });
  const { path, language, text, context, index } = input;
  const candidates = collectCandidates(text, language, index);
  if (input.config) {
    // An API endpoint ("login.microsoftonline.com/common/oauth2/v2.0/token") is where
    // configuration code (a Passport strategy, an OAuth client) sends requests; a bare host or
    // another URL (a bucket prefix, a queue's placeholder) is only a setting a driver may never use.
    for (const c of candidates) {
      if (c.kind === "env-read") {
        c.kind = "env-config";
        c.confidence = CONFIDENCE.configured;
      } else if (c.kind === "api-host" && !API_PATH.test(c.detail)) c.confidence = CONFIDENCE.configHost;
    }
  }
  if (!candidates.length) return { findings: [], decoys: [] };

  const comments = commentRanges(text, language);
  const inCode = (at: number) => outsideComments(comments, at);
  const live = candidates.filter((c) => inCode(c.index));
  if (!live.length) return { findings: [], decoys: [] };

  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const decoys: Decoy[] = [];
  const seen = new Set<string>();
  const add = (c: Candidate, extra: Partial<Finding> = {}) => {
    const { line, column } = lines.at(c.index);
    const key = `${c.provider.id}|${c.kind}|${line}|${extra.operation ?? (c.kind === "env-read" || c.kind === "env-config" || c.kind === "api-host" ? c.detail : "")}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({
      provider: c.provider.id,
      kind: c.kind,
      file: path,
      line,
      column,
      snippet: snippetAt(lines, line),
      context: contextAround(lines, line),
      confidence: c.confidence,
      context_kind: context,
      language,
      detail: c.detail,
      ...(c.service ? { service: c.service } : {}),
      ...extra,
    });
  };

  const using = new Set<Provider>();
  for (const c of live) {
    if (c.decoy) {
      decoys.push({
        provider: c.provider.id,
        file: path,
        line: lines.at(c.index).line,
        detail: c.detail,
        reason: c.decoy,
      });
      continue;
    }
    if (
      c.kind === "api-host" &&
      c.confidence === CONFIDENCE.hostMention &&
      requestNearby(lines, lines.at(c.index).line)
    ) {
      c.confidence = CONFIDENCE.hostRequest;
    }
    add(c);
    if (c.kind !== "env-read" && c.kind !== "env-config") using.add(c.provider);
  }

  for (const provider of using) {
    if (provider.cloud) {
      for (const pattern of serviceConstructors(provider.cloud, language)) {
        for (const m of matchAll(pattern, text)) {
          if (!inCode(m.index)) continue;
          const service = serviceOfConstructor(provider.cloud, m[1]!);
          if (service)
            add({
              provider,
              kind: "sdk-call",
              index: m.index,
              detail: m[0].trim(),
              confidence: CONFIDENCE.call,
              service,
            });
        }
      }
    }
    const { calls, operations } = index.patterns(provider);
    for (const pattern of calls) {
      for (const m of matchAll(pattern, text))
        if (inCode(m.index))
          add({ provider, kind: "sdk-call", index: m.index, detail: m[0].trim(), confidence: CONFIDENCE.call });
    }
    for (const op of operations) {
      for (const pattern of op.patterns) {
        for (const m of matchAll(pattern, text)) {
          if (!inCode(m.index)) continue;
          const { line, column } = lines.at(m.index);
          const site = callSiteContext(lines, line, language, column);
          add(
            {
              provider,
              kind: "sdk-call",
              index: m.index,
              detail: m[0].trim().replace(/['"`]$/, ""),
              confidence: CONFIDENCE.call,
            },
            { operation: op.id, ...site },
          );
        }
      }
    }
  }
  return { findings: withoutEchoes(findings), decoys };
}

/** A bare SDK reference on a line that already has the import, or a mapped call, says nothing more. */
function withoutEchoes(findings: Finding[]) {
  const strong = new Set(
    findings.filter((f) => f.kind === "import" || f.operation).map((f) => `${f.provider}|${f.line}`),
  );
  return findings.filter((f) => f.kind !== "sdk-call" || f.operation || !strong.has(`${f.provider}|${f.line}`));
}

function* matchAll(pattern: RegExp, text: string) {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

function requestNearby(lines: LineIndex, line: number) {
  for (let n = Math.max(1, line - 2); n <= Math.min(lines.count, line + 1); n++)
    if (REQUEST.test(lines.line(n))) return true;
  return false;
}

function collectCandidates(text: string, language: CodeLanguage, index: ProviderIndex): Candidate[] {
  const out: Candidate[] = [];
  const importOf = (spec: string, at: number, kind: EvidenceKind = "import") => {
    const match = index.import(language, spec);
    if (match) {
      const { cloud } = match.provider;
      out.push({
        provider: match.provider,
        kind,
        index: at,
        detail: spec,
        confidence: kind === "import" ? CONFIDENCE.import : CONFIDENCE.call,
        decoy: match.decoy,
        service: (cloud && serviceOfImport(cloud, language, spec)) || match.provider.service,
      });
    }
    return Boolean(match);
  };

  if (language === "html") return out; // templates are read through their script view
  for (const pattern of IMPORTS[language]) {
    for (const m of matchAll(pattern, text)) importOf(m[2]!, m.index + m[0].lastIndexOf(m[2]!));
  }
  if (language === "python") pythonImports(text, importOf);
  if (language === "go") goImportBlocks(text, importOf);
  if (language === "php") {
    for (const m of matchAll(PHP_QUALIFIED, text)) {
      const lineStart = text.lastIndexOf("\n", m.index) + 1;
      if (/^\s*(namespace|use)\b/.test(text.slice(lineStart, m.index))) continue;
      importOf(m[1]!, m.index, "sdk-call");
    }
  }
  if (language === "ruby" && index.rubyConstants) {
    for (const m of matchAll(index.rubyConstants, text)) {
      const provider = index.constant(m[1]!);
      if (provider)
        out.push({ provider, kind: "sdk-call", index: m.index, detail: m[1]!, confidence: CONFIDENCE.constant });
    }
  }

  // Cheap substring checks first: most files read no environment and request no URL.
  const mayReadEnv = text.includes("env") || text.includes("Env") || text.includes("ENV") || text.includes("config(");
  for (const pattern of mayReadEnv ? ENV_READS[language] : []) {
    for (const m of matchAll(pattern, text)) {
      const raw = m[1]!;
      const name = language === "java" && raw.includes(".") ? raw.toUpperCase().replace(/[.-]/g, "_") : raw;
      const match = index.env(name);
      if (match) {
        out.push({
          provider: match.provider,
          kind: "env-read",
          index: m.index,
          detail: name,
          confidence: match.exact ? CONFIDENCE.envExact : CONFIDENCE.envPrefix,
        });
      }
    }
  }
  if (language === "js" && text.includes("process.env")) {
    for (const m of matchAll(/\{([^{}]{1,600})\}\s*=\s*process\.env\b/g, text)) {
      for (const part of m[1]!.split(",")) {
        const name = part.split(/[:=]/)[0]!.trim();
        const match = name && index.env(name);
        if (match) {
          out.push({
            provider: match.provider,
            kind: "env-read",
            index: m.index + m[0].indexOf(name),
            detail: name,
            confidence: match.exact ? CONFIDENCE.envExact : CONFIDENCE.envPrefix,
          });
        }
      }
    }
  }

  if (language === "js" && index.browserGlobals) {
    for (const m of matchAll(index.browserGlobals, text)) {
      const provider = index.browserGlobal(m[1]!);
      if (provider)
        out.push({
          provider,
          kind: "browser",
          index: m.index + m[0].indexOf(m[1]!),
          detail: `${m[1]}(…)`,
          confidence: CONFIDENCE.browserGlobal,
        });
    }
  }

  if (index.headers) {
    for (const m of matchAll(index.headers, text)) {
      const provider = index.header(m[1]!);
      if (provider)
        out.push({
          provider,
          kind: "api-host",
          index: m.index + 1,
          detail: `header ${m[1]}`,
          confidence: CONFIDENCE.header,
        });
    }
  }

  for (const m of text.includes("://") ? matchAll(URL, text) : []) {
    const cleaned = m[1]!.replace(/\$\{[^}]*\}|#\{[^}]*\}|\{[^}]*\}|%[sdv]/g, "");
    const hostEnd = cleaned.search(/[/?#:]/);
    const host = (hostEnd < 0 ? cleaned : cleaned.slice(0, hostEnd)).replace(/^[^a-z0-9]+/i, "");
    const path = hostEnd < 0 ? "/" : cleaned.slice(hostEnd);
    if (isPlaceholderHost(host) || isStaticAsset(path)) continue;
    const provider = host.includes(".") ? index.host(host, path) : null;
    if (provider)
      out.push({
        provider,
        kind: "api-host",
        index: m.index,
        detail: `${host}${path === "/" ? "" : path}`.slice(0, 120),
        confidence: CONFIDENCE.hostMention,
        service: hostService(provider, host, path),
      });
  }
  for (const m of matchAll(QUOTED_HOST, text)) {
    if (isPlaceholderHost(m[1]!) || isStaticAsset(m[2] ?? "")) continue;
    const provider = index.host(m[1]!, m[2] ?? "/");
    if (provider)
      out.push({
        provider,
        kind: "api-host",
        index: m.index + 1,
        detail: m[1]! + (m[2] ?? ""),
        confidence: CONFIDENCE.hostMention,
        service: hostService(provider, m[1]!, m[2] ?? "/"),
      });
  }
  return out;
}

/**
 * A page or template: the scripts it loads from a provider's CDN, and its own scripts read
 * as JavaScript (imports, requests, browser globals).
 */
function analyzeTemplate(input: Parameters<typeof analyzeCode>[0] & { language: "html" }): FileEvidence {
  const markup = markupView(input.text);
  const scripts = analyzeCode({ ...input, language: "js", text: scriptView(markup) });
  const lines = new LineIndex(input.text);
  const findings = scripts.findings.map((f) => ({
    ...f,
    language: "html" as const,
    snippet: snippetAt(lines, f.line),
    context: contextAround(lines, f.line),
  }));
  const seen = new Set<string>();
  for (const { url, index: at } of scriptSources(markup)) {
    const match = /^https?:\/\/([^/?#:]+)(?::\d+)?([^?#]*)/i.exec(url);
    if (!match) continue;
    const host = match[1]!.toLowerCase();
    const provider = input.index.host(host, match[2] || "/");
    if (!provider) continue;
    const { line, column } = lines.at(at);
    if (seen.has(`${provider.id}|${line}`)) continue;
    seen.add(`${provider.id}|${line}`);
    findings.push({
      provider: provider.id,
      kind: "browser",
      file: input.path,
      line,
      column,
      snippet: snippetAt(lines, line),
      context: contextAround(lines, line),
      confidence: input.config ? CONFIDENCE.configHost : CONFIDENCE.browserScript,
      context_kind: input.context,
      language: "html",
      detail: `script ${host}${match[2] ?? ""}`.slice(0, 120),
      ...(hostService(provider, host, match[2]) ? { service: hostService(provider, host, match[2]) } : {}),
    });
  }
  return { findings, decoys: scripts.decoys };
}

function hostService(provider: Provider, host: string, path?: string) {
  if (!provider.cloud) return undefined;
  const named = serviceOfHost(host, path);
  return named?.cloud === provider.cloud ? named.service : provider.service;
}

function pythonImports(text: string, importOf: (spec: string, at: number) => boolean) {
  for (const m of matchAll(/^[ \t]*import[ \t]+([\w. \t,]+)/gm, text)) {
    let offset = m.index + m[0].indexOf(m[1]!);
    for (const part of m[1]!.split(",")) {
      const module = part.trim().split(/\s+as\s+|\s+/)[0]!;
      if (module) importOf(module, offset + part.indexOf(module));
      offset += part.length + 1;
    }
  }
  for (const m of matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([\w \t,*]*)/gm, text)) {
    const module = m[1]!;
    if (module.startsWith(".")) continue;
    const at = m.index + m[0].indexOf(module);
    // "from google import genai" imports google.genai: try the module with each name, then alone.
    const names = m[2]!
      .split(",")
      .map((n) => n.trim().split(/\s+/)[0]!)
      .filter(Boolean);
    if (!names.some((name) => importOf(`${module}.${name}`, at))) importOf(module, at);
  }
}

function goImportBlocks(text: string, importOf: (spec: string, at: number) => boolean) {
  for (const block of matchAll(/^[ \t]*import[ \t]*\(([\s\S]*?)\)/gm, text)) {
    const bodyStart = block.index + block[0].indexOf("(") + 1;
    for (const m of matchAll(/"([^"\n]+)"/g, block[1]!)) importOf(m[1]!, bodyStart + m.index + 1);
  }
}
