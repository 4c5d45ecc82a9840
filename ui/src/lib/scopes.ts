// Groups granted scopes by product for display, admin and master levels first within a group.
import type { Scope } from "../ipc";

export type ScopeGroup = { product: string; scopes: Scope[] };

const LEVEL_ORDER: Record<string, number> = { master: 0, admin: 1, user: 2 };

/** Products alphabetically; within one, master → admin → user, then by name. */
export function groupByProduct(scopes: readonly Scope[]): ScopeGroup[] {
  const groups = new Map<string, Scope[]>();
  for (const scope of scopes) groups.set(scope.product, [...(groups.get(scope.product) ?? []), scope]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([product, list]) => ({
      product,
      scopes: list.sort((a, b) => (LEVEL_ORDER[a.level] ?? 3) - (LEVEL_ORDER[b.level] ?? 3) || a.raw.localeCompare(b.raw)),
    }));
}
