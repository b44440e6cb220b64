import { XMLParser } from "fast-xml-parser";
import { parse as parseTomlText } from "smol-toml";
import type { Ecosystem } from "./providers";
import type { ManifestKind } from "./paths";

/**
 * Dependencies declared in a manifest, each with its line, and the name the manifest gives
 * its own package (a folder whose package is "stripe" is a copy of Stripe's SDK, not a user
 * of it). Manifests that are data (package.json, composer.json, pyproject.toml, Pipfile,
 * pom.xml, Gradle version catalogs) go through real parsers (JSON, smol-toml,
 * fast-xml-parser); a manifest that does not parse yields nothing, never an exception.
 * Manifests that are code (setup.py, build.gradle, Gemfile, gemspecs) are read by patterns. Lockfiles are not read at all: they list transitive
 * dependencies that the project's own code never chose.
 */
export type Dependency = { ecosystem: Ecosystem; name: string; line: number; dev: boolean };
export type ManifestInfo = { ecosystem: Ecosystem; dependencies: Dependency[]; ownNames: string[] };

export function parseManifest(kind: ManifestKind, text: string): ManifestInfo {
  switch (kind) {
    case "package.json":
      return packageJson(text);
    case "composer.json":
      return composerJson(text);
    case "requirements":
      return requirements(text);
    case "pyproject":
      return pyproject(text);
    case "setup.py":
      return setupPy(text);
    case "setup.cfg":
      return setupCfg(text);
    case "pipfile":
      return pipfile(text);
    case "go.mod":
      return goMod(text);
    case "pom.xml":
      return pomXml(text);
    case "gradle":
      return gradle(text);
    case "gradle-catalog":
      return gradleCatalog(text);
    case "gemfile":
      return gemfile(text);
    case "gemspec":
      return gemspec(text);
  }
}

/** 1-based line of the first line matching `test`, or 1. */
function lineOf(lines: string[], test: (line: string) => boolean) {
  const index = lines.findIndex(test);
  return index < 0 ? 1 : index + 1;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function jsonDependencies(text: string, ecosystem: Ecosystem, sections: [string, boolean][]): ManifestInfo {
  const json = parseJson(text);
  const lines = text.split("\n");
  const dependencies: Dependency[] = [];
  for (const [section, dev] of sections) {
    const deps = json?.[section];
    if (!deps || typeof deps !== "object") continue;
    for (const name of Object.keys(deps)) {
      dependencies.push({ ecosystem, name, dev, line: lineOf(lines, (l) => l.includes(`"${name}"`)) });
    }
  }
  const own = typeof json?.name === "string" ? [json.name] : [];
  return { ecosystem, dependencies, ownNames: own };
}

function packageJson(text: string) {
  return jsonDependencies(text, "npm", [
    ["dependencies", false],
    ["peerDependencies", false],
    ["optionalDependencies", false],
    ["devDependencies", true],
  ]);
}

function composerJson(text: string) {
  const info = jsonDependencies(text, "composer", [
    ["require", false],
    ["require-dev", true],
  ]);
  info.dependencies = info.dependencies.filter((d) => d.name.includes("/")); // "php", "ext-json" are platform requirements
  return info;
}

/** "stripe[async]>=5 ; python_version>'3'" → "stripe" */
function pep508Name(spec: string) {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return match ? match[1]! : null;
}

function requirements(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line || line.startsWith("-")) return;
    const name = /^(git\+|https?:)/.test(line) ? /#egg=([\w.-]+)/.exec(raw)?.[1] : pep508Name(line);
    if (name) dependencies.push({ ecosystem: "pypi", name, line: index + 1, dev: false });
  });
  return { ecosystem: "pypi", dependencies, ownNames: [] };
}

/** TOML through a real parser; a manifest that does not parse yields nothing. */
function parseToml(text: string): Record<string, unknown> | null {
  try {
    return parseTomlText(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const table = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
const DEV_GROUP = /dev|test|lint|doc|typing|format|check/i;

/** The line a dependency is declared on: the first line naming it as a key or in a string. */
function declaredLine(lines: string[], name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(^|["'\\s])${escaped}(["'\\s=<>!~;\\[,:]|$)`, "i");
  return lineOf(lines, (l) => pattern.test(l));
}

function pyproject(text: string): ManifestInfo {
  const toml = parseToml(text);
  const lines = text.split("\n");
  const dependencies: Dependency[] = [];
  const add = (spec: string, dev: boolean) => {
    const name = pep508Name(spec);
    if (name && name.toLowerCase() !== "python")
      dependencies.push({ ecosystem: "pypi", name, dev, line: declaredLine(lines, name) });
  };
  const project = table(toml?.project);
  for (const spec of strings(project.dependencies)) add(spec, false);
  for (const [group, specs] of Object.entries(table(project["optional-dependencies"])))
    for (const spec of strings(specs)) add(spec, DEV_GROUP.test(group));
  // PEP 735 dependency groups: development-only by nature.
  for (const specs of Object.values(table(toml?.["dependency-groups"])))
    for (const spec of strings(specs)) add(spec, true);
  const tool = table(toml?.tool);
  const poetry = table(tool.poetry);
  for (const name of Object.keys(table(poetry.dependencies))) add(name, false);
  for (const name of Object.keys(table(poetry["dev-dependencies"]))) add(name, true);
  for (const [group, body] of Object.entries(table(poetry.group)))
    for (const name of Object.keys(table(table(body).dependencies))) add(name, DEV_GROUP.test(group));
  for (const spec of strings(table(tool.uv)["dev-dependencies"])) add(spec, true);
  for (const specs of Object.values(table(table(tool.pdm)["dev-dependencies"])))
    for (const spec of strings(specs)) add(spec, true);
  const own = [project.name, poetry.name].filter((n): n is string => typeof n === "string");
  return { ecosystem: "pypi", dependencies, ownNames: own };
}

function setupPy(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  const block = /(install_requires|extras_require|tests_require)\s*=\s*([[{][\s\S]*?[\]}])\s*[,)]/g;
  for (const match of text.matchAll(block)) {
    const startLine = text.slice(0, match.index).split("\n").length;
    for (const str of match[2]!.matchAll(/["']([^"']+)["']/g)) {
      const name = pep508Name(str[1]!);
      if (!name) continue;
      const offset = text.slice(0, match.index! + match[0].indexOf(str[0])).split("\n").length;
      dependencies.push({ ecosystem: "pypi", name, line: offset || startLine, dev: match[1] === "tests_require" });
    }
  }
  const own = /\bname\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  return { ecosystem: "pypi", dependencies, ownNames: own ? [own] : [] };
}

function setupCfg(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  let collecting = false;
  let own: string | undefined;
  text.split("\n").forEach((line, index) => {
    if (/^\s*install_requires\s*=/.test(line)) {
      collecting = true;
      const rest = line.split("=").slice(1).join("=").trim();
      const name = rest && pep508Name(rest);
      if (name) dependencies.push({ ecosystem: "pypi", name, line: index + 1, dev: false });
      return;
    }
    if (collecting) {
      if (/^\S/.test(line)) collecting = false;
      else {
        const name = pep508Name(line.trim());
        if (name) dependencies.push({ ecosystem: "pypi", name, line: index + 1, dev: false });
      }
    }
    const nameMatch = /^\s*name\s*=\s*(\S+)/.exec(line);
    if (nameMatch && !own) own = nameMatch[1];
  });
  return { ecosystem: "pypi", dependencies, ownNames: own ? [own] : [] };
}

function pipfile(text: string): ManifestInfo {
  const toml = parseToml(text);
  const lines = text.split("\n");
  const dependencies: Dependency[] = [];
  for (const [section, dev] of [
    ["packages", false],
    ["dev-packages", true],
  ] as const)
    for (const name of Object.keys(table(toml?.[section])))
      dependencies.push({ ecosystem: "pypi", name, dev, line: declaredLine(lines, name) });
  return { ecosystem: "pypi", dependencies, ownNames: [] };
}

function goMod(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  let inRequire = false;
  let own: string | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    const module = /^module\s+(\S+)/.exec(line);
    if (module) own = module[1];
    if (/^require\s*\($/.test(line)) {
      inRequire = true;
      return;
    }
    if (inRequire && line === ")") {
      inRequire = false;
      return;
    }
    const spec = inRequire ? line : /^require\s+(.*)$/.exec(line)?.[1];
    if (!spec || spec.startsWith("//")) return;
    const [path] = spec.split(/\s+/);
    // "// indirect" requirements are there for another dependency's sake, not this module's.
    if (path && !/\/\/\s*indirect/.test(spec))
      dependencies.push({ ecosystem: "go", name: path, line: index + 1, dev: false });
  });
  return { ecosystem: "go", dependencies, ownNames: own ? [own] : [] };
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: false });
const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** pom.xml through a real XML parser: the project's dependencies (not dependencyManagement, which only pins versions). */
function pomXml(text: string): ManifestInfo {
  let project: Record<string, unknown>;
  try {
    project = table(table(xml.parse(text)).project);
  } catch {
    return { ecosystem: "maven", dependencies: [], ownNames: [] };
  }
  const lines = text.split("\n");
  const dependencies: Dependency[] = [];
  const declared = [
    ...list(table(project.dependencies).dependency),
    ...list(table(project.profiles).profile).flatMap((p) => list(table(table(p).dependencies).dependency)),
  ];
  for (const raw of declared) {
    const dep = table(raw);
    const group = typeof dep.groupId === "string" ? dep.groupId : null;
    const artifact = typeof dep.artifactId === "string" ? dep.artifactId : null;
    if (!group || !artifact) continue;
    dependencies.push({
      ecosystem: "maven",
      name: `${group}:${artifact}`,
      line: lineOf(lines, (l) => l.includes(`>${artifact}<`)),
      dev: dep.scope === "test",
    });
  }
  const group = typeof project.groupId === "string" ? project.groupId : table(project.parent).groupId;
  const artifact = project.artifactId;
  return {
    ecosystem: "maven",
    dependencies,
    ownNames: typeof group === "string" && typeof artifact === "string" ? [`${group}:${artifact}`] : [],
  };
}

function gradle(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  const configuration =
    "(\\w*(?:[Ii]mplementation|[Aa]pi|[Cc]ompile|[Rr]untimeOnly|[Cc]ompileOnly|kapt|ksp|annotationProcessor))";
  const coordinate = new RegExp(`\\b${configuration}\\s*\\(?\\s*["']([\\w.-]+):([\\w.-]+)(?::[^"']*)?["']`, "g");
  const named = new RegExp(
    `\\b${configuration}\\s*\\(?\\s*group\\s*[:=]\\s*["']([^"']+)["']\\s*,\\s*name\\s*[:=]\\s*["']([^"']+)["']`,
    "g",
  );
  for (const pattern of [coordinate, named]) {
    for (const m of text.matchAll(pattern)) {
      const line = text.slice(0, m.index).split("\n").length;
      dependencies.push({ ecosystem: "maven", name: `${m[2]}:${m[3]}`, line, dev: /^(test|androidTest)/i.test(m[1]!) });
    }
  }
  return { ecosystem: "maven", dependencies, ownNames: [] };
}

/** Gradle version catalogs (libs.versions.toml): the [libraries] table, through a real TOML parser. */
function gradleCatalog(text: string): ManifestInfo {
  const toml = parseToml(text);
  const lines = text.split("\n");
  const dependencies: Dependency[] = [];
  for (const [alias, value] of Object.entries(table(toml?.libraries))) {
    const entry = table(value);
    const coordinate =
      typeof value === "string"
        ? value.split(":").slice(0, 2).join(":")
        : typeof entry.module === "string"
          ? entry.module
          : typeof entry.group === "string" && typeof entry.name === "string"
            ? `${entry.group}:${entry.name}`
            : null;
    if (coordinate && coordinate.includes(":"))
      dependencies.push({ ecosystem: "maven", name: coordinate, dev: false, line: declaredLine(lines, alias) });
  }
  return { ecosystem: "maven", dependencies, ownNames: [] };
}

function gemfile(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  const groups: boolean[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/#.*/, "");
    const group = /^\s*group\s+(.*?)\s+do\b/.exec(line);
    if (group) {
      groups.push(/:(development|test)\b/.test(group[1]!) && !/:production\b/.test(group[1]!));
      return;
    }
    if (/^\s*end\b/.test(line) && groups.length) {
      groups.pop();
      return;
    }
    const gem = /^\s*gem\s+["']([^"']+)["'](.*)$/.exec(line);
    if (gem) {
      const dev = groups.some(Boolean) || /group:\s*\[?\s*:(development|test)/.test(gem[2]!);
      dependencies.push({ ecosystem: "rubygems", name: gem[1]!, line: index + 1, dev });
    }
  });
  return { ecosystem: "rubygems", dependencies, ownNames: [] };
}

function gemspec(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  text.split("\n").forEach((line, index) => {
    const dep = /\.add_(runtime_|development_)?dependency\s*\(?\s*["']([^"']+)["']/.exec(line);
    if (dep)
      dependencies.push({ ecosystem: "rubygems", name: dep[2]!, line: index + 1, dev: dep[1] === "development_" });
  });
  const own = /\.name\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  return { ecosystem: "rubygems", dependencies, ownNames: own ? [own] : [] };
}
