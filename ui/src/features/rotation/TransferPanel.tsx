// Transfer ownership: a manual transfer of the app to a new owner must be accepted by them and
// completed with a new client secret within 30 days, or Zoom cancels it. The checklist, the
// deadline and what the latest tests say about the current owner are the core's; this panel
// records the steps only the admin can see (started, accepted) and points at the rotation.
import { useState } from "preact/hooks";
import { ipc, type IpcError, type ProfileEntry } from "../../ipc";
import { exactTime } from "../../lib/time";
import { refreshProfiles } from "../../state/profiles";

export function TransferPanel({ profile, onError }: { profile: ProfileEntry; onError: (e: IpcError | null) => void }) {
  const { health } = profile;
  const transfer = health.transfer;
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<{ ok: boolean; error?: IpcError }>) => {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    onError(outcome.ok ? null : (outcome.error ?? null));
    await refreshProfiles();
    return outcome.ok;
  };

  return (
    <section class="card" data-testid="transfer-panel" aria-busy={busy}>
      <h2>Transfer ownership</h2>
      {health.owner_message && (
        <p class="notice notice--warning" role="alert" data-testid="owner-state">
          {health.owner_message}
        </p>
      )}
      {!transfer ? (
        <form
          class="toolbar toolbar--wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => ipc.startOwnershipTransfer(profile.id, email)).then((ok) => ok && setEmail(""));
          }}
        >
          <p class="muted">
            Started a transfer in the Marketplace (Manage → the app → Transfer)? The new owner must accept it and rotate the client secret within 30 days, or
            Zoom cancels it. Track it here:
          </p>
          <input
            type="email"
            aria-label="New owner's email"
            placeholder="new.owner@example.com"
            data-testid="transfer-email"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <button type="submit" class="button" data-testid="transfer-start" disabled={busy || email.trim() === ""}>
            Track the transfer
          </button>
        </form>
      ) : (
        <>
          <p
            class={transfer.complete ? "notice notice--info" : transfer.lapsed ? "notice notice--error" : "notice notice--warning"}
            role="status"
            data-testid="transfer-status"
          >
            {transfer.message}
          </p>
          <p class="muted" data-testid="transfer-deadline">
            Zoom's deadline: {exactTime(transfer.deadline_unix)}
          </p>
          <ul class="checklist checklist--marked" data-testid="transfer-steps">
            {transfer.steps.map((s) => (
              <li key={s.step} data-step={s.step} data-done={s.done}>
                {s.done ? "✔" : "☐"} {s.label}
              </li>
            ))}
          </ul>
          <div class="actions">
            {!transfer.steps[0]?.done && (
              <button
                type="button"
                class="button"
                data-testid="transfer-confirm"
                disabled={busy}
                onClick={() => void run(() => ipc.confirmOwnershipTransfer(profile.id))}
              >
                The new owner accepted it
              </button>
            )}
            {!transfer.steps[1]?.done && (
              <button
                type="button"
                class="button button--primary"
                data-testid="transfer-rotate"
                onClick={() => document.querySelector<HTMLElement>('[data-testid="rotation-panel"]')?.scrollIntoView({ block: "start" })}
              >
                Rotate the secret
              </button>
            )}
            <button
              type="button"
              class="button"
              data-testid="transfer-end"
              disabled={busy}
              onClick={() => void run(() => ipc.endOwnershipTransfer(profile.id))}
            >
              {transfer.complete ? "Done: stop tracking" : "Stop tracking"}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
