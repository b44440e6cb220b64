import type { FakeRepo } from "./fake-github";

/**
 * A small but real-looking repository for scan tests: Stripe and OpenAI used the costly
 * way (a cacheable read and per-item embeddings inside loops), Twilio in a test only, a
 * SendGrid key configured that nothing uses, and a decoy (OkHttp is not Square).
 */
export const SHOP_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "shop", dependencies: { stripe: "^14.0.0", openai: "^4.0.0" }, devDependencies: { vitest: "^3" } }, null, 2),
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
  return Array.from({ length: count }, (_, i) => ({ owner, name: `service-${String(i).padStart(3, "0")}`, files: { "index.js": "module.exports = {};" } }));
}
