import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serviceOfHost, serviceOfImport, serviceOfPackage } from "~/scanner/clouds";
import { defaultIndex } from "~/scanner/match";
import { PROVIDERS } from "~/scanner/providers";
import { CURATED } from "~/scanner/providers/curated";
import { validateCatalog } from "~/scanner/providers/validate";
import generated from "~/scanner/providers/generated.json";
import { isNotACall } from "~/scanner/providers/not-calls";
import { scanTree, used } from "../support/scan-tree";

describe("the provider catalog", () => {
  it("validates the curated entries against the schema, and loads them with the same defaults", () => {
    // The schema also fills empty lists inside optional sections; the loader leaves them out.
    const trimmed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(trimmed)
        : value && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
                .map(([k, v]) => [k, trimmed(v)]),
            )
          : value;
    expect(trimmed(CURATED)).toEqual(trimmed(validateCatalog()));
  });

  it("holds more than a thousand providers, the long tail generated with its provenance", () => {
    expect(PROVIDERS.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(PROVIDERS.map((p) => p.id)).size).toBe(PROVIDERS.length);
    expect(generated.sources.map((s) => s.name)).toEqual(["APIs.guru OpenAPI directory", "Nango providers"]);
    for (const source of generated.sources) expect(source.version).not.toBe("unknown");
    // Compact: a few bytes per host, read once per process.
    expect(statSync("app/scanner/providers/generated.json").size).toBeLessThan(250_000);
  });

  it("takes no CDN, docs site, package registry or placeholder for an API host", () => {
    const hosts = (generated.providers as [string, string, string, string[]][]).flatMap(([, , , h]) => h);
    expect(hosts.length).toBeGreaterThan(1000);
    const bad = hosts.filter((h) => isNotACall(h.split("/")[0]!));
    expect(bad).toEqual([]);
    for (const host of [
      "cdn.jsdelivr.net",
      "docs.stripe.com",
      "registry.npmjs.org",
      "pypi.org",
      "raw.githubusercontent.com",
    ])
      expect(defaultIndex().host(host)?.id ?? null, host).toBeNull();
    // A website host is only an API with the API's path.
    expect(hosts.filter((h) => h.startsWith("www.") && !h.includes("/"))).toEqual([]);
  });

  it("finds a long-tail provider called by a hand-built request, and not its website in a link", async () => {
    const result = await scanTree({
      "notify.py":
        'import requests\n\ndef page(summary):\n    requests.post("https://api.pagerduty.com/incidents", json={"summary": summary})\n',
      "tasks.ts": `const res = await fetch("https://api.clickup.com/api/v2/list/1/task", { method: "POST" });\n`,
      "footer.ts": `export const links = ["https://www.clickup.com", "https://docs.monday.com/api"];\n`,
    });
    expect(used(result)).toEqual(["clickup.com", "pagerduty"]);
    expect(result.providers.find((p) => p.provider === "clickup.com")!.domain).toBe("clickup.com");
  });
});

describe("cloud services", () => {
  it("names the service of each SDK's packages", () => {
    expect(serviceOfPackage("aws", "npm", "@aws-sdk/client-s3")).toBe("s3");
    expect(serviceOfPackage("aws", "npm", "@aws-sdk/client-bedrock-runtime")).toBe("bedrock");
    expect(serviceOfPackage("aws", "npm", "@aws-sdk/client-cloudwatch-logs")).toBe("logs");
    expect(serviceOfPackage("aws", "npm", "@aws-sdk/credential-providers")).toBeNull();
    expect(serviceOfPackage("aws", "go", "github.com/aws/aws-sdk-go-v2/service/sts")).toBe("sts");
    expect(serviceOfPackage("aws", "maven", "software.amazon.awssdk:iam")).toBe("iam");
    expect(serviceOfPackage("aws", "maven", "com.amazonaws:aws-java-sdk-dynamodb")).toBe("dynamodb");
    expect(serviceOfPackage("aws", "rubygems", "aws-sdk-s3")).toBe("s3");
    expect(serviceOfPackage("gcp", "pypi", "google-cloud-aiplatform")).toBe("aiplatform");
    expect(serviceOfPackage("gcp", "npm", "@google-cloud/secret-manager")).toBe("secretmanager");
    expect(serviceOfPackage("gcp", "npm", "@google-cloud/functions-framework")).toBeNull();
    expect(serviceOfPackage("gcp", "go", "cloud.google.com/go/storage")).toBe("storage");
    expect(serviceOfPackage("azure", "npm", "@azure/storage-blob")).toBe("blob");
    expect(serviceOfPackage("azure", "pypi", "azure-identity")).toBeNull();
    expect(serviceOfPackage("azure", "go", "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob")).toBe("blob");
  });

  it("names the service of imports and endpoint hosts", () => {
    expect(serviceOfImport("aws", "java", "software.amazon.awssdk.services.s3.S3Client")).toBe("s3");
    expect(serviceOfImport("aws", "php", "Aws\\Sts\\StsClient")).toBe("sts");
    expect(serviceOfImport("gcp", "python", "google.cloud.storage")).toBe("storage");
    expect(serviceOfImport("gcp", "python", "vertexai.generative_models")).toBe("aiplatform");
    expect(serviceOfImport("azure", "python", "azure.storage.blob")).toBe("blob");
    expect(serviceOfImport("azure", "java", "com.azure.storage.blob.BlobClient")).toBe("blob");
    expect(serviceOfHost("my-bucket.s3.eu-west-1.amazonaws.com")).toEqual({ cloud: "aws", service: "s3" });
    expect(serviceOfHost("bedrock-runtime.us-east-1.amazonaws.com")).toEqual({ cloud: "aws", service: "bedrock" });
    expect(serviceOfHost("email.us-east-1.amazonaws.com")).toEqual({ cloud: "aws", service: "ses" });
    expect(serviceOfHost("us-central1-aiplatform.googleapis.com")).toEqual({ cloud: "gcp", service: "aiplatform" });
    expect(serviceOfHost("acct.blob.core.windows.net")).toEqual({ cloud: "azure", service: "blob" });
    expect(serviceOfHost("api.stripe.com")).toBeNull();
  });

  it("reports each cloud service the code uses next to the cloud, in every language", async () => {
    const result = await scanTree({
      "upload.py": 'import boto3\n\ns3 = boto3.client("s3")\nsts = boto3.client("sts")\n',
      "health.ts": `import { HealthClient } from "@aws-sdk/client-health";\nexport const health = new HealthClient({});\n`,
      "vertex.py": "from google.cloud import aiplatform\n\naiplatform.init(project='p')\n",
      "blob.go":
        'package main\n\nimport "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"\n\nvar _ = azblob.NewClient\n',
      "lib/iam.rb": "require 'aws-sdk-iam'\n\nIAM = Aws::IAM::Client.new\n",
    });
    expect(used(result)).toEqual(["aws", "azure", "google-cloud"]);
    const services = (id: string) =>
      result.providers
        .find((p) => p.provider === id)!
        .services!.filter((s) => s.verdict === "uses" || s.verdict === "likely")
        .map((s) => s.service);
    expect(services("aws")).toEqual(["health", "iam", "s3", "sts"]);
    expect(services("google-cloud")).toEqual(["aiplatform"]);
    expect(services("azure")).toEqual(["blob"]);
  });
});

describe("browser code and server templates", () => {
  it("finds scripts loaded from a provider's CDN and its globals, in pages and templates of every kind", async () => {
    const result = await scanTree({
      "app/views/layouts/application.html.erb":
        '<html><head>\n<%# <script src="https://js.stripe.com/v3"></script> %>\n<script src="https://widget.intercom.io/widget/abc123"></script>\n</head></html>\n',
      "templates/base.html.j2":
        '{# <script src="https://cdn.segment.com/analytics.js"></script> #}\n<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n',
      "resources/views/pay.blade.php": '<script src="//js.stripe.com/v3/"></script>\n',
      "src/Checkout.vue":
        '<template><div id="card"/></template>\n<script setup>\nimport { loadStripe } from "@stripe/stripe-js";\n</script>\n',
      "src/pages/index.astro":
        '---\nimport Layout from "../Layout.astro";\n---\n<script>window.Intercom("boot", {});</script>\n',
      "public/chat.js": "window.$crisp = [];\n$crisp.push(['do', 'chat:open']);\n",
      "docs/page.html": '<script src="https://cdn.mxpnl.com/libs/mixpanel.js"></script>\n',
      "static/lib.html":
        '<script src="https://cdn.jsdelivr.net/npm/stripe@1/x.js"></script><!-- <script src="https://static.hotjar.com/c/h.js"></script> -->\n',
    });
    expect(used(result)).toEqual(["crisp", "google-analytics", "intercom", "stripe"]);
    const stripe = result.findings.filter((f) => f.provider === "stripe" && f.context_kind === "code");
    expect(stripe.map((f) => [f.file, f.kind, f.language])).toEqual([
      ["resources/views/pay.blade.php", "browser", "html"],
      ["src/Checkout.vue", "import", "html"],
    ]);
    // Mixpanel only in docs: reported apart; Hotjar only in a comment, Segment only in a template comment.
    expect(result.providers.find((p) => p.provider === "mixpanel")!.verdict).toBe("test-only");
    expect(result.providers.map((p) => p.provider)).not.toContain("hotjar");
    expect(result.providers.map((p) => p.provider)).not.toContain("segment");
  });
});

describe("Google's APIs, configuration code, and whose package a manifest names", () => {
  const services = (result: Awaited<ReturnType<typeof scanTree>>, provider: string) =>
    (result.providers.find((p) => p.provider === provider)?.services ?? []).map((s) => s.service).sort();

  it("names Google sign-in and the APIs of www.googleapis.com by their path, but not OAuth scopes", () => {
    expect(serviceOfHost("accounts.google.com")).toEqual({ cloud: "gcp", service: "oauth2" });
    expect(serviceOfHost("www.googleapis.com", "/drive/v3/files")).toEqual({ cloud: "gcp", service: "drive" });
    expect(serviceOfHost("www.googleapis.com", "/oauth2/v3/userinfo")).toEqual({ cloud: "gcp", service: "oauth2" });
    expect(serviceOfHost("www.googleapis.com", "/auth/drive.readonly")).toBeNull();
    expect(serviceOfHost("recaptchaenterprise.googleapis.com")).toEqual({
      cloud: "gcp",
      service: "recaptchaenterprise",
    });
  });

  it("counts every Google API host as Google Cloud with its service, and Google's font and library CDNs as nothing", async () => {
    const result = await scanTree({
      "login.js": `const token = await fetch("https://accounts.google.com/o/oauth2/token", { method: "POST" });\n`,
      "chat.js": `await fetch("https://chat.googleapis.com/v1/spaces/AAA/messages", { method: "POST" });\n`,
      "page.html": `<link href="https://fonts.googleapis.com/css2?family=Inter" rel="stylesheet">\n<script>fetch("https://fonts.googleapis.com/css2?family=Inter")</script>\n`,
    });
    expect(used(result)).toEqual(["google-cloud"]);
    expect(services(result, "google-cloud")).toEqual(["chat", "oauth2"]);
    expect(defaultIndex().host("fonts.googleapis.com", "/css2")).toBeNull();
    expect(defaultIndex().host("ajax.googleapis.com", "/ajax/libs/jquery/3.7.1/jquery.min.js")).toBeNull();
  });

  it("counts API endpoints in configuration code, not bare hosts, bucket prefixes or placeholder queues", async () => {
    const passport = await scanTree({
      "config/passport.js": `passport.use(new OAuth2Strategy({ tokenURL: "https://discord.com/api/oauth2/token" }));\nconst me = "https://graph.microsoft.com/v1.0/me";\n`,
    });
    expect(used(passport)).toEqual(["discord", "microsoft"]);
    const settings = await scanTree({
      "config/queue.php": `<?php return ['prefix' => env('SQS_PREFIX', 'https://sqs.us-east-1.amazonaws.com/your-account-id'), 'mailgun' => env('MAILGUN_ENDPOINT', 'api.mailgun.net')];\n`,
      "notion/settings.py": `S3_URL_PREFIX = "https://s3-us-west-2.amazonaws.com/secure.notion-static.com/"\n`,
    });
    expect(used(settings)).toEqual([]);
  });

  it("scans a library whose manifest names someone else's package built on a provider, and skips the provider's own", async () => {
    const adapter = await scanTree({
      "composer.json": JSON.stringify({ name: "league/flysystem-aws-s3-v3", require: { "aws/aws-sdk-php": "^3.0" } }),
      "src/Adapter.php": `<?php\nuse Aws\\Api\\DateTimeResult;\nuse Aws\\S3\\S3Client;\nclass Adapter { const G = 'http://acs.amazonaws.com/groups/global/AllUsers'; function __construct(S3Client $c) { $c->createPresignedRequest($cmd, '+1 hour'); } }\n`,
    });
    expect(used(adapter)).toEqual(["aws"]);
    expect(services(adapter, "aws")).toEqual(["s3"]);
    const own = await scanTree({
      "composer.json": JSON.stringify({ name: "stripe/stripe-php" }),
      "lib/Client.php": `<?php\nnamespace Stripe;\nconst BASE = "https://api.stripe.com/v1";\n`,
    });
    expect(used(own)).toEqual([]);
    expect(own.skipped.map((s) => s.reason).join("\n")).toContain("the repository is the Stripe SDK itself");
  });

  it("reads the AWS service from helpers built on boto3, and only services AWS has", async () => {
    const result = await scanTree({
      "iam.py": `from cloudaux.aws.sts import boto3_cached_conn\nclient = boto3_cached_conn("iam", account_number="1")\n`,
    });
    expect(used(result)).toEqual(["aws"]);
    expect(services(result, "aws")).toEqual(["iam"]);
  });
});
