import { describe, expect, it } from "vitest";
import { invalidationWarning, recommendAppType, stepToRevisit } from "./wizard";

describe("stepToRevisit", () => {
  it("sends credential problems to Credentials and app problems to the Marketplace step", () => {
    expect(stepToRevisit("invalid_client")).toBe(2);
    expect(stepToRevisit("invalid_account")).toBe(2);
    expect(stepToRevisit("app_disabled")).toBe(1);
    expect(stepToRevisit("missing_scope")).toBe(1);
    expect(stepToRevisit("timeout")).toBe(3);
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
  it("warns unless the Sandbox, a spare slot or a raised tolerance keeps the deployed token valid", () => {
    expect(invalidationWarning("sandbox", null, null)).toBeNull();
    expect(invalidationWarning("commercial", null, null)).toContain("invalidate the token your deployed service is using");
    expect(invalidationWarning("commercial", null, 1)).toContain("invalidate");
    expect(invalidationWarning("government", 2, null)).toContain("spare token slot 2");
    expect(invalidationWarning("commercial", null, 3)).toContain("3 newest tokens");
  });
});
