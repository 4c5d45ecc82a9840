import { describe, expect, it } from "vitest";
import { day, flagLabel, kindLabel, migratable } from "./migrate";

describe("migration words", () => {
  it("explain every risky flag", () => {
    expect(flagLabel("committed_to_git").tone).toBe("risk");
    expect(flagLabel("never_expires").why).toContain("years");
    expect(kindLabel("jwt_token")).toBe("JWT token");
    expect(day(1_600_000_000)).toBe("2020-09-13");
  });

  it("leave SDK tokens out of the migration", () => {
    const base = {
      file: "a",
      line: 1,
      kind: "jwt_token" as const,
      key: null,
      masked: "x",
      reference: null,
      jwt: null,
      format: { format: "text" as const },
      rewritable: false,
    };
    expect(
      migratable([
        { ...base, flags: ["sdk_token_not_migrated"] },
        { ...base, flags: [] },
      ]),
    ).toHaveLength(1);
  });
});
