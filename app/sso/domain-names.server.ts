import { domainToASCII } from "node:url";
import { z } from "zod";

/**
 * E-mail domains as typed by admins, and the TXT record that proves one
 * (docs/decisions/077-sso-domains-by-dns-txt.md): a name of its own under the domain, so it
 * sits beside SPF and other verification records without touching them.
 */
export const CHALLENGE_PREFIX = "_apimarketplace-challenge";
export const RECORD_PREFIX = "apimarketplace-domain-verification=";

export const challengeName = (domain: string) => `${CHALLENGE_PREFIX}.${domain}`;
export const challengeValue = (token: string) => `${RECORD_PREFIX}${token}`;

export const DomainSchema = z
  .string({ error: "Enter a domain, like acme.com." })
  .trim()
  .toLowerCase()
  .max(253, "That domain is too long.")
  .transform((v) => v.replace(/^@/, "").replace(/\.$/, ""))
  // domainToASCII parses leniently ("acme.com/x" gives "acme.com"): a domain has none of these.
  .refine((v) => !/[\s/\\?#:@%]/.test(v), "Enter just the domain, like acme.com (no address, path or port).")
  .transform((v) => domainToASCII(v)) // "bücher.de" → "xn--bcher-kva.de"; "" when it is no domain at all
  .refine(
    (v) => /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(v),
    "Enter a domain like acme.com: letters, digits and hyphens, with at least one dot.",
  );
