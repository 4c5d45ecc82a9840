import { describe, expect, it } from "vitest";
import { formatCountdown, timeAgo } from "./time";

describe("formatCountdown", () => {
  it("shows minutes and seconds, hours when needed, and expiry", () => {
    expect(formatCountdown(3599)).toBe("59:59");
    expect(formatCountdown(3723)).toBe("1:02:03");
    expect(formatCountdown(5)).toBe("0:05");
    expect(formatCountdown(0)).toBe("expired");
    expect(formatCountdown(-3)).toBe("expired");
  });
});

describe("timeAgo", () => {
  it("rounds down to the largest unit", () => {
    const now = 1_000_000_000_000;
    expect(timeAgo(now / 1000 - 10, now)).toBe("just now");
    expect(timeAgo(now / 1000 - 300, now)).toBe("5 min ago");
    expect(timeAgo(now / 1000 - 7200, now)).toBe("2 h ago");
    expect(timeAgo(now / 1000 - 86400, now)).toBe("1 day ago");
  });
});
