// The Sandbox panel: the simulated Zoom's users and apps, and the changes an admin would make
// in Zoom — a user's role, an app's activation — so every warning can be tried here.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Outcome, type SandboxView } from "../../ipc";
import { sandboxAppSubject } from "../../state/firstRun";
import type { Go } from "../../state/navigation";
import { useEscape } from "../../state/useEscape";
import { useOutcome } from "../../state/useOutcome";

const STATE_LABEL = { active: "Active", deactivated: "Deactivated", not_activated: "Never activated" } as const;

export function SandboxPanel({ go }: { go: Go }) {
  const loaded = useOutcome(ipc.sandbox);
  const [view, setView] = useState<SandboxView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  useEscape(confirmReset, () => setConfirmReset(false));
  const shown = view ?? (loaded.ok === true ? loaded.value : null);

  const change = async (outcome: Promise<Outcome<SandboxView>>, done: string) => {
    const result = await outcome;
    if (result.ok) {
      setView(result.value);
      setError(null);
      setNote(done);
    } else setError(result.error);
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
          <span class="confirm">
            Put every role, app, scope and counter back as the Sandbox starts?
            <button
              type="button"
              class="button button--danger"
              data-testid="sandbox-reset-yes"
              onClick={() => {
                setConfirmReset(false);
                void change(ipc.resetSandbox(), "The Sandbox is as it starts.");
              }}
            >
              Reset
            </button>
            <button type="button" class="button" onClick={() => setConfirmReset(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" class="button button--danger-outline" data-testid="sandbox-reset" onClick={() => setConfirmReset(true)}>
            Reset the Sandbox…
          </button>
        )}
      </div>
    </section>
  );
}
