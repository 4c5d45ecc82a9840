import { describe, expect, it } from "vitest";
import { choiceOf, INITIAL_PICK, standingLabel } from "./roles";

describe("role picks", () => {
  it("map to the backend's RoleChoice", () => {
    expect(choiceOf(INITIAL_PICK)).toEqual({ from: "last_test" });
    expect(choiceOf({ ...INITIAL_PICK, mode: "member" })).toEqual({ from: "builtin", kind: "member" });
    expect(choiceOf({ ...INITIAL_PICK, mode: "custom", customName: "Helpdesk", privileges: ["User:Read"] })).toEqual({
      from: "custom",
      name: "Helpdesk",
      privileges: ["User:Read"],
    });
    expect(choiceOf({ ...INITIAL_PICK, mode: "pasted", pasted: "{}" })).toEqual({ from: "pasted", json: "{}" });
  });
  it("has no role to judge by until a custom role has a privilege or a paste has text", () => {
    expect(choiceOf({ ...INITIAL_PICK, mode: "custom", customName: "Helpdesk" })).toBeNull();
    expect(choiceOf({ ...INITIAL_PICK, mode: "pasted", pasted: "  " })).toBeNull();
  });
});

describe("verdict badges", () => {
  it("say when a verdict is an inference", () => {
    const base = {
      scope: "user:read:admin",
      level: "admin" as const,
      basis: "privilege_missing" as const,
      tied_privileges: [],
      unlisted_privileges: [],
      explanation: "",
    };
    expect(standingLabel({ ...base, standing: "at_risk", documented: false })).toEqual({ text: "At risk", tone: "risk", inferred: true });
    expect(standingLabel({ ...base, standing: "allowed", documented: true }).inferred).toBe(false);
  });
});
