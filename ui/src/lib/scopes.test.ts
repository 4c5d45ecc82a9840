import { describe, expect, it } from "vitest";
import type { Scope } from "../ipc";
import { groupByProduct } from "./scopes";

const scope = (raw: string, level: Scope["level"]): Scope => ({
  raw,
  product: raw.split(":")[0] ?? raw,
  action: null,
  resource: null,
  level,
  model: "granular",
});

describe("groupByProduct", () => {
  it("groups by product, products sorted, master and admin first", () => {
    const groups = groupByProduct([scope("user:read:user", "user"), scope("meeting:read:meeting:admin", "admin"), scope("user:read:user:admin", "admin"), scope("user:master", "master")]);
    expect(groups.map((g) => g.product)).toEqual(["meeting", "user"]);
    expect(groups[1]?.scopes.map((s) => s.raw)).toEqual(["user:master", "user:read:user:admin", "user:read:user"]);
  });
});
