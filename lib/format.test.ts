import { describe, expect, it } from "vitest";
import { formatBytes, formatPercent, formatRelativeTime } from "./format";

describe("formatBytes", () => {
  it("uses binary units as nvidia-smi does", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(81_559 * 2 ** 20)).toBe("79.6 GiB");
    expect(formatBytes(57_344)).toBe("56.0 KiB");
    expect(formatBytes(15_231_233_024)).toBe("14.2 GiB");
    expect(formatBytes(-2 * 2 ** 30)).toBe("-2.00 GiB");
    expect(formatBytes(5n * 2n ** 40n)).toBe("5.00 TiB");
  });
  it("shows a dash for non-numbers", () => expect(formatBytes(Number.NaN)).toBe("—"));
});

describe("formatPercent / formatRelativeTime", () => {
  it("formats", () => {
    expect(formatPercent(0.9)).toBe("90 %");
    const now = new Date("2026-01-01T00:10:00Z");
    expect(formatRelativeTime(new Date("2026-01-01T00:09:56Z"), now)).toBe("just now");
    expect(formatRelativeTime(new Date("2026-01-01T00:09:30Z"), now)).toBe("30 s ago");
    expect(formatRelativeTime(new Date("2026-01-01T00:00:00Z"), now)).toBe("10 min ago");
  });
});
