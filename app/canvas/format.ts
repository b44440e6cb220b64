/** Times and chart buckets as the cost shapes show them (money: ~/format/numbers). */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const shortMonth = new Intl.DateTimeFormat("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" });

export function formatBucket(day: string, bucket: "day" | "week" | "month"): string {
  const date = new Date(`${day}T00:00:00Z`);
  return bucket === "month" ? shortMonth.format(date) : shortDay.format(date);
}
