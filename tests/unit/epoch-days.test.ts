import { describe, expect, it } from "vitest";
import { addDays, dateOfEpochDay, dayOfEpochDay, epochDay, epochDayOf, startOfDay } from "~/time/days";

describe("epoch days (app/time)", () => {
  it("numbers UTC days from 1970-01-01, whatever the time of day", () => {
    expect(epochDayOf("1970-01-01")).toBe(0);
    expect(epochDayOf("2026-12-07")).toBe(20_794);
    expect(epochDay(new Date("2026-12-07T23:59:59.999Z"))).toBe(20_794);
    expect(epochDay(new Date("2026-12-08T00:00:00Z"))).toBe(20_795);
    expect(epochDay(new Date("1969-12-31T12:00:00Z"))).toBe(-1);
  });

  it("turns a day number back into its day and its midnight", () => {
    expect(dayOfEpochDay(20_794)).toBe("2026-12-07");
    expect(dateOfEpochDay(20_794).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    // Across a leap day and a month end, counting agrees with the calendar.
    for (const day of ["2028-02-28", "2028-02-29", "2026-12-31"])
      expect(dayOfEpochDay(epochDayOf(day) + 1)).toBe(addDays(day, 1));
  });

  it("gives a day's midnight as an instant", () => {
    expect(startOfDay("2026-11-29").toISOString()).toBe("2026-11-29T00:00:00.000Z");
  });
});
