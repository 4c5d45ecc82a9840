// The latest token's scopes, by product: level, standing with the owner's role (documented or
// inferred), what each lets the app do, and the operations it unlocks; then the expected diff.
import type { GrantedScope, ScopeOverview } from "../../ipc";
import { countOf } from "../../lib/format";
import { standingLabel } from "../../lib/roles";

export function GrantedScopes({ overview }: { overview: ScopeOverview }) {
  const { groups, diff } = overview;
  return (
    <section class="card" data-testid="granted-scopes">
      <h2>Granted scopes</h2>
      {(diff.missing.length > 0 || diff.extra.length > 0 || diff.expected_mixed) && (
        <div class="diff" data-testid="scope-diff">
          {diff.expected_mixed && (
            <p class="notice notice--warning" role="alert" data-testid="scope-mixed-models">
              {diff.expected_mixed.message}
            </p>
          )}
          {diff.missing.length > 0 && (
            <p class="scopes__missing">
              Expected but not granted:{" "}
              <span class="chips">
                {diff.missing.map((s) => (
                  <code key={s}>{s}</code>
                ))}
              </span>
            </p>
          )}
          {diff.extra.length > 0 && (
            <p class="muted">
              Granted but not expected:{" "}
              <span class="chips">
                {diff.extra.map((s) => (
                  <code key={s}>{s}</code>
                ))}
              </span>
            </p>
          )}
        </div>
      )}
      {groups.length === 0 && <p class="muted">The token carries no scopes: add scopes to the app in the Marketplace.</p>}
      {groups.map((g) => (
        <div class="granted__group" key={g.product}>
          <h3 class="scopes__product">{g.product}</h3>
          <ul class="granted">
            {g.scopes.map((s) => (
              <ScopeRow key={s.scope.raw} scope={s} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function ScopeRow({ scope }: { scope: GrantedScope }) {
  const verdict = scope.verdict;
  const badge = verdict && standingLabel(verdict);
  return (
    <li class="granted__scope" data-testid="granted-scope" data-scope={scope.scope.raw} data-standing={verdict?.standing ?? "none"}>
      <div class="granted__head">
        <code>{scope.scope.raw}</code>
        <span class={`level level--${scope.scope.level}`}>{scope.scope.level}</span>
        {!scope.in_catalog && <span class="tag tag--unknown">not in Zoom's published data</span>}
        {badge && (
          <span class={`standing standing--${badge.tone}`} title={verdict.explanation}>
            {badge.text}
            {badge.inferred && <span class="tag tag--inferred">inferred</span>}
          </span>
        )}
      </div>
      <p class="muted">{scope.description}</p>
      {verdict && verdict.standing !== "allowed" && <p class="granted__why">{verdict.explanation}</p>}
      {scope.operations.length > 0 && (
        <details>
          <summary>Unlocks {countOf(scope.operations.length, "API operation")}</summary>
          <ul class="operations">
            {scope.operations.map((o) => (
              <li key={o.variant + o.method + o.path}>
                <code>
                  {o.method} {o.path}
                </code>{" "}
                {o.summary}
                {o.variant === "master" && <span class="tag">master account</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
