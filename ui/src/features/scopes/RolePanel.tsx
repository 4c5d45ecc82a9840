// The owner's role: as Zoom reported it at the last test, or as the admin picks it (a built-in
// role, a custom role's privileges, or JSON pasted from Zoom's Roles API). Says which source
// the verdicts below use.
import { useState } from "preact/hooks";
import { ipc, type PrivilegeInfo, type ScopeOverview } from "../../ipc";
import { sourceLabel, type RoleMode, type RolePick } from "../../lib/roles";

const MODES: { mode: RoleMode; label: string }[] = [
  { mode: "last_test", label: "As Zoom reported at the last test" },
  { mode: "owner", label: "Owner (account owner)" },
  { mode: "admin", label: "Admin" },
  { mode: "member", label: "Member" },
  { mode: "custom", label: "Custom role: tick its privileges" },
  { mode: "pasted", label: "Paste the role JSON from Zoom" },
];

export function RolePanel({ overview, pick, onPick }: { overview: ScopeOverview; pick: RolePick; onPick: (p: RolePick) => void }) {
  const role = overview.role;
  const owner = overview.owner;
  return (
    <section class="card" data-testid="role-panel">
      <h2>What the owner's role allows</h2>
      {owner ? (
        <p>
          The app acts as <strong>{owner.email ?? owner.user_id}</strong>
          {owner.role_name && (
            <>
              , role <strong data-testid="owner-role">{owner.role_name}</strong>
            </>
          )}
          .
          {owner.privileges === null && (
            <span class="muted">
              {" "}
              Its privileges could not be read with this app's scopes (it needs <code>user:read:list_permissions</code> or <code>role:read:role:admin</code>);
              pick or paste the role to judge its scopes.
            </span>
          )}
        </p>
      ) : (
        <p class="muted">The last test could not read the app's owner. Pick the owner's role to see which scopes are at risk.</p>
      )}
      <div class="toolbar">
        <label>
          Judge by{" "}
          <select data-testid="role-mode" value={pick.mode} onChange={(e) => onPick({ ...pick, mode: e.currentTarget.value as RoleMode })}>
            {MODES.map((m) => (
              <option key={m.mode} value={m.mode}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {pick.mode === "custom" && <PrivilegePicker privileges={overview.privileges} pick={pick} onPick={onPick} />}
      {pick.mode === "pasted" && <PasteRole pick={pick} onPick={onPick} />}
      {role ? (
        <p class="muted" data-testid="role-source">
          Using <strong>{role.role.name}</strong> — {sourceLabel(role.role.source)}
          {role.role.privileges_known && role.role.kind !== "owner" && <> · {role.role.privileges.length} privileges</>} · may add{" "}
          {role.addable_admin_scopes.length} admin-level scopes.
          {role.unknown_privileges.length > 0 && (
            <>
              {" "}
              Zoom doesn't document:{" "}
              {role.unknown_privileges.map((p) => (
                <code key={p}>{p}</code>
              ))}{" "}
              (kept as given).
            </>
          )}
        </p>
      ) : (
        <p class="notice notice--info" data-testid="role-unknown">
          The role is unknown: pick it above to judge the scopes.
        </p>
      )}
      {role && role.addable_admin_scopes.length > 0 && (
        <details data-testid="addable-scopes">
          <summary>Admin-level scopes this role may add ({role.addable_admin_scopes.length})</summary>
          <p class="chips">
            {role.addable_admin_scopes.map((s) => (
              <code key={s}>{s}</code>
            ))}
          </p>
        </details>
      )}
      <p class="muted legend">
        <span class="tag">documented</span> verdicts follow Zoom's rules (admin scopes are removed when the owner loses admin privileges; master scopes are for
        the account owner). <span class="tag tag--inferred">inferred</span> verdicts tie a scope to the privileges its API operations list — Zoom publishes no
        privilege → scope table.{" "}
        <button type="button" class="button button--link" onClick={() => void ipc.openExternal("https://developers.zoom.us/docs/internal-apps/create/")}>
          Zoom's rule ↗
        </button>
        <button type="button" class="button button--link" onClick={() => void ipc.openExternal("https://developers.zoom.us/docs/api/references/privileges/")}>
          Privileges reference ↗
        </button>
      </p>
    </section>
  );
}

function PrivilegePicker({ privileges, pick, onPick }: { privileges: PrivilegeInfo[]; pick: RolePick; onPick: (p: RolePick) => void }) {
  const toggle = (name: string, on: boolean) => onPick({ ...pick, privileges: on ? [...pick.privileges, name] : pick.privileges.filter((p) => p !== name) });
  return (
    <fieldset class="custom-role" data-testid="privilege-picker">
      <legend>Custom role</legend>
      <label class="custom-role__name">
        Role name <input placeholder="e.g. Helpdesk" value={pick.customName} onInput={(e) => onPick({ ...pick, customName: e.currentTarget.value })} />
      </label>
      <div class="privileges" role="group" aria-label="Its privileges">
        {privileges.map((p) => (
          <label key={p.privilege} title={p.description ?? ""}>
            <input type="checkbox" checked={pick.privileges.includes(p.privilege)} onChange={(e) => toggle(p.privilege, e.currentTarget.checked)} />{" "}
            {p.privilege}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function PasteRole({ pick, onPick }: { pick: RolePick; onPick: (p: RolePick) => void }) {
  const [text, setText] = useState(pick.pasted);
  return (
    <div class="paste-role">
      <textarea
        data-testid="role-json"
        rows={4}
        placeholder='{"id": "…", "name": "…", "privileges": ["User:Read", …]} — the answer of GET /v2/roles/{roleId}'
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="button" class="button" data-testid="role-json-apply" onClick={() => onPick({ ...pick, pasted: text })}>
        Use this role
      </button>
    </div>
  );
}
