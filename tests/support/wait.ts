import { vi } from "vitest";

/**
 * Polls `read` (vi.waitFor) until it gives something truthy, and returns that: the wait for
 * a background job, a recorder or an answer to land in PostgreSQL. On timeout it fails with
 * `label` and the last value seen.
 */
export function eventually<T>(
  read: () => Promise<T | null | undefined | false>,
  {
    timeout = 10_000,
    interval = 100,
    label = "condition",
  }: { timeout?: number; interval?: number; label?: string } = {},
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!value) throw new Error(`timed out waiting for ${label} (last: ${JSON.stringify(value)})`);
      return value;
    },
    { timeout, interval },
  );
}
