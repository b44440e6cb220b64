import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDuration, formatUsd } from "~/format/numbers";

describe("formatUsd", () => {
  it("shows every cent by default, grouped, and a sub-cent generation cost to four decimals", () => {
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(87.5)).toBe("$87.50");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(0.00123)).toBe("$0.0012");
    expect(formatUsd(-2.5)).toBe("-$2.50");
  });

  it("rounds to whole dollars from $100 when rounded, and abbreviates from $1,000 when compact", () => {
    expect(formatUsd(99.456, "rounded")).toBe("$99.46");
    expect(formatUsd(1234.5, "rounded")).toBe("$1,235");
    expect(formatUsd(850, "compact")).toBe("$850");
    expect(formatUsd(12_345, "compact")).toBe("$12.3K");
  });
});

describe("counts, sizes and durations", () => {
  it("groups counts, picks a byte unit and shows m:ss", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2.0 KiB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.00 MiB");
    expect(formatDuration(125_900)).toBe("2:05");
  });
});
