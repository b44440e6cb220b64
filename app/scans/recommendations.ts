import { providerById } from "~/scanner/providers";
import type { Finding, ProviderVerdict } from "~/scanner/types";
import { isPositive } from "~/scanner/verdicts";
import { formatCount, formatUsd } from "~/format/numbers";
import {
  planFits,
  priceOnPlan,
  round,
  type CatalogApi,
  type CatalogPlan,
  type CostLine,
  type ProviderCost,
} from "./cost";

/**
 * Ways to spend less, each citing the code it is about and an estimated monthly saving
 * (zero, with the reason, when no honest number can be given). Pure: computed from a
 * scan's findings and verdicts, the cost estimates and the catalog.
 */
export type RecommendationKind =
  "caching" | "batching" | "unused-keys" | "duplicate-providers" | "cheaper-plan" | "cheaper-alternative";

export type Recommendation = {
  id: string;
  kind: RecommendationKind;
  provider: string;
  title: string;
  detail: string;
  monthlySaving: number;
  savingNote: string;
  citations: { file: string; line: number; snippet: string }[];
  /** For key hygiene: each key in the one item, with its own saving. */
  keys?: { provider: string; text: string; monthlySaving: number }[];
};

export type OrgKey = {
  envVarName: string;
  label: string;
  catalogSlug: string | null;
  monthlyFee: number;
  calls30d: number;
};

/** Share of repeated reads a cache answers: a loop over the same inputs repeats more than scattered calls do. */
export const CACHE_HIT_RATE = { loop: 0.5, repeated: 0.3 } as const;

/** Operations that do the same thing at another provider, for comparing prices like for like. */
const EQUIVALENT: Record<string, Record<string, string>> = {
  "google-maps:geocode": { mapbox: "forwardGeocode" },
  "google-maps:directions": { mapbox: "getDirections" },
  "google-maps:distanceMatrix": { mapbox: "getMatrix" },
  "google-maps:staticMap": { mapbox: "getStaticImage" },
  "mapbox:forwardGeocode": { "google-maps": "geocode" },
  "mapbox:reverseGeocode": { "google-maps": "geocode" },
  "mapbox:getDirections": { "google-maps": "directions" },
  "mapbox:getMatrix": { "google-maps": "distanceMatrix" },
  "mapbox:getStaticImage": { "google-maps": "staticMap" },
  "openai:createChatCompletion": { anthropic: "createMessage" },
  "openai:createResponse": { anthropic: "createMessage" },
  "anthropic:createMessage": { openai: "createChatCompletion" },
  "sendgrid:sendMail": { postmark: "sendEmail", resend: "sendEmail" },
  "postmark:sendEmail": { sendgrid: "sendMail", resend: "sendEmail" },
  "postmark:sendEmailWithTemplate": { sendgrid: "sendMail", resend: "sendEmail" },
  "resend:sendEmail": { sendgrid: "sendMail", postmark: "sendEmail" },
};

/** How a provider's job reads in a sentence. */
const JOB_LABELS: Record<string, string> = {
  llm: "language models",
  sms: "SMS",
  "transactional-email": "transactional email",
  geocoding: "geocoding",
};
const jobLabel = (job: string) => JOB_LABELS[job] ?? job.replace(/-/g, " ");

const cite = (findings: Finding[]) =>
  findings.slice(0, 5).map((f) => ({ file: f.file, line: f.line, snippet: f.snippet }));

export function recommend(input: {
  verdicts: ProviderVerdict[];
  findings: Finding[];
  costs: ProviderCost[];
  catalog: Map<string, CatalogApi>;
  orgKeys: OrgKey[];
}): Recommendation[] {
  const out: Recommendation[] = [];
  const code = input.findings.filter((f) => f.context_kind === "code");
  const costOf = new Map(input.costs.map((c) => [c.provider, c]));
  const lineFor = (provider: string, operation: string) =>
    costOf.get(provider)?.lines.filter((l) => l.operation === operation) ?? [];
  const positive = input.verdicts.filter((v) => isPositive(v.verdict));

  for (const verdict of positive) {
    const provider = providerById(verdict.provider);
    if (!provider) continue;
    for (const op of provider.operations) {
      const sites = code.filter((f) => f.provider === provider.id && f.operation === op.id);
      if (!sites.length) continue;
      const opCost = lineFor(provider.id, op.id).reduce((s, l) => s + l.cost, 0);

      // Caching: a cacheable read in a loop, or made from several places, with no cache in sight.
      const uncached = sites.filter((s) => !s.cached);
      const inLoop = uncached.filter((s) => s.inLoop);
      if (op.cacheable && (inLoop.length || uncached.length >= 2)) {
        const rate = inLoop.length ? CACHE_HIT_RATE.loop : CACHE_HIT_RATE.repeated;
        out.push({
          id: `caching:${provider.id}:${op.id}`,
          kind: "caching",
          provider: provider.id,
          title: `Cache ${provider.name} ${op.id} results`,
          detail: inLoop.length
            ? `${op.id} is a read (${op.method}) called inside a loop with no cache nearby: the same inputs are fetched again on every pass.`
            : `${op.id} is a read (${op.method}) called from ${uncached.length} places with no cache nearby.`,
          monthlySaving: round(opCost * rate),
          savingNote: opCost
            ? `Assumes a cache answers ${Math.round(rate * 100)}% of the ${formatUsd(opCost)} a month this operation costs.`
            : "No cost for this operation yet (no usage records or volumes), so no saving is estimated.",
          citations: cite(inLoop.length ? inLoop : uncached),
        });
      }

      // Batching: per-item calls in a loop where the catalog lists an operation that does many at once.
      const looped = sites.filter((s) => s.inLoop);
      if (op.batchWith && looped.length) {
        const saving = batchSaving(provider.id, op.id, op.batchWith, costOf.get(provider.id), input.catalog);
        out.push({
          id: `batching:${provider.id}:${op.id}`,
          kind: "batching",
          provider: provider.id,
          title:
            op.batchWith === op.id
              ? `Send ${provider.name} ${op.id} inputs together`
              : `Batch ${provider.name} ${op.id} calls with ${op.batchWith}`,
          detail: `${op.id} is called once per item inside a loop. ${op.batchNote ?? ""}`.trim(),
          monthlySaving: saving.amount,
          savingNote: saving.note,
          citations: cite(looped),
        });
      }
    }
  }

  out.push(...unusedKeys(input, code));
  out.push(...duplicates(positive, costOf, input.catalog, code));
  out.push(...cheaperPlans(input.costs, input.catalog, code));
  // Ranked by dollars: the largest estimated saving first.
  return out.sort((a, b) => b.monthlySaving - a.monthlySaving || a.kind.localeCompare(b.kind));
}

function planOf(cost: ProviderCost | undefined, catalog: Map<string, CatalogApi>) {
  if (!cost?.catalogSlug || !cost.plan) return null;
  return catalog.get(cost.catalogSlug)?.plans.find((p) => p.id === cost.plan!.id) ?? null;
}

/** The same units priced as the batch operation: Anthropic's and OpenAI's batch APIs cost half. */
function batchSaving(
  provider: string,
  op: string,
  batchOp: string,
  cost: ProviderCost | undefined,
  catalog: Map<string, CatalogApi>,
) {
  const plan = planOf(cost, catalog);
  const lines = cost?.lines.filter((l) => l.operation === op) ?? [];
  if (!plan || !lines.length)
    return {
      amount: 0,
      note: "No cost for this operation yet (no usage records or volumes), so no saving is estimated.",
    };
  if (batchOp === op)
    return { amount: 0, note: "Same price per unit; the gain is far fewer requests (and less rate-limit pressure)." };
  const now = lines.reduce((s, l) => s + l.cost, 0);
  const asBatch =
    priceOnPlan(
      plan,
      lines.map((l) => ({
        operation: batchOp,
        monthlyCalls: l.monthlyCalls,
        units: Object.fromEntries(l.units.map((u) => [u.unit, u.quantity])),
      })),
    ).total - plan.monthlyFee;
  const amount = round(Math.max(0, now - asBatch));
  return amount > 0
    ? {
        amount,
        note: `The same units priced as ${batchOp} on the "${plan.name}" plan: ${formatUsd(asBatch)} instead of ${formatUsd(now)} a month (for work that can wait for a batch).`,
      }
    : { amount: 0, note: `${batchOp} costs the same per unit on the "${plan.name}" plan; the gain is fewer requests.` };
}

/** One item for key hygiene: keys configured that no code reads, and the organisation's keys with no call site here. */
function unusedKeys(
  input: { verdicts: ProviderVerdict[]; findings: Finding[]; orgKeys: OrgKey[] },
  code: Finding[],
): Recommendation[] {
  const used = new Set(input.verdicts.filter((v) => isPositive(v.verdict)).map((v) => v.provider));
  const readNames = new Set(code.filter((f) => f.kind === "env-read").map((f) => f.detail));
  const configured = input.findings.filter((f) => f.kind === "env-config");
  const byName = new Map<string, Finding[]>();
  for (const f of configured) byName.set(f.detail, [...(byName.get(f.detail) ?? []), f]);
  const items: { text: string; saving: number; provider: string }[] = [];
  const citations: Finding[] = [];
  for (const [name, sites] of byName) {
    const provider = sites[0]!.provider;
    if (used.has(provider) || readNames.has(name)) continue;
    const p = providerById(provider);
    items.push({
      provider,
      saving: 0,
      text: `${name} (${p?.name ?? provider}) is set in ${[...new Set(sites.map((s) => s.file))].join(", ")}, but no code reads it or calls ${p?.name ?? provider}: remove it, and revoke it at the provider.`,
    });
    citations.push(...sites);
  }
  const usedSlugs = new Set([...used].map((id) => providerById(id)?.catalogSlug).filter(Boolean));
  for (const key of input.orgKeys) {
    if (readNames.has(key.envVarName) || (key.catalogSlug && usedSlugs.has(key.catalogSlug))) continue;
    const idle = key.calls30d === 0;
    items.push({
      provider: key.catalogSlug ?? "unknown",
      saving: idle ? round(key.monthlyFee) : 0,
      text: `The organisation's key "${key.label}" (${key.envVarName}) has no call site here; ${idle ? `its subscription had no calls in the last 30 days either: cancelling it saves its ${formatUsd(key.monthlyFee)} fee.` : `its subscription made ${formatCount(key.calls30d)} calls in the last 30 days from code not scanned here, so no saving is claimed; check before revoking.`}`,
    });
  }
  if (!items.length) return [];
  const saving = round(items.reduce((s, i) => s + i.saving, 0));
  return [
    {
      id: "unused-keys",
      kind: "unused-keys",
      provider: [...new Set(items.map((i) => i.provider))].sort().join(","),
      title: `${items.length} key${items.length === 1 ? "" : "s"} nothing in this code uses`,
      detail: items.map((i) => i.text).join(" "),
      monthlySaving: saving,
      savingNote:
        saving > 0
          ? "The fees of idle subscriptions whose keys no code here uses."
          : "No direct saving: unused keys are a risk, not a cost. Remove them, and revoke them at the provider.",
      citations: cite(citations),
      keys: items.map((i) => ({ provider: i.provider, text: i.text, monthlySaving: i.saving })),
    },
  ];
}

function duplicates(
  positive: ProviderVerdict[],
  costOf: Map<string, ProviderCost>,
  catalog: Map<string, CatalogApi>,
  code: Finding[],
): Recommendation[] {
  const byJob = new Map<string, ProviderVerdict[]>();
  for (const v of positive) {
    const job = providerById(v.provider)?.job;
    if (job) byJob.set(job, [...(byJob.get(job) ?? []), v]);
  }
  const out: Recommendation[] = [];
  for (const [job, group] of byJob) {
    if (group.length < 2) continue;
    const priced = group
      .map((v) => ({ v, cost: costOf.get(v.provider) }))
      .sort((a, b) => (b.cost?.monthlyEstimate ?? 0) - (a.cost?.monthlyEstimate ?? 0));
    const [keep, ...others] = priced;
    let saving = 0;
    const notes: string[] = [];
    for (const other of others) {
      const moved = reprice(other.cost, keep!.cost, catalog);
      if (moved !== null && other.cost?.monthlyEstimate != null) {
        const delta = round(other.cost.monthlyEstimate - moved);
        if (delta > 0) saving += delta;
        notes.push(
          `${other.v.name}'s traffic on ${keep!.v.name}'s plan: ${formatUsd(moved)} instead of ${formatUsd(other.cost.monthlyEstimate)} a month.`,
        );
      } else {
        notes.push(`${other.v.name}'s traffic cannot be priced on ${keep!.v.name}'s plan like for like.`);
      }
    }
    out.push({
      id: `duplicate:${job}`,
      kind: "duplicate-providers",
      provider: keep!.v.provider,
      title: `${group.map((g) => g.name).join(" and ")} do the same job (${jobLabel(job)})`,
      detail: `The code calls ${group.length} providers for ${jobLabel(job)}. Consolidating on ${keep!.v.name} means one contract, one set of keys and volume pricing.`,
      monthlySaving: round(saving),
      savingNote: notes.join(" "),
      citations: cite(
        code.filter(
          (f) => group.some((g) => g.provider === f.provider) && (f.kind === "import" || f.kind === "sdk-call"),
        ),
      ),
    });
  }
  return out;
}

/** What `from`'s monthly lines would cost on `to`'s plan, operation by equivalent operation; null if not comparable. */
function reprice(
  from: ProviderCost | undefined,
  to: ProviderCost | undefined,
  catalog: Map<string, CatalogApi>,
): number | null {
  const plan = planOf(to, catalog) ?? (to?.catalogSlug ? cheapestPlan(catalog.get(to.catalogSlug)) : null);
  if (!from?.lines.length || !plan || !to) return null;
  return repriceLines(from.provider, from.lines, to.provider, plan);
}

function cheapestPlan(api: CatalogApi | undefined): CatalogPlan | null {
  return api ? ([...api.plans].sort((a, b) => a.monthlyFee - b.monthlyFee)[0] ?? null) : null;
}

export function repriceLines(
  fromProvider: string,
  lines: CostLine[],
  toProvider: string,
  plan: CatalogPlan,
): number | null {
  const demand: { operation: string; monthlyCalls: number; units: Record<string, number> }[] = [];
  for (const line of lines) {
    const op = EQUIVALENT[`${fromProvider}:${line.operation}`]?.[toProvider];
    if (!op) return null;
    const priced = new Set(
      plan.unitPrices.filter((p) => p.operation === op || p.operation === null).map((p) => p.unit),
    );
    const units: Record<string, number> = {};
    for (const u of line.units) {
      if (priced.has(u.unit)) units[u.unit] = u.quantity;
      else if (priced.size === 1 && line.units.length === 1) units[[...priced][0]!] = u.quantity;
      else return null;
    }
    demand.push({ operation: op, monthlyCalls: line.monthlyCalls, units });
  }
  return planFits(plan, demand) ? priceOnPlan(plan, demand).total : null;
}

function cheaperPlans(costs: ProviderCost[], catalog: Map<string, CatalogApi>, code: Finding[]): Recommendation[] {
  const out: Recommendation[] = [];
  for (const cost of costs) {
    if (cost.monthlyEstimate === null || !cost.catalogSlug || !cost.lines.length) continue;
    const api = catalog.get(cost.catalogSlug);
    if (!api) continue;
    const demand = cost.lines.map((l) => ({
      operation: l.operation,
      monthlyCalls: l.monthlyCalls,
      units: Object.fromEntries(l.units.map((u) => [u.unit, u.quantity])),
    }));
    const sites = cite(
      code.filter((f) => f.provider === cost.provider && (f.kind === "sdk-call" || f.kind === "import")),
    );
    const options = api.plans
      .filter((p) => p.id !== cost.plan?.id && planFits(p, demand))
      .map((plan) => ({ plan, total: priceOnPlan(plan, demand).total }))
      .sort((a, b) => a.total - b.total);
    const best = options[0];
    if (best && cost.monthlyEstimate - best.total > Math.max(1, cost.monthlyEstimate * 0.02)) {
      // An AI API's plans are different models: cheaper is only better if it answers as well.
      const models = providerById(cost.provider)?.category === "ai";
      out.push({
        id: `cheaper-plan:${cost.provider}`,
        kind: "cheaper-plan",
        provider: cost.provider,
        title: models
          ? `Try ${cost.name}'s "${best.plan.name}" for this traffic`
          : `Move ${cost.name} to the "${best.plan.name}" plan`,
        detail: `For this traffic the "${best.plan.name}" plan costs ${formatUsd(best.total)} a month against ${formatUsd(cost.monthlyEstimate)} on "${cost.plan?.name}".${models ? " It is a different model: check that its answers are good enough for these calls before moving them." : ""}`,
        monthlySaving: round(cost.monthlyEstimate - best.total),
        savingNote: "Same monthly volumes priced on each of the provider's catalog plans.",
        citations: sites,
      });
    }
    const job = providerById(cost.provider)?.job;
    for (const [slug, other] of catalog) {
      if (slug === cost.catalogSlug) continue;
      const otherProvider = [...equivalentTargets(cost.provider)].find((id) => providerById(id)?.catalogSlug === slug);
      if (!otherProvider || providerById(otherProvider)?.job !== job) continue;
      const prices = other.plans
        .map((plan) => ({ plan, total: repriceLines(cost.provider, cost.lines, otherProvider, plan) }))
        .filter((p): p is { plan: CatalogPlan; total: number } => p.total !== null)
        .sort((a, b) => a.total - b.total);
      const cheapest = prices[0];
      if (!cheapest || cost.monthlyEstimate - cheapest.total <= Math.max(1, cost.monthlyEstimate * 0.05)) continue;
      out.push({
        id: `cheaper-alternative:${cost.provider}:${slug}`,
        kind: "cheaper-alternative",
        provider: cost.provider,
        title: `${other.name} would cost less than ${cost.name} for this traffic`,
        detail: `The same operations on ${other.name}'s "${cheapest.plan.name}" plan come to ${formatUsd(cheapest.total)} a month against ${formatUsd(cost.monthlyEstimate)} now. Check that it does the job as well before switching.`,
        monthlySaving: round(cost.monthlyEstimate - cheapest.total),
        savingNote: "Each operation priced as its equivalent at the other provider, with the same monthly volumes.",
        citations: sites,
      });
    }
  }
  return out;
}

function equivalentTargets(provider: string) {
  const targets = new Set<string>();
  for (const [key, map] of Object.entries(EQUIVALENT))
    if (key.startsWith(`${provider}:`)) for (const t of Object.keys(map)) targets.add(t);
  return targets;
}
