import type { CatalogApi } from "./types";
import { algolia } from "./algolia";
import { anthropic } from "./anthropic";
import { github } from "./github";
import { googleMaps } from "./google-maps";
import { mapbox } from "./mapbox";
import { openai } from "./openai";
import { postmark } from "./postmark";
import { resend } from "./resend";
import { sendgrid } from "./sendgrid";
import { slack } from "./slack";
import { stripe } from "./stripe";
import { twilio } from "./twilio";

export type { CatalogApi, CatalogPlan } from "./types";

export const CATALOG: CatalogApi[] = [
  stripe,
  openai,
  anthropic,
  twilio,
  sendgrid,
  github,
  slack,
  googleMaps,
  algolia,
  mapbox,
  postmark,
  resend,
];
