import { Resolver } from "node:dns/promises";
import { env } from "~/config/env.server";

/**
 * TXT records of a name, each record's strings joined (a long value is split into
 * 255-byte strings on the wire). A small interface so domain verification can be pointed at
 * any name server: the system's, the ones in SSO_DNS_SERVERS, or a test's.
 */
export type TxtLookup = (name: string) => Promise<string[]>;

export class DnsLookupFailed extends Error {}

const NO_RECORDS = new Set(["ENODATA", "ENOTFOUND", "NXDOMAIN"]);

export function txtLookup(servers: readonly string[] = env().SSO_DNS_SERVERS): TxtLookup {
  return async (name) => {
    const resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (servers.length) resolver.setServers([...servers]);
    try {
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (NO_RECORDS.has(code)) return [];
      throw new DnsLookupFailed(
        code === "ETIMEOUT" || code === "ECONNREFUSED"
          ? "The name servers did not answer in time. Try again in a minute."
          : `The DNS lookup failed (${code || "unknown error"}). Try again in a minute.`,
      );
    }
  };
}
