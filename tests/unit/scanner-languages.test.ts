import { describe, expect, it } from "vitest";
import { findingsOf, scanTree, used, verdictOf } from "../support/scan-tree";

/** Every language the scanner reads, and every kind of evidence in each. */
describe("scanner: JavaScript and TypeScript", () => {
  it("finds ESM imports, require, dynamic import and subpath imports", async () => {
    const result = await scanTree({
      "src/a.ts": `import Stripe from "stripe";\nexport const s = new Stripe("x");`,
      "src/b.cjs": `const twilio = require('twilio');`,
      "src/c.mjs": `const { default: OpenAI } = await import("openai");`,
      "src/d.tsx": `import { WebClient } from "@slack/web-api/dist/index";`,
      "src/e.jsx": `import * as Sentry from "@sentry/react";`,
    });
    expect(used(result)).toEqual(["openai", "sentry", "slack", "stripe", "twilio"]);
    expect(findingsOf(result, "stripe").map((f) => f.kind)).toEqual(["import"]);
  });

  it("maps SDK calls to catalog operations, and notices loops", async () => {
    const result = await scanTree({
      "api/pay.ts": [
        `import Stripe from "stripe";`,
        `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);`,
        `export async function payAll(ids: string[]) {`,
        `  for (const id of ids) {`,
        `    await stripe.paymentIntents.create({ amount: 1, currency: "usd", customer: id });`,
        `  }`,
        `  return stripe.customers.create({});`,
        `}`,
      ].join("\n"),
    });
    const calls = findingsOf(result, "stripe").filter((f) => f.operation);
    expect(calls.map((f) => [f.operation, f.line, f.inLoop])).toEqual([
      ["createPaymentIntent", 5, true],
      ["createCustomer", 7, false],
    ]);
    expect(result.providers[0]!.operations.find((o) => o.id === "createPaymentIntent")).toEqual({
      id: "createPaymentIntent",
      callSites: 1,
      inLoop: 1,
    });
  });

  it("finds API hosts in URLs the code requests, template literals included", async () => {
    const result = await scanTree({
      "lib/openai.js": `export const ask = (body) => fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body });`,
      "lib/algolia.ts":
        "const url = `https://${appId}-dsn.algolia.net/1/indexes/products/query`;\nawait axios.post(url, q);",
    });
    expect(used(result)).toEqual(["algolia", "openai"]);
    const host = findingsOf(result, "openai").find((f) => f.kind === "api-host")!;
    expect(host.confidence).toBe(0.9);
    expect(findingsOf(result, "openai").find((f) => f.kind === "sdk-call")?.operation).toBe("createChatCompletion");
  });

  it("reads environment variables in every common form", async () => {
    const result = await scanTree({
      "a.ts": `const k = process.env.SENDGRID_API_KEY;`,
      "b.ts": `const k = process.env["TWILIO_AUTH_TOKEN"];`,
      "c.ts": `const k = import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY;`,
      "d.ts": `const { RESEND_API_KEY, OTHER } = process.env;`,
    });
    const reads = result.findings
      .filter((f) => f.kind === "env-read")
      .map((f) => f.detail)
      .sort();
    expect(reads).toEqual(["RESEND_API_KEY", "SENDGRID_API_KEY", "TWILIO_AUTH_TOKEN", "VITE_STRIPE_PUBLISHABLE_KEY"]);
    // A variable alone is weak evidence: possible, not used.
    expect(verdictOf(result, "sendgrid")).toBe("possible");
  });

  it("reads package.json dependencies, and development ones as weaker", async () => {
    const result = await scanTree({
      "package.json": JSON.stringify(
        { dependencies: { "@sendgrid/mail": "^8" }, devDependencies: { "@octokit/rest": "^20" } },
        null,
        2,
      ),
    });
    expect(verdictOf(result, "sendgrid")).toBe("likely");
    expect(verdictOf(result, "github")).toBe("possible");
    expect(findingsOf(result, "sendgrid")[0]).toMatchObject({ kind: "manifest", line: 3, ecosystem: "npm" });
  });
});

describe("scanner: Python", () => {
  it("finds import, from-import, dotted and aliased imports", async () => {
    const result = await scanTree({
      "app/ai.py":
        "import os\nimport anthropic as ant\nfrom openai import OpenAI\nfrom google import genai\nimport google.cloud.storage\n",
    });
    expect(used(result)).toEqual(["anthropic", "google-cloud", "google-gemini", "openai"]);
  });

  it("maps calls, reads os.environ / getenv, and parses requirements, pyproject and setup.py", async () => {
    const result = await scanTree({
      "svc/sms.py": [
        "import twilio.rest",
        "from twilio.rest import Client",
        "client = Client(os.environ['TWILIO_ACCOUNT_SID'], os.getenv('TWILIO_AUTH_TOKEN'))",
        "def notify(users):",
        "    for user in users:",
        "        client.messages.create(to=user.phone, from_='+1', body='hi')",
      ].join("\n"),
      "requirements.txt": "# deps\nstripe==7.0.0\nrequests>=2\n-r other.txt\n",
      "pyproject.toml":
        '[project]\nname = "svc"\ndependencies = [\n  "sendgrid>=6",\n]\n\n[tool.poetry.dependencies]\npython = "^3.11"\nboto3 = "^1"\n',
      "setup.py": "from setuptools import setup\nsetup(name='svc', install_requires=['slack_sdk>=3'])\n",
    });
    const sms = findingsOf(result, "twilio").find((f) => f.operation === "createMessage")!;
    expect(sms.inLoop).toBe(true);
    expect(
      result.findings
        .filter((f) => f.kind === "env-read")
        .map((f) => f.detail)
        .sort(),
    ).toEqual(["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"]);
    expect(used(result)).toEqual(["aws", "sendgrid", "slack", "stripe", "twilio"]);
    expect(findingsOf(result, "stripe")[0]).toMatchObject({ file: "requirements.txt", line: 2 });
  });
});

describe("scanner: Go", () => {
  it("reads import blocks with aliases and go.mod requirements, skipping indirect ones", async () => {
    const result = await scanTree({
      "go.mod":
        "module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/stripe/stripe-go/v76 v76.0.0\n\tgithub.com/slack-go/slack v0.12.0 // indirect\n)\n",
      "pay/pay.go":
        'package pay\n\nimport (\n\t"os"\n\tstripe "github.com/stripe/stripe-go/v76"\n\t"github.com/stripe/stripe-go/v76/paymentintent"\n)\n\nfunc Pay() {\n\tstripe.Key = os.Getenv("STRIPE_SECRET_KEY")\n\tpaymentintent.New(nil)\n}\n',
    });
    expect(used(result)).toEqual(["stripe"]);
    expect(findingsOf(result, "stripe").find((f) => f.operation)?.operation).toBe("createPaymentIntent");
    expect(verdictOf(result, "slack")).toBe("none");
  });
});

describe("scanner: Java", () => {
  it("reads imports, pom.xml and Gradle dependencies, System.getenv and Spring @Value", async () => {
    const result = await scanTree({
      "pom.xml":
        "<project><groupId>com.acme</groupId><artifactId>shop</artifactId><dependencies>\n<dependency>\n<groupId>com.twilio.sdk</groupId>\n<artifactId>twilio</artifactId>\n</dependency>\n</dependencies></project>",
      "build.gradle":
        "dependencies {\n  implementation 'com.sendgrid:sendgrid-java:4.10.1'\n  testImplementation(\"com.stripe:stripe-java:24.0.0\")\n}\n",
      "src/main/java/com/acme/Pay.java": [
        "package com.acme;",
        "import com.stripe.Stripe;",
        "import com.stripe.model.PaymentIntent;",
        "class Pay {",
        '  @Value("${stripe.secret-key}") String key;',
        '  String sid = System.getenv("TWILIO_ACCOUNT_SID");',
        "  void pay() { PaymentIntent.create(params); }",
        "}",
      ].join("\n"),
    });
    expect(used(result)).toEqual(["sendgrid", "stripe", "twilio"]);
    expect(
      result.findings
        .filter((f) => f.kind === "env-read")
        .map((f) => f.detail)
        .sort(),
    ).toEqual(["STRIPE_SECRET_KEY", "TWILIO_ACCOUNT_SID"]);
    expect(findingsOf(result, "stripe").find((f) => f.kind === "manifest")?.dev).toBe(true);
  });
});

describe("scanner: Ruby", () => {
  it("reads require, autoloaded SDK constants, ENV and the Gemfile's groups", async () => {
    const result = await scanTree({
      Gemfile: "source 'https://rubygems.org'\ngem 'stripe'\ngroup :development, :test do\n  gem 'twilio-ruby'\nend\n",
      "app/models/order.rb":
        "class Order\n  def charge\n    Stripe.api_key = ENV['STRIPE_SECRET_KEY']\n    Stripe::PaymentIntent.create(amount: 100)\n  end\nend\n",
      "lib/notify.rb": "require 'slack-notifier'\n",
    });
    expect(used(result)).toEqual(["slack", "stripe"]);
    expect(
      findingsOf(result, "stripe")
        .map((f) => f.kind)
        .sort(),
    ).toEqual(["env-read", "manifest", "sdk-call", "sdk-call"]);
    expect(findingsOf(result, "stripe").find((f) => f.operation)?.operation).toBe("createPaymentIntent");
    expect(verdictOf(result, "twilio")).toBe("possible");
  });
});

describe("scanner: PHP", () => {
  it("reads use statements, fully qualified class names, composer.json and env()", async () => {
    const result = await scanTree({
      "composer.json": JSON.stringify({
        require: { php: "^8.2", "twilio/sdk": "^8" },
        "require-dev": { "phpunit/phpunit": "^10" },
      }),
      "src/Billing.php":
        "<?php\nnamespace App;\n\nuse Stripe\\StripeClient;\n#[Attribute]\nclass Billing {\n  public function key() { return env('STRIPE_SECRET_KEY'); }\n  public function pay() { \\Stripe\\Stripe::setApiKey(getenv('STRIPE_KEY')); }\n}\n",
    });
    expect(used(result)).toEqual(["stripe", "twilio"]);
    const kinds = findingsOf(result, "stripe")
      .map((f) => f.kind)
      .sort();
    expect(kinds).toEqual(["env-read", "env-read", "import", "sdk-call"]);
  });
});
