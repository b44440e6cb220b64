import { describe, expect, it } from "vitest";
import { budgetView } from "~/usage/budget";
import { addDays, bucketOf, bucketsBetween, dayStart, daysInMonth, monthStart, startOfMonth, toDay } from "~/time/days";
import { periodRange } from "~/canvas/period";

describe("budget status", () => {
  it("is on track, at risk or over from the month's pace", () => {
    expect(budgetView({ budgetUsd: 300, spentUsd: 100, dayOfMonth: 15, daysInMonth: 30 }).status).toBe("on-track");
    expect(budgetView({ budgetUsd: 300, spentUsd: 200, dayOfMonth: 15, daysInMonth: 30 })).toMatchObject({
      status: "at-risk",
      forecastUsd: 400,
    });
    expect(budgetView({ budgetUsd: 300, spentUsd: 310, dayOfMonth: 15, daysInMonth: 30 }).status).toBe("over");
    expect(budgetView({ budgetUsd: null, spentUsd: 310, dayOfMonth: 15, daysInMonth: 30 })).toMatchObject({
      status: "none",
      usedShare: null,
    });
  });

  it("does not extrapolate a fixed monthly fee", () => {
    // $100 fee + $50 usage on day 10 of 30: forecast 100 + 150, not 450.
    expect(budgetView({ budgetUsd: 260, spentUsd: 150, fixedUsd: 100, dayOfMonth: 10, daysInMonth: 30 })).toMatchObject(
      { status: "on-track", forecastUsd: 250 },
    );
  });
});

describe("days", () => {
  it("reads an instant's UTC day and month whatever the time of day, and steps months back across years", () => {
    const lateOnNewYearsEve = new Date("2026-12-31T23:59:59.999Z");
    expect(toDay(lateOnNewYearsEve)).toBe("2026-12-31");
    expect(dayStart(lateOnNewYearsEve).toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(monthStart(lateOnNewYearsEve).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(startOfMonth("2026-03-31", -11)).toBe("2025-04-01");
    expect(startOfMonth("2026-11-15", 2)).toBe("2027-01-01");
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysInMonth("2028-02-10")).toBe(29);
  });

  it("buckets by Monday weeks and by months, like PostgreSQL's date_trunc", () => {
    expect(bucketOf("2026-11-29", "week")).toBe("2026-11-23"); // a Sunday
    expect(bucketOf("2026-11-23", "week")).toBe("2026-11-23");
    expect(bucketsBetween("2026-01-15", "2026-04-02", "month")).toEqual([
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
      "2026-04-01",
    ]);
    expect(bucketsBetween("2026-11-27", "2026-11-29", "day")).toEqual(["2026-11-27", "2026-11-28", "2026-11-29"]);
  });

  it("makes a 12-month period twelve calendar months, this one included", () => {
    const { from, to, bucket } = periodRange("12m", "2026-11-29");
    expect(bucket).toBe("month");
    expect(bucketsBetween(from, to, bucket)).toHaveLength(12);
    expect(from).toBe("2025-12-01");
  });
});
