import { describe, expect, it } from "vitest";
import { CATALOG } from "../../prisma/demo/catalog";
import { commentRanges, outsideComments, stripComments } from "~/scanner/lexer";
import { callSiteContext } from "~/scanner/loops";
import { parseManifest } from "~/scanner/manifests";
import { ProviderIndex } from "~/scanner/match";
import { contextOf } from "~/scanner/paths";
import { PROVIDERS } from "~/scanner/providers";
import { toSarif } from "~/scanner/report/sarif";
import { toTable } from "~/scanner/report/table";
import { LineIndex, redactSecrets } from "~/scanner/text";
import { scanTree } from "../support/scan-tree";

describe("provider catalog", () => {
  it("has at least 60 providers, each findable by a package or a host, with valid catalog links", () => {
    expect(PROVIDERS.length).toBeGreaterThanOrEqual(60);
    const slugs = new Set(CATALOG.map((a) => a.slug));
    for (const p of PROVIDERS) {
      const names = Object.values(p.packages).flat().length;
      expect(names + p.hosts.length + (p.browser.scripts ?? []).length, p.id).toBeGreaterThan(0);
      if (p.catalogSlug) expect(slugs.has(p.catalogSlug), p.id).toBe(true);
    }
    // Every API of the marketplace catalog is known to the scanner.
    for (const slug of slugs)
      expect(
        PROVIDERS.some((p) => p.catalogSlug === slug),
        slug,
      ).toBe(true);
  });

  it("covers every ecosystem", () => {
    for (const eco of ["npm", "pypi", "go", "maven", "rubygems", "composer"] as const) {
      expect(PROVIDERS.filter((p) => (p.packages[eco] ?? []).length > 0).length, eco).toBeGreaterThan(30);
    }
  });
});

describe("matching names to providers", () => {
  const index = new ProviderIndex();
  it("matches packages exactly, by wildcard and at Go path boundaries", () => {
    expect(index.package("npm", "@sentry/nextjs")?.provider.id).toBe("sentry");
    expect(index.package("go", "github.com/stripe/stripe-go/v76/paymentintent")?.provider.id).toBe("stripe");
    expect(index.package("go", "github.com/stripe/stripe-goat")).toBeNull();
    expect(index.package("pypi", "Slack_SDK")?.provider.id).toBe("slack");
    expect(index.package("maven", "com.squareup:square")?.provider.id).toBe("square");
  });
  it("prefers the decoy list, and the longest name", () => {
    expect(index.package("maven", "com.squareup.okhttp3:okhttp")?.decoy).toMatch(/OkHttp/);
    expect(index.import("java", "com.google.common.collect.ImmutableList")?.decoy).toBeTruthy();
    expect(index.import("python", "google.cloud.storage")?.provider.id).toBe("google-cloud");
    expect(index.import("python", "google.generativeai")?.provider.id).toBe("google-gemini");
  });
  it("matches hosts with wildcards and paths", () => {
    expect(index.host("abc-dsn.algolia.net")?.id).toBe("algolia");
    expect(index.host("slack.com", "/api/chat.postMessage")?.id).toBe("slack");
    expect(index.host("slack.com", "/intl/en")).toBeNull();
    expect(index.host("maps.googleapis.com")?.id).toBe("google-maps");
    expect(index.host("storage.googleapis.com")?.id).toBe("google-cloud");
    expect(index.host("github.com")).toBeNull();
  });
  it("matches environment variables exactly or by prefix", () => {
    expect(index.env("STRIPE_SECRET_KEY")).toMatchObject({ exact: true });
    expect(index.env("STRIPE_PRICE_ID")).toMatchObject({ exact: false });
    expect(index.env("GITHUB_SHA")).toBeNull();
  });
});

describe("comment stripping", () => {
  it("keeps positions and strings, blanks comments", () => {
    const src = `const a = "http://x"; // note\n/* block\n */ b();`;
    const out = stripComments(src, "js");
    expect(out.length).toBe(src.length);
    expect(out).toContain(`"http://x"`);
    expect(out).not.toContain("note");
    expect(out.split("\n").length).toBe(3);
  });
  it("tells regex literals from comments and PHP attributes from comments", () => {
    expect(stripComments("x = /a\\/\\/b/; y(); // c", "js")).toContain("y();");
    expect(stripComments("#[Route('/')]\n# comment", "php")).toContain("#[Route('/')]");
    expect(stripComments("#[Route('/')]\n# comment", "php")).not.toContain("comment");
  });
  it("answers whether an offset is in a comment, at the edges too", () => {
    const src = `a(); // one\nb(); /* two */ c(); # not a comment in JS`;
    const ranges = commentRanges(src, "js");
    expect(ranges).toEqual([src.indexOf("//"), src.indexOf("\n"), src.indexOf("/*"), src.indexOf("*/") + 2]);
    const at = (needle: string) => outsideComments(ranges, src.indexOf(needle));
    expect([at("a()"), at("one"), at("b()"), at("two"), at("*/"), at("c()"), at("#")]).toEqual([
      true,
      false,
      true,
      false,
      false,
      true,
      true,
    ]);
    expect(outsideComments(ranges, src.indexOf("\n"))).toBe(true);
    expect(outsideComments([], 0)).toBe(true);
  });
  it("blanks Python docstrings but keeps other triple-quoted strings", () => {
    const out = stripComments(`def f():\n    """doc"""\n    x = """kept"""\n`, "python");
    expect(out).not.toContain("doc");
    expect(out).toContain("kept");
  });
});

describe("call sites", () => {
  it("knows loops from functions, across languages", () => {
    const js = new LineIndex(
      "async function f(ids) {\n  for (const id of ids) {\n    await call(id);\n  }\n  await call(1);\n}",
    );
    expect(callSiteContext(js, 3, "js", 5).inLoop).toBe(true);
    expect(callSiteContext(js, 5, "js", 3).inLoop).toBe(false);
    const rb = new LineIndex("def f\n  users.each do |u|\n    Stripe::Charge.create\n  end\nend");
    expect(callSiteContext(rb, 3, "ruby", 5).inLoop).toBe(true);
    const py = new LineIndex("@lru_cache\ndef geo(a):\n    return gmaps.geocode(a)\n");
    expect(callSiteContext(py, 3, "python", 12)).toEqual({ inLoop: false, cached: true });
    const inline = new LineIndex("const all = await Promise.all(ids.map((id) => stripe.customers.retrieve(id)));");
    expect(callSiteContext(inline, 1, "js", 50).inLoop).toBe(true);
  });
});

describe("manifests", () => {
  it("reads Gemfile groups, gemspecs, Pipfiles, setup.cfg and Gradle version catalogs", () => {
    expect(
      parseManifest(
        "gemspec",
        `Gem::Specification.new do |s|\n  s.name = "mygem"\n  s.add_dependency "stripe"\n  s.add_development_dependency "rspec"\nend`,
      ),
    ).toMatchObject({
      ownNames: ["mygem"],
      dependencies: [
        { name: "stripe", dev: false },
        { name: "rspec", dev: true },
      ],
    });
    expect(
      parseManifest("pipfile", `[packages]\nopenai = "*"\n[dev-packages]\npytest = "*"\n`).dependencies,
    ).toMatchObject([
      { name: "openai", dev: false },
      { name: "pytest", dev: true },
    ]);
    expect(
      parseManifest(
        "setup.cfg",
        `[metadata]\nname = x\n[options]\ninstall_requires =\n    twilio>=8\n    requests\n`,
      ).dependencies.map((d) => d.name),
    ).toEqual(["twilio", "requests"]);
    expect(
      parseManifest(
        "gradle-catalog",
        `[libraries]\nstripe = { module = "com.stripe:stripe-java", version = "1" }\nsq = { group = "com.squareup", name = "square", version.ref = "x" }\n`,
      ).dependencies.map((d) => d.name),
    ).toEqual(["com.stripe:stripe-java", "com.squareup:square"]);
  });
  it("reads TOML and XML manifests with real parsers: multi-line arrays, inline tables, groups, profiles", () => {
    const pyproject = parseManifest(
      "pyproject",
      [
        `[project]`,
        `name = "my-app"`,
        `dependencies = [ # comment ]`,
        `  "stripe>=8", "anthropic[vertex] ; python_version > '3.8'",`,
        `]`,
        `[project.optional-dependencies]`,
        `test = ["pytest"]`,
        `aws = ["boto3"]`,
        `[dependency-groups]`,
        `lint = ["ruff"]`,
        `[tool.poetry.group.docs.dependencies]`,
        `mkdocs = "^1"`,
      ].join("\n"),
    );
    expect(pyproject.ownNames).toEqual(["my-app"]);
    expect(pyproject.dependencies.map((d) => [d.name, d.dev, d.line])).toEqual([
      ["stripe", false, 4],
      ["anthropic", false, 4],
      ["pytest", true, 7],
      ["boto3", false, 8],
      ["ruff", true, 10],
      ["mkdocs", true, 12],
    ]);
    const pom = parseManifest(
      "pom.xml",
      `<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n<parent><groupId>org.acme</groupId><artifactId>parent</artifactId></parent>\n<artifactId>shop</artifactId>\n<dependencyManagement><dependencies><dependency><groupId>com.twilio.sdk</groupId><artifactId>twilio</artifactId></dependency></dependencies></dependencyManagement>\n<dependencies>\n<!-- <dependency><groupId>com.sendgrid</groupId><artifactId>sendgrid-java</artifactId></dependency> -->\n<dependency>\n<groupId>com.stripe</groupId>\n<artifactId>stripe-java</artifactId>\n</dependency>\n<dependency><groupId>org.junit</groupId><artifactId>junit</artifactId><scope>test</scope></dependency>\n</dependencies>\n<profiles><profile><dependencies><dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId></dependency></dependencies></profile></profiles>\n</project>`,
    );
    expect(pom.ownNames).toEqual(["org.acme:shop"]);
    expect(pom.dependencies.map((d) => [d.name, d.dev, d.line])).toEqual([
      ["com.stripe:stripe-java", false, 10],
      ["org.junit:junit", true, 12],
      ["software.amazon.awssdk:s3", false, 14],
    ]);
  });

  it("survives broken manifests", () => {
    expect(parseManifest("pyproject", "[project\nname=").dependencies).toEqual([]);
    expect(parseManifest("package.json", "{ not json").dependencies).toEqual([]);
    expect(parseManifest("pom.xml", "<project>").dependencies).toEqual([]);
  });
});

describe("paths", () => {
  it("tells tests, fixtures and examples from shipping code", () => {
    expect(contextOf("src/pay.ts")).toBe("code");
    expect(contextOf("src/pay.test.ts")).toBe("test");
    expect(contextOf("pkg/pay_test.go")).toBe("test");
    expect(contextOf("tests/test_pay.py")).toBe("test");
    expect(contextOf("src/test/java/PayTest.java")).toBe("test");
    expect(contextOf("spec/pay_spec.rb")).toBe("test");
    expect(contextOf("examples/quickstart.py")).toBe("example");
    expect(contextOf("docs/snippets/pay.js")).toBe("example");
  });
});

describe("secrets in snippets", () => {
  it("masks credential shapes and secret-looking assignments", () => {
    expect(redactSecrets(`key = "sk_live_51Habcdefghijklmn"`)).not.toContain("51Habcdefghijklmn");
    expect(redactSecrets(`Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123`)).not.toContain("ghp_abcdefghij");
    expect(redactSecrets(`const apiKey = "c2VjcmV0c2VjcmV0c2VjcmV0";`)).not.toContain("c2VjcmV0c2VjcmV0");
    expect(redactSecrets(`const name = process.env.STRIPE_SECRET_KEY;`)).toBe(
      `const name = process.env.STRIPE_SECRET_KEY;`,
    );
  });
});

describe("cancellation", () => {
  it("stops a scan when its signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("Cancelled"));
    await expect(scanTree({ "a.ts": "export {}" }, { signal: controller.signal })).rejects.toThrow("Cancelled");
  });
});

describe("reports", () => {
  it("writes SARIF 2.1.0 with one rule per provider and located results", async () => {
    const result = await scanTree({
      "a.ts": `import Stripe from "stripe";\n`,
      "a.test.ts": `import twilio from "twilio";`,
    });
    const sarif = toSarif(result);
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(["third-party-api/stripe", "third-party-api/twilio"]);
    expect(run.results.find((r) => r.ruleId === "third-party-api/stripe")).toMatchObject({
      level: "note",
      locations: [
        { physicalLocation: { artifactLocation: { uri: "a.ts" }, region: { startLine: 1, startColumn: 21 } } },
      ],
    });
    expect(run.results.find((r) => r.ruleId === "third-party-api/twilio")?.level).toBe("none");
  });
  it("prints a table of providers and what was set aside", async () => {
    const result = await scanTree({ "a.ts": `import Stripe from "stripe";\n`, "node_modules/x/index.js": "" });
    const table = toTable(result);
    expect(table).toMatch(/Stripe\s+uses\s+0\.90\s+1\s+import ×1/);
    expect(table).toContain("installed dependencies (node_modules)");
  });
});
