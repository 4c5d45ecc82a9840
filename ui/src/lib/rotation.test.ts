import { describe, expect, it } from "vitest";
import { apiUnavailableText, parseReminderDays, reached } from "./rotation";

describe("rotation wording", () => {
  it("orders the stages", () => {
    expect(reached("switched", "tested")).toBe(true);
    expect(reached("started", "tested")).toBe(false);
    expect(reached("tested", "tested")).toBe(true);
  });

  it("says how to make the API path available", () => {
    expect(apiUnavailableText({ reason: "no_app_id" })).toContain("not the Client ID");
    expect(apiUnavailableText({ reason: "missing_scope" })).toContain("marketplace:update:client_secret");
    expect(apiUnavailableText({ reason: "never_tested" })).toContain("Test the profile");
  });

  it("takes a reminder period of whole days, or the default", () => {
    expect(parseReminderDays(" 30 ")).toBe(30);
    expect(parseReminderDays("")).toBe(null);
    for (const bad of ["0", "1.5", "abc", "4000"]) expect(parseReminderDays(bad)).toBe("invalid");
  });
});
