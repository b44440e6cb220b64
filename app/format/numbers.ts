/**
 * Money, counts, sizes and durations as people read them, the same on every page (en-US
 * grouping, "$" amounts). One place, so a figure never reads "$1234.5" on one page and
 * "$1,234.50" on the next.
 */

/**
 * How exact an amount is shown:
 *  - "cents": every cent (bills, estimates, savings); below one cent, up to four decimals,
 *    so a single AI generation's cost does not read "$0.00";
 *  - "rounded": whole dollars from $100 up, cents below (sums compared at a glance);
 *  - "compact": "$12.3K" from $1,000 up (chart axes), "rounded" below.
 */
export type UsdStyle = "cents" | "rounded" | "compact";

const usdWith = (options: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", ...options });
const cents = usdWith({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
const subCent = usdWith({ minimumFractionDigits: 2, maximumFractionDigits: 4 });
const whole = usdWith({ maximumFractionDigits: 0 });
const compact = usdWith({ notation: "compact", maximumFractionDigits: 1 });

export function formatUsd(amount: number, style: UsdStyle = "cents"): string {
  const size = Math.abs(amount);
  if (style === "compact" && size >= 1000) return compact.format(amount);
  if (style !== "cents" && size >= 100) return whole.format(amount);
  return size > 0 && size < 0.01 ? subCent.format(amount) : cents.format(amount);
}

const count = new Intl.NumberFormat("en-US");

/** 12,345 */
export const formatCount = (n: number): string => count.format(n);

/** A byte size in B, KiB or MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** A playback position or length as m:ss. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
