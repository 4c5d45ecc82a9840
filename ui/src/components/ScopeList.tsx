// Scopes grouped by product, each with its level badge; scopes the admin expected but the token
// lacks are listed first, in red.
import type { Scope } from "../ipc";
import { groupByProduct } from "../lib/scopes";

export function ScopeList({ scopes, missing = [] }: { scopes: readonly Scope[]; missing?: readonly string[] }) {
  return (
    <div class="scopes" data-testid="scope-list">
      {missing.length > 0 && (
        <p class="scopes__missing" data-testid="missing-scopes">
          Missing: {missing.map((s) => <code key={s}>{s}</code>)}
        </p>
      )}
      {groupByProduct(scopes).map((group) => (
        <div class="scopes__group" key={group.product}>
          <span class="scopes__product">{group.product}</span>
          <span class="scopes__items">
            {group.scopes.map((scope) => (
              <span class="scope" key={scope.raw} title={`${scope.model} scope`}>
                <code>{scope.raw}</code>
                <span class={`level level--${scope.level}`}>{scope.level}</span>
              </span>
            ))}
          </span>
        </div>
      ))}
      {scopes.length === 0 && <p class="muted">The token carries no scopes: add scopes to the app in the Marketplace.</p>}
    </div>
  );
}
