// The Sandbox panel: the simulated Zoom's users and apps, and the changes an admin would make
// in Zoom — a user's role, an app's activation — so every warning can be tried here.
import { useState } from "preact/hooks";
import { ConfirmInline } from "../../components/ConfirmInline";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Outcome, type ResetProfile, type SandboxView } from "../../ipc";
import { sandboxAppSubject } from "../../state/firstRun";
import { refreshProfiles } from "../../state/profiles";
import { forgetRuns } from "../../state/testRuns";
import type { Go } from "../../state/navigation";
import { useOutcome } from "../../state/useOutcome";

/** What a reset did, in a sentence. */
function resetNote(profiles: ResetProfile[]): string {
  if (profiles.length === 0) return "The Sandbox is as it first starts.";
  const names = profiles.map((p) => p.name).join(", ");
  const kept = profiles.filter((p) => !p.secret_replaced).map((p) => p.name);
  const orphans = kept.length > 0 ? ` ${kept.join(", ")}: no app of the Sandbox has that Client ID any more; their secret was left as it was.` : "";
  return `The Sandbox is as it first starts. Put back with it: ${names} (the Sandbox's secret again; the old Sandbox's tests, rotations and transfers cleared).${orphans}`;
}

const STATE_LABEL = { active: "Active", deactivated: "Deactivated", not_activated: "Never activated" } as const;

export function SandboxPanel({ go }: { go: Go }) {
  const loaded = useOutcome(ipc.sandbox);
  const [view, setView] = useState<SandboxView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const shown = view ?? (loaded.ok === true ? loaded.value : null);

  const change = async (outcome: Promise<Outcome<SandboxView>>, done: string) => {
    const result = await outcome;
    if (result.ok) {
      setView(result.value);
      setError(null);
      setNote(done);
    } else setError(result.error);
  };

  const reset = async () => {
    const result = await ipc.resetSandbox();
    if (!result.ok) return setError(result.error);
    const { sandbox, profiles } = result.value;
    forgetRuns(profiles.map((p) => p.id));
    await refreshProfiles();
    setView(sandbox);
    setError(null);
    setNote(resetNote(profiles));
  };

  return (
    <section class="card" data-testid="sandbox-panel">
      <h2>Sandbox</h2>
      <p class="muted">Change the simulated Zoom as an admin would in Zoom, then test a Sandbox profile to see how S2S Desk explains it.</p>
      {loaded.ok === false && <ErrorNotice error={loaded.error} />}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {note && (
        <p class="muted" role="status" data-testid="sandbox-note">
          {note}
        </p>
      )}
      {shown?.accounts.map((account) => (
        <div key={account.id} class="sandbox-account">
          <h3>
            {account.name} <span class="muted">· {account.plan} plan</span>
          </h3>
          <table class="sandbox-table" data-testid="sandbox-users">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
              </tr>
            </thead>
            <tbody>
              {account.users.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>
                    <select
                      aria-label={`Role of ${u.email}`}
                      data-testid={`sandbox-role-${u.id}`}
                      value={u.role_id}
                      onChange={(e) => {
                        const role = account.roles.find((r) => r.id === e.currentTarget.value);
                        void change(
                          ipc.setSandboxUserRole(u.id, e.currentTarget.value),
                          `${u.email} is now ${role?.name ?? "in another role"}. Zoom removes admin scopes their apps may no longer hold; test a profile to see it.`,
                        );
                      }}
                    >
                      {account.roles.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="sandbox-table" data-testid="sandbox-apps">
            <thead>
              <tr>
                <th>App</th>
                <th>Owner</th>
                <th>Scopes</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {account.apps.map((a) => (
                <tr key={a.client_id} data-testid="sandbox-app" data-client-id={a.client_id} data-state={a.state}>
                  <td>
                    {a.name}
                    <br />
                    <code>{a.client_id}</code>
                  </td>
                  <td>{a.owner}</td>
                  <td>{a.scopes}</td>
                  <td>
                    {STATE_LABEL[a.state]}{" "}
                    <button
                      type="button"
                      class="button"
                      data-testid={`sandbox-toggle-${a.client_id}`}
                      onClick={() =>
                        void change(
                          ipc.setSandboxAppState(a.client_id, a.state === "active" ? "deactivated" : "active"),
                          `${a.name} is now ${a.state === "active" ? "deactivated" : "active"}.`,
                        )
                      }
                    >
                      {a.state === "active" ? "Deactivate" : "Activate"}
                    </button>{" "}
                    <button type="button" class="button" data-testid={`sandbox-add-${a.client_id}`} onClick={() => go("setup", sandboxAppSubject(a.client_id))}>
                      Add as profile
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <div class="actions">
        {confirmReset ? (
          <ConfirmInline
            action="Reset"
            testId="sandbox-reset-confirm"
            onCancel={() => setConfirmReset(false)}
            onConfirm={() => {
              setConfirmReset(false);
              void reset();
            }}
          >
            Put every role, app, scope, secret and counter back as the Sandbox first starts, and clear the tests, rotations and transfers of your Sandbox
            profiles?
          </ConfirmInline>
        ) : (
          <button type="button" class="button button--danger-outline" data-testid="sandbox-reset" onClick={() => setConfirmReset(true)}>
            Reset the Sandbox…
          </button>
        )}
      </div>
    </section>
  );
}
