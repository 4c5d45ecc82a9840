import { describe, expect, it } from "vitest";
import { invalidationWarning, recommendAppType, stepToRevisit } from "./wizard";

describe("stepToRevisit", () => {
  it("sends credential problems to Credentials and app problems to the Marketplace step", () => {
    expect(stepToRevisit("invalid_client")).toBe(2);
    expect(stepToRevisit("invalid_account")).toBe(2);
    expect(stepToRevisit("app_disabled")).toBe(1);
    expect(stepToRevisit("missing_scope")).toBe(1);
  });
  it("offers no step when none can fix the failure", () => {
    for (const kind of ["rate_limited", "timeout", "network", "server_error"] as const) expect(stepToRevisit(kind)).toBeNull();
  });
});

describe("recommendAppType", () => {
  it("recommends S2S only for internal, account-wide automation without sign-in", () => {
    expect(recommendAppType({ actsFor: "account", userSignIn: false, published: false })).toBe("s2s");
    expect(recommendAppType({ actsFor: "users", userSignIn: false, published: false })).toBe("user_oauth");
    expect(recommendAppType({ actsFor: "account", userSignIn: true, published: false })).toBe("user_oauth");
    expect(recommendAppType({ actsFor: "account", userSignIn: false, published: true })).toBe("user_oauth");
  });
});

describe("invalidationWarning", () => {
  it("warns only an app known to follow the old one-token rule: tokens coexist since June 2023", () => {
    expect(invalidationWarning("commercial", null)).toBeNull();
    expect(invalidationWarning("commercial", "coexist")).toBeNull();
    expect(invalidationWarning("sandbox", "one_token")).toBeNull();
    expect(invalidationWarning("government", "one_token")).toContain("invalidates the token your deployed service is using");
  });
});
