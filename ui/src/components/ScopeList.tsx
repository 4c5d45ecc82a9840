// Scopes grouped by product, each with its level badge, in the core's one display order;
// scopes the admin expected but the token lacks are listed first, in red.
import type { ScopeGroup } from "../ipc";

export function ScopeList({ groups, missing = [] }: { groups: readonly ScopeGroup[]; missing?: readonly string[] }) {
  return (
    <div class="scopes" data-testid="scope-list">
      {missing.length > 0 && (
        <p class="scopes__missing" data-testid="missing-scopes">
          Missing:{" "}
          {missing.map((s) => (
            <code key={s}>{s}</code>
          ))}
        </p>
      )}
      {groups.map((group) => (
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
      {groups.length === 0 && <p class="muted">The token carries no scopes: add scopes to the app in the Marketplace.</p>}
    </div>
  );
}
