// "What if" the owner's role changed: another built-in role, or the current one minus a
// privilege. Shows the granted scopes Zoom would remove and the API calls that would then fail.
import { useEffect, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type RoleChoice, type ScopeOverview, type WhatIf } from "../../ipc";
import { countOf } from "../../lib/format";

type Proposal = "member" | "admin" | "owner" | "without";

const SHOWN_OPERATIONS = 12;

export function WhatIfPanel({ profileId, overview, current }: { profileId: string; overview: ScopeOverview; current: RoleChoice }) {
  const [proposal, setProposal] = useState<Proposal>("member");
  const rolePrivileges = overview.role?.role.kind === "owner" ? [] : (overview.role?.role.privileges ?? []);
  const choices = rolePrivileges.length > 0 ? rolePrivileges : overview.privileges.map((p) => p.privilege);
  const [privilege, setPrivilege] = useState<string>(choices[0] ?? "");
  const [result, setResult] = useState<WhatIf | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let live = true;
    const proposed: RoleChoice = proposal === "without" ? current : { from: "builtin", kind: proposal };
    const remove = proposal === "without" && privilege ? [privilege] : [];
    void ipc.scopeWhatIf(profileId, current, proposed, remove).then((o) => {
      if (!live) return;
      setResult(o.ok ? o.value : null);
      setError(o.ok ? null : o.error);
    });
    return () => {
      live = false;
    };
  }, [profileId, current, proposal, privilege, overview.tested_at_unix]);

  return (
    <section class="card" data-testid="what-if">
      <h2>What if the owner's role changed?</h2>
      <div class="toolbar">
        <label>
          New role{" "}
          <select data-testid="what-if-role" value={proposal} onChange={(e) => setProposal(e.currentTarget.value as Proposal)}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
            <option value="owner">Owner</option>
            <option value="without">The current role, without one privilege</option>
          </select>
        </label>
        {proposal === "without" && (
          <select aria-label="Privilege to remove" data-testid="what-if-privilege" value={privilege} onChange={(e) => setPrivilege(e.currentTarget.value)}>
            {choices.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {result && <WhatIfResult result={result} />}
    </section>
  );
}

function WhatIfResult({ result }: { result: WhatIf }) {
  if (result.removed.length === 0) {
    return (
      <p class="ok" data-testid="what-if-result" data-removed="0">
        ✔ Nothing would be removed
        {result.kept > 0 && <>: {result.kept === 1 ? "the granted scope stays" : `all ${countOf(result.kept, "granted scope")} stay`}</>}.
      </p>
    );
  }
  const more = result.failing_operations.length - SHOWN_OPERATIONS;
  return (
    <div class="what-if__result" data-testid="what-if-result" data-removed={result.removed.length}>
      <p>
        <strong>Zoom would remove {countOf(result.removed.length, "scope")}</strong>
        {result.inferred && <span class="tag tag--inferred">partly inferred</span>} ({result.kept} stay):
      </p>
      <p class="chips">
        {result.removed.map((s) => (
          <code
            key={s}
            class={result.already_at_risk.includes(s) ? "already" : ""}
            title={result.already_at_risk.includes(s) ? "Already at risk with the current role" : ""}
          >
            {s}
          </code>
        ))}
      </p>
      <p>These calls would then fail ({result.failing_operations.length}):</p>
      <ul class="operations">
        {result.failing_operations.slice(0, SHOWN_OPERATIONS).map((o) => (
          <li key={o.variant + o.method + o.path}>
            <code>
              {o.method} {o.path}
            </code>{" "}
            {o.summary}
          </li>
        ))}
        {more > 0 && <li class="muted">and {more} more</li>}
      </ul>
    </div>
  );
}
