import { describe, expect, it } from "vitest";
import { describeBuild, hostAndPort } from "./format";

describe("describeBuild", () => {
  it("names version and profile", () => {
    expect(describeBuild({ version: "0.1.0", build_profile: "release" })).toBe("v0.1.0 · release build");
  });
});

describe("hostAndPort", () => {
  it("keeps host and port of a URL", () => {
    expect(hostAndPort("http://127.0.0.1:4123")).toBe("127.0.0.1:4123");
  });
  it("returns anything else unchanged", () => {
    expect(hostAndPort("not a url")).toBe("not a url");
  });
});
