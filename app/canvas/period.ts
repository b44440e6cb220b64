import { addDays, startOfMonth, type Bucket, type Day } from "~/time/days";
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
    case "12m":
      // Twelve calendar months: this one and the eleven before it.
      return { from: startOfMonth(today, -11), to: today, bucket: "month" };
  }
}
