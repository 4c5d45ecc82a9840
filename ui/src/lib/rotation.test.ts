import { describe, expect, it } from "vitest";
import { REMINDER_DAYS } from "../ipc";
import { parseReminderDays, reached } from "./rotation";

describe("rotation wording", () => {
  it("orders the stages", () => {
    expect(reached("switched", "tested")).toBe(true);
    expect(reached("started", "tested")).toBe(false);
    expect(reached("tested", "tested")).toBe(true);
  });

  it("takes a reminder period of whole days, or the default", () => {
    expect(parseReminderDays(" 30 ")).toBe(30);
    expect(parseReminderDays("")).toBe(null);
    expect(parseReminderDays(String(REMINDER_DAYS.max))).toBe(REMINDER_DAYS.max);
    for (const bad of ["0", "1.5", "abc", String(REMINDER_DAYS.max + 1)]) expect(parseReminderDays(bad)).toBe("invalid");
  });
});
