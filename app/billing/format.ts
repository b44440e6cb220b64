/** An amount in a currency's minor unit (cents), e.g. 1200 usd → "$12.00" (JPY has no minor unit). */
export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** Dates on billing pages: "29 Nov 2026", in UTC like Stripe's invoices. */
export const formatDay = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "$12.00 per seat a month" */
export function perSeat(unitAmount: number, currency: string, interval: string | null) {
  return `${formatMoney(unitAmount, currency)} per seat ${interval === "year" ? "a year" : "a month"}`;
}
