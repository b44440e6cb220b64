import type { Ecosystem } from "./providers";
import type { ManifestKind } from "./paths";

/**
 * Dependencies declared in a manifest, each with its line, and the name the manifest gives
 * its own package (a folder whose package is "stripe" is a copy of Stripe's SDK, not a user
 * of it). Parsing is deliberately forgiving: a manifest that does not parse yields what
 * could be read, never an exception. Lockfiles are not read at all: they list transitive
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

/** Minimal TOML reading: section headers, key = "value", and arrays of strings. Enough for dependency lists. */
function tomlSections(text: string) {
  const sections: { name: string; startLine: number; lines: string[] }[] = [{ name: "", startLine: 1, lines: [] }];
  text.split("\n").forEach((line, index) => {
    const header = /^\s*\[\[?([^\]]+)\]\]?\s*$/.exec(line);
    if (header) sections.push({ name: header[1]!.trim(), startLine: index + 1, lines: [] });
    else sections.at(-1)!.lines.push(line);
  });
  return sections;
}

function pyproject(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  const ownNames: string[] = [];
  for (const section of tomlSections(text)) {
    const isDev = /dev|test|lint|doc/i.test(section.name);
    if (section.name === "project" || section.name === "tool.poetry") {
      const nameLine = section.lines.find((l) => /^\s*name\s*=/.test(l));
      const own = nameLine && /=\s*["']([^"']+)["']/.exec(nameLine)?.[1];
      if (own) ownNames.push(own);
    }
    // PEP 621: dependencies = ["a>=1", …] (possibly over several lines), optional-dependencies tables.
    if (
      section.name === "project" ||
      section.name === "project.optional-dependencies" ||
      section.name === "dependency-groups"
    ) {
      let inArray = section.name !== "project";
      section.lines.forEach((line, i) => {
        if (section.name === "project") {
          if (/^\s*dependencies\s*=\s*\[/.test(line)) inArray = true;
          else if (/^\s*\w[\w-]*\s*=/.test(line)) inArray = false;
        }
        if (!inArray) return;
        for (const match of line.matchAll(/["']([^"']+)["']/g)) {
          const name = pep508Name(match[1]!);
          if (name)
            dependencies.push({
              ecosystem: "pypi",
              name,
              line: section.startLine + i + 1,
              dev: isDev && section.name !== "project",
            });
        }
        if (section.name === "project" && line.includes("]")) inArray = false;
      });
    }
    // Poetry: [tool.poetry.dependencies] name = "^1.0"
    if (/^tool\.poetry(\.group\.[\w-]+)?\.(dev-)?dependencies$/.test(section.name)) {
      section.lines.forEach((line, i) => {
        const key = /^\s*([A-Za-z0-9][\w.-]*)\s*=/.exec(line)?.[1];
        if (key && key.toLowerCase() !== "python")
          dependencies.push({ ecosystem: "pypi", name: key, line: section.startLine + i + 1, dev: isDev });
      });
    }
  }
  return { ecosystem: "pypi", dependencies, ownNames };
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
  const dependencies: Dependency[] = [];
  for (const section of tomlSections(text)) {
    if (section.name !== "packages" && section.name !== "dev-packages") continue;
    section.lines.forEach((line, i) => {
      const key = /^\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*=/.exec(line)?.[1];
      if (key)
        dependencies.push({
          ecosystem: "pypi",
          name: key,
          line: section.startLine + i + 1,
          dev: section.name === "dev-packages",
        });
    });
  }
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

function pomXml(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  for (const match of text.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const body = match[1]!;
    const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(body)?.[1];
    const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(body)?.[1];
    if (!group || !artifact) continue;
    const line = text.slice(0, match.index! + match[0].indexOf(artifact)).split("\n").length;
    dependencies.push({
      ecosystem: "maven",
      name: `${group}:${artifact}`,
      line,
      dev: /<scope>\s*test\s*<\/scope>/.test(body),
    });
  }
  // The project's own coordinates: the first groupId/artifactId outside <parent> and <dependencies>.
  const withoutNested = text
    .replace(/<parent>[\s\S]*?<\/parent>/, "")
    .replace(/<dependencies>[\s\S]*?<\/dependencies>/g, "")
    .replace(/<build>[\s\S]*<\/build>/, "");
  const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(withoutNested)?.[1];
  const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(withoutNested)?.[1];
  return { ecosystem: "maven", dependencies, ownNames: group && artifact ? [`${group}:${artifact}`] : [] };
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

function gradleCatalog(text: string): ManifestInfo {
  const dependencies: Dependency[] = [];
  text.split("\n").forEach((line, index) => {
    const module = /module\s*=\s*["']([\w.-]+:[\w.-]+)["']/.exec(line)?.[1];
    const group = /group\s*=\s*["']([^"']+)["']/.exec(line)?.[1];
    const name = /name\s*=\s*["']([^"']+)["']/.exec(line)?.[1];
    const coordinate =
      module ?? (group && name ? `${group}:${name}` : /=\s*["']([\w.-]+:[\w.-]+):[^"']+["']/.exec(line)?.[1]);
    if (coordinate) dependencies.push({ ecosystem: "maven", name: coordinate, line: index + 1, dev: false });
  });
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
