import { describe, expect, it } from "vitest";
import { countOf, describeBuild, hostAndPort } from "./format";

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

describe("countOf", () => {
  it("says one file, not 1 files, and groups thousands", () => {
    expect(countOf(1, "file")).toBe("1 file");
    expect(countOf(0, "file")).toBe("0 files");
    expect(countOf(2_000, "binary", "binaries")).toBe("2,000 binaries");
  });
});
