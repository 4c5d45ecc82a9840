import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, VIEWS, hashFor, routeFromHash, viewFromHash } from "./navigation";

describe("navigation", () => {
  it("round-trips every view through the hash", () => {
    for (const view of VIEWS) expect(viewFromHash(hashFor(view.id))).toBe(view.id);
  });
  it("carries a subject, such as the profile being edited", () => {
    expect(routeFromHash(hashFor("setup", "a b/c"))).toEqual({ view: "setup", subject: "a b/c" });
    expect(routeFromHash("#/token")).toEqual({ view: "token", subject: null });
  });
  it("falls back to the default view for an unknown or empty hash", () => {
    expect(viewFromHash("")).toBe(DEFAULT_VIEW);
    expect(viewFromHash("#/nope")).toBe(DEFAULT_VIEW);
  });
  it("lists the views of the product brief in order", () => {
    expect(VIEWS.map((v) => v.label)).toEqual([
      "Overview",
      "Setup",
      "Test token",
      "Scopes & roles",
      "Rate limits",
      "Rotate secret",
      "Webhooks",
      "Migrate from JWT",
      "Settings",
    ]);
  });
});
