// Where it's deployed: the places a profile's secret lives, for a rotation to carry the new one
// to — a setting in a file (found in a project, or named by hand) or a command that reads the
// secret on its standard input. A command is shown split into the words it will run with
// before it is saved; nothing runs until a rotation, or "Run check", runs it.
import { useState } from "preact/hooks";
import { ConfirmInline } from "../../components/ConfirmInline";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type CheckRun, type Consumer, type ConsumerDraft, type IpcError, type ProfileEntry } from "../../ipc";
import { announce } from "../../state/announce";
import { refreshProfiles } from "../../state/profiles";
import { CommandForm, FileForm, FromProject } from "./AddConsumer";
import { CommandWords } from "./CommandWords";

type Way = "project" | "file" | "command";

const WAYS: { way: Way; label: string }[] = [
  { way: "project", label: "Find in a project" },
  { way: "file", label: "A setting in a file" },
  { way: "command", label: "A command" },
];

export function DeployedPanel({ profile }: { profile: ProfileEntry }) {
  const [way, setWay] = useState<Way | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (draft: ConsumerDraft): Promise<boolean> => {
    setBusy(true);
    const added = await ipc.addConsumer(profile.id, draft);
    setBusy(false);
    setError(added.ok ? null : added.error);
    if (!added.ok) return false;
    await refreshProfiles();
    announce(`“${added.value.label}” added: the next rotation gives it the new secret.`);
    return true;
  };

  return (
    <section class="card" data-testid="deployed-panel" aria-labelledby="deployed-title" aria-busy={busy}>
      <h2 id="deployed-title">Where it's deployed</h2>
      <p class="muted">
        The places that use this secret. Once a new secret passes its test, S2S Desk gives it to each of them and runs their checks, and keeps the old secret
        until every one has it.
      </p>
      {profile.consumers.length === 0 ? (
        <p class="muted" data-testid="deployed-none">
          None yet: the next rotation would leave every deployment to you.
        </p>
      ) : (
        <ul class="consumers" data-testid="consumers">
          {profile.consumers.map((c) => (
            <ConsumerRow key={c.id} profileId={profile.id} consumer={c} onError={setError} />
          ))}
        </ul>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <div class="tabs" role="tablist" aria-label="Add a place">
        {WAYS.map((w) => (
          <button
            key={w.way}
            type="button"
            role="tab"
            class={w.way === way ? "tab tab--active" : "tab"}
            aria-selected={w.way === way}
            data-testid={`consumer-add-${w.way}`}
            onClick={() => {
              setWay(w.way === way ? null : w.way);
              setError(null);
            }}
          >
            {w.label}
          </button>
        ))}
      </div>
      {way === "project" && <FromProject consumers={profile.consumers} busy={busy} add={add} />}
      {way === "file" && <FileForm busy={busy} add={add} />}
      {way === "command" && <CommandForm busy={busy} add={add} />}
    </section>
  );
}

function ConsumerRow({ profileId, consumer, onError }: { profileId: string; consumer: Consumer; onError: (e: IpcError | null) => void }) {
  const [removing, setRemoving] = useState(false);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<CheckRun | null>(null);
  const target = consumer.target;
  const runCheck = async () => {
    setChecking(true);
    const run = await ipc.checkConsumer(profileId, consumer.id);
    setChecking(false);
    onError(run.ok ? null : run.error);
    setChecked(run.ok ? run.value : null);
  };
  const remove = async () => {
    const removed = await ipc.removeConsumer(profileId, consumer.id);
    onError(removed.ok ? null : removed.error);
    if (removed.ok) {
      await refreshProfiles();
      announce(`“${consumer.label}” removed; the deployment itself was not touched.`);
    }
  };
  return (
    <li class="consumer" data-testid="consumer-row" data-label={consumer.label}>
      <div class="consumer__head">
        <strong>{consumer.label}</strong>
        <span class="muted">{target.kind === "file" ? "file" : "command"}</span>
        {consumer.check && (
          <button type="button" class="button" data-testid="consumer-run-check" disabled={checking} onClick={() => void runCheck()}>
            {checking ? "Checking…" : "Run check"}
          </button>
        )}
        {removing ? (
          <ConfirmInline action="Remove" testId="consumer-remove-confirm" onCancel={() => setRemoving(false)} onConfirm={() => void remove()}>
            Forget “{consumer.label}”? The deployment itself is not touched.
          </ConfirmInline>
        ) : (
          <button type="button" class="button" data-testid="consumer-remove" onClick={() => setRemoving(true)}>
            Remove
          </button>
        )}
      </div>
      {target.kind === "file" ? (
        <code class="consumer__destination">
          {target.setting} in {target.path}
        </code>
      ) : (
        <CommandWords command={target.command} />
      )}
      {consumer.check && (
        <div class="muted">
          Check: <CommandWords command={consumer.check} />
        </div>
      )}
      {checked && (
        <p class={checked.passed ? "notice notice--success" : "notice notice--error"} role="status" data-testid="consumer-check-result">
          {checked.passed ? "Check passed: the deployment uses the current secret." : `Check failed — ${checked.summary}`}
        </p>
      )}
    </li>
  );
}
