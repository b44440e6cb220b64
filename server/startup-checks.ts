import net from "node:net";

/**
 * Configurations the app refuses to start with, checked before it listens.
 *
 * The local Liveblocks dev server (used when LIVEBLOCKS_SECRET_KEY is unset or sk_localdev)
 * accepts unsigned tokens and does not enforce read-only access: anyone who can reach it, or
 * reach the app's rooms through it, can write any room. It is for a laptop. So the app will
 * not listen on a non-loopback address with it, unless ALLOW_LOCAL_SYNC_ON_NETWORK=true says
 * the operator knows (a trusted lab network). Production uses hosted Liveblocks.
 */
export function usesLocalSyncEngine(env: Record<string, string | undefined> = process.env): boolean {
  const key = env.LIVEBLOCKS_SECRET_KEY?.trim();
  return !key || key === "sk_localdev";
}

export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (net.isIPv4(bare)) return bare.startsWith("127.");
  if (net.isIPv6(bare)) return bare === "::1" || /^::ffff:127\./.test(bare);
  return false;
}

export function checkSyncEngineExposure(
  host: string,
  env: Record<string, string | undefined> = process.env,
): string | null {
  if (!usesLocalSyncEngine(env) || isLoopbackHost(host)) return null;
  if (env.ALLOW_LOCAL_SYNC_ON_NETWORK === "true") return null;
  return (
    `Refusing to listen on ${host} with the local Liveblocks dev server: it accepts unsigned tokens and ` +
    `does not enforce read-only access, so anyone on the network could write any room. Set ` +
    `LIVEBLOCKS_SECRET_KEY to a hosted Liveblocks key for a deployment, keep HOST on loopback ` +
    `(127.0.0.1), or set ALLOW_LOCAL_SYNC_ON_NETWORK=true on a network you trust.`
  );
}
