import { addDays, startOfMonth, type Bucket, type Day } from "~/usage/days";
import type { Period } from "./cost-bindings";

/** The days a shape's period covers, ending today, and the bucket its chart uses. */
export function periodRange(period: Period, today: Day): { from: Day; to: Day; bucket: Bucket } {
  switch (period) {
    case "month":
      return { from: startOfMonth(today), to: today, bucket: "day" };
    case "30d":
      return { from: addDays(today, -29), to: today, bucket: "day" };
    case "90d":
      return { from: addDays(today, -89), to: today, bucket: "week" };
    case "12m": {
      // Twelve calendar months: this one and the eleven before it.
      const date = new Date(`${today}T00:00:00Z`);
      const from = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 11, 1));
      return { from: from.toISOString().slice(0, 10), to: today, bucket: "month" };
    }
  }
}
