/** Money and time as the cost shapes show them. */
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const usdCompact = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});

/** $1,234 for sums people compare; cents below $100, where they matter. */
export function formatUsd(amount: number): string {
  return Math.abs(amount) < 100 ? usdCents.format(amount) : usd.format(amount);
}

export function formatUsdCompact(amount: number): string {
  return Math.abs(amount) < 1000 ? formatUsd(amount) : usdCompact.format(amount);
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const shortMonth = new Intl.DateTimeFormat("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" });

export function formatBucket(day: string, bucket: "day" | "week" | "month"): string {
  const date = new Date(`${day}T00:00:00Z`);
  return bucket === "month" ? shortMonth.format(date) : shortDay.format(date);
}
