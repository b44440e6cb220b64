import { CATALOG } from "./catalog";
import { type DEMO_TEAM_PLANS, demoSubscription } from "./usage";

/**
 * The other marketplace organisations of the demo, besides Acme Robotics (DEMO_TEAM_PLANS):
 * their usage makes marketplace benchmarks possible, which need at least five organisations
 * per API or category. Each subscription is [team, api slug, plan index, traffic scale].
 */
export type TeamPlan = (typeof DEMO_TEAM_PLANS)[number];

/** Other organisations of the marketplace: no one logs in as them; their people cannot log in. */
export const MARKETPLACE_ORGANIZATIONS: { name: string; slug: string; seats: number; plans: TeamPlan[] }[] = [
  {
    name: "Northwind Logistics",
    slug: "northwind-logistics",
    seats: 14,
    plans: [
      ["Engineering", "openai", 0, 1.6],
      ["Engineering", "stripe", 0, 0.7],
      ["Engineering", "twilio", 0, 2.1],
      ["Operations", "google-maps", 0, 1.8],
    ],
  },
  {
    name: "Bluebird Health",
    slug: "bluebird-health",
    seats: 9,
    plans: [
      ["Product", "anthropic", 0, 1.3],
      ["Product", "openai", 0, 0.5],
      ["Product", "sendgrid", 1, 0.6],
      ["Product", "twilio", 0, 0.8],
    ],
  },
  {
    name: "Quanta Retail",
    slug: "quanta-retail",
    seats: 22,
    plans: [
      ["Web", "stripe", 0, 2.4],
      ["Web", "algolia", 1, 1.5],
      ["Web", "sendgrid", 1, 1.9],
      ["Data", "openai", 0, 0.9],
    ],
  },
  {
    name: "Helix Studio",
    slug: "helix-studio",
    seats: 6,
    plans: [
      ["Studio", "openai", 0, 0.7],
      ["Studio", "anthropic", 0, 0.6],
      ["Studio", "stripe", 0, 0.3],
      ["Studio", "slack", 0, 0.4],
    ],
  },
  {
    name: "Orbit Mobility",
    slug: "orbit-mobility",
    seats: 17,
    plans: [
      ["Platform", "mapbox", 0, 1.4],
      ["Platform", "google-maps", 0, 1.1],
      ["Platform", "twilio", 0, 1.2],
      ["Platform", "openai", 0, 1.1],
    ],
  },
  {
    name: "Fernway Books",
    slug: "fernway-books",
    seats: 5,
    plans: [
      ["Shop", "stripe", 0, 0.5],
      ["Shop", "sendgrid", 1, 0.4],
      ["Shop", "algolia", 1, 0.3],
      ["Shop", "anthropic", 0, 0.4],
    ],
  },
  {
    name: "Cobalt Insurance",
    slug: "cobalt-insurance",
    seats: 31,
    plans: [
      ["Claims", "anthropic", 0, 2.2],
      ["Claims", "twilio", 0, 1.5],
      ["Claims", "sendgrid", 1, 1.2],
      ["Claims", "google-maps", 0, 0.6],
    ],
  },
];

/** The usage generator's view of a subscription: the catalog plan's prices and the API's traffic profile. */
export function demoSubscriptionOf(id: string, [, slug, planIndex, scale]: TeamPlan, usageDays: number) {
  const api = CATALOG.find((a) => a.slug === slug);
  const plan = api?.plans[Math.min(planIndex, api.plans.length - 1)];
  if (!api || !plan) throw new Error(`The demo catalog has no API "${slug}"`);
  return { ...demoSubscription(id, slug, plan, scale, usageDays), planName: plan.name };
}
