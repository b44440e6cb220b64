import type { FakeRepo } from "./fake-github";

/**
 * A small but real-looking repository for scan tests: Stripe and OpenAI used the costly
 * way (a cacheable read and per-item embeddings inside loops), Twilio in a test only, a
 * SendGrid key configured that nothing uses, and a decoy (OkHttp is not Square).
 */
export const SHOP_FILES: Record<string, string> = {
  "package.json": JSON.stringify(
    { name: "shop", dependencies: { stripe: "^14.0.0", openai: "^4.0.0" }, devDependencies: { vitest: "^3" } },
    null,
    2,
  ),
  "src/billing/refunds.ts": [
    `import Stripe from "stripe";`,
    `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);`,
    `export async function refundAll(ids: string[]) {`,
    `  for (const id of ids) {`,
    `    const intent = await stripe.paymentIntents.retrieve(id);`,
    `    await stripe.refunds.create({ payment_intent: intent.id });`,
    `  }`,
    `}`,
  ].join("\n"),
  "src/search/embed.ts": [
    `import OpenAI from "openai";`,
    `const openai = new OpenAI();`,
    `export async function embedAll(texts: string[]) {`,
    `  const out = [];`,
    `  for (const input of texts) {`,
    `    out.push(await openai.embeddings.create({ model: "text-embedding-3-small", input }));`,
    `  }`,
    `  return out;`,
    `}`,
  ].join("\n"),
  "src/sms.test.ts": `import twilio from "twilio";\n`,
  ".env.example": "STRIPE_SECRET_KEY=\nSENDGRID_API_KEY=\n",
  "android/Http.java": "import com.squareup.okhttp3.OkHttpClient;\n",
  "README.md": "Payments with Stripe.",
  "package-lock.json": JSON.stringify({ packages: { "node_modules/twilio": { version: "5.0.0" } } }),
};

export function manyRepos(owner: string, count: number): FakeRepo[] {
  return Array.from({ length: count }, (_, i) => ({
    owner,
    name: `service-${String(i).padStart(3, "0")}`,
    files: { "index.js": "module.exports = {};" },
  }));
}

/**
 * The demo organisation's platform, in six languages, calling the catalog APIs it
 * subscribes to: the costly patterns are there on purpose (a cacheable geocode in a loop,
 * per-item Claude calls and Algolia writes, two geocoding providers).
 */
export const PLATFORM_FILES: Record<string, string> = {
  "package.json": JSON.stringify(
    {
      name: "platform",
      dependencies: {
        stripe: "^14",
        "@anthropic-ai/sdk": "^0.30",
        "@googlemaps/google-maps-services-js": "^3",
        "@mapbox/mapbox-sdk": "^0.16",
      },
    },
    null,
    2,
  ),
  "web/src/pay.ts": `import Stripe from "stripe";\nconst stripe = new Stripe(process.env.STRIPE_API_KEY!);\nexport const pay = (amount: number) => stripe.paymentIntents.create({ amount, currency: "usd" });\n`,
  "web/src/ai/summarise.ts": [
    `import Anthropic from "@anthropic-ai/sdk";`,
    `const client = new Anthropic();`,
    `export async function summariseAll(tickets: string[]) {`,
    `  const out: string[] = [];`,
    `  for (const ticket of tickets) {`,
    `    const message = await client.messages.create({ model: "claude-sonnet-4", max_tokens: 500, messages: [{ role: "user", content: ticket }] });`,
    `    out.push(String(message.content));`,
    `  }`,
    `  return out;`,
    `}`,
  ].join("\n"),
  "web/src/geo/geocode.ts": [
    `import { Client } from "@googlemaps/google-maps-services-js";`,
    `const maps = new Client({});`,
    `export async function locate(addresses: string[]) {`,
    `  return Promise.all(addresses.map(async (address) => {`,
    `    const answer = await maps.geocode({ params: { address, key: process.env.GOOGLE_MAPS_API_KEY! } });`,
    `    return answer.data.results[0];`,
    `  }));`,
    `}`,
  ].join("\n"),
  "web/src/geo/route.ts": `import mbxGeocoding from "@mapbox/mapbox-sdk/services/geocoding";\nconst geocoder = mbxGeocoding({ accessToken: process.env.MAPBOX_API_KEY! });\nexport const find = (query: string) => geocoder.forwardGeocode({ query }).send();\n`,
  "ml/chat.py": `from openai import OpenAI\nclient = OpenAI()\ndef answer(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])\n`,
  "ops/notify.rb": `class Notify\n  def send_sms(to)\n    client = Twilio::REST::Client.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN'])\n    client.messages.create(from: '+15550000', to: to, body: 'Shipped')\n  end\nend\n`,
  "billing/mail.php": `<?php\nuse SendGrid\\Mail\\Mail;\nfunction receipt($to) {\n  $email = new Mail();\n  $sendgrid = new \\SendGrid(getenv('SENDGRID_API_KEY'));\n  return $sendgrid->send($email);\n}\n`,
  "search/go.mod": "module acme/search\n\nrequire github.com/algolia/algoliasearch-client-go/v3 v3.31.0\n",
  "search/index.go": [
    "package search",
    "",
    'import "github.com/algolia/algoliasearch-client-go/v3/algolia/search"',
    "",
    "func IndexAll(index *search.Index, products []Product) error {",
    "\tfor _, p := range products {",
    "\t\tif _, err := index.SaveObject(p); err != nil {",
    "\t\t\treturn err",
    "\t\t}",
    "\t}",
    "\treturn nil",
    "}",
  ].join("\n"),
};
