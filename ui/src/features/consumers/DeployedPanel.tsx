// Where it's deployed: the places a profile's secret lives, for a rotation to carry the new one
// to — a setting in a file (found in a project, or named by hand) or a command that reads the
// secret on its standard input. A command is shown split into the words it will run with
// before it is saved; nothing runs until a rotation, or "Run check", runs it.
import { useEffect, useState } from "preact/hooks";
import { ConfirmInline } from "../../components/ConfirmInline";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type CheckRun, type CommandLine, type Consumer, type ConsumerDraft, type IpcError, type ProfileEntry, type SecretSetting } from "../../ipc";
import { suggestedLabel } from "../../lib/consumers";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";
import { announce } from "../../state/announce";
import { refreshProfiles } from "../../state/profiles";

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
        <Words command={target.command} />
      )}
      {consumer.check && (
        <div class="muted">
          Check: <Words command={consumer.check} />
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

/** A command in full: the program, then each argument as one word (spaces and quotes kept). */
function Words({ command }: { command: CommandLine }) {
  return (
    <span class="command-words" data-testid="command-words">
      {[command.program, ...command.args].map((word, i) => (
        <code key={i} class="command-words__word">
          {word}
        </code>
      ))}
    </span>
  );
}

type AddProps = { busy: boolean; add: (draft: ConsumerDraft) => Promise<boolean> };

function FromProject({ consumers, busy, add }: AddProps & { consumers: Consumer[] }) {
  const [path, setPath] = useState("");
  const [found, setFound] = useState<SecretSetting[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [searching, setSearching] = useState(false);
  const search = async () => {
    setSearching(true);
    const outcome = await ipc.findSecretSettings(path);
    setSearching(false);
    setFound(outcome.ok ? outcome.value : null);
    setError(outcome.ok ? null : outcome.error);
  };
  const known = (s: SecretSetting) => consumers.some((c) => c.target.kind === "file" && c.target.path === s.path && c.target.setting === s.setting);
  return (
    <form class="consumer-form" role="tabpanel" aria-label="Find in a project" onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
      <div class="inline-field">
        <label for="consumer-project">Project folder</label>
        <input id="consumer-project" data-testid="consumer-project" value={path} placeholder="~/src/zoom-bot" onInput={(e) => setPath(e.currentTarget.value)} />
        <button type="button" class="button" onClick={() => void ipc.pickPath(true).then((p) => p.ok && p.value !== null && setPath(p.value))}>
          Browse…
        </button>
        <button
          type="submit"
          class="button button--primary"
          data-testid="consumer-find"
          disabled={searching || path.trim() === ""}
          onClick={() => void search()}
        >
          {searching ? "Looking…" : "Find client secrets"}
        </button>
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {found !== null && found.length === 0 && (
        <p class="muted" data-testid="consumer-found-none">
          No client-secret setting in that project's config files (.env, JSON, YAML, TOML, docker-compose, Kubernetes).
        </p>
      )}
      {found !== null && found.length > 0 && (
        <ul class="consumers" data-testid="consumer-found">
          {found.map((s) => (
            <li key={`${s.path}:${s.line}`} class="consumer" data-testid="consumer-found-row">
              <div class="consumer__head">
                <code class="consumer__destination">
                  {s.setting} in {s.path}:{s.line}
                </code>
                {known(s) ? (
                  <span class="muted">added</span>
                ) : (
                  <button
                    type="button"
                    class="button"
                    data-testid="consumer-found-add"
                    disabled={busy || !s.writable}
                    onClick={() =>
                      void add({ label: suggestedLabel(s, found), target: { kind: "file", path: s.path, setting: s.setting }, check: null, timeout_secs: null })
                    }
                  >
                    Add
                  </button>
                )}
              </div>
              {!s.writable && <div class="hint">Its value comes from elsewhere or spans lines: add the place where the value is written instead.</div>}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function FileForm({ busy, add }: AddProps) {
  const [label, setLabel] = useState("");
  const [path, setPath] = useState("");
  const [setting, setSetting] = useState("ZOOM_CLIENT_SECRET");
  const save = async () => {
    if (await add({ label, target: { kind: "file", path: path.trim(), setting: setting.trim() }, check: null, timeout_secs: null })) {
      setLabel("");
      setPath("");
    }
  };
  return (
    <form class="consumer-form" role="tabpanel" aria-label="A setting in a file" onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
      <LabelField value={label} onInput={setLabel} placeholder="production .env" />
      <div class="stacked-field">
        <label for="consumer-path">File (full path)</label>
        <input id="consumer-path" data-testid="consumer-path" value={path} placeholder="/srv/zoom-bot/.env" onInput={(e) => setPath(e.currentTarget.value)} />
      </div>
      <div class="stacked-field">
        <label for="consumer-setting">Setting</label>
        <input id="consumer-setting" data-testid="consumer-setting" value={setting} onInput={(e) => setSetting(e.currentTarget.value)} />
      </div>
      <p class="muted">Its value is replaced in place (quotes, BOM and line endings kept), atomically, with a backup beside the file.</p>
      <button type="submit" class="button button--primary" data-testid="consumer-save" disabled={busy} onClick={() => void save()}>
        Add
      </button>
    </form>
  );
}

function CommandForm({ busy, add }: AddProps) {
  const [label, setLabel] = useState("");
  const [text, setText] = useState("");
  const [checkText, setCheckText] = useState("");
  const [timeout, setTimeoutSecs] = useState("");
  const command = useParsed(text);
  const check = useParsed(checkText);
  const timeoutSecs = timeout.trim() === "" ? null : Number(timeout);
  const ready = command.value !== null && (checkText.trim() === "" || check.value !== null);
  const save = async () => {
    if (!command.value) return;
    const draft: ConsumerDraft = { label, target: { kind: "command", command: command.value }, check: check.value, timeout_secs: timeoutSecs };
    if (await add(draft)) {
      setLabel("");
      setText("");
      setCheckText("");
    }
  };
  return (
    <form class="consumer-form" role="tabpanel" aria-label="A command" onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
      <LabelField value={label} onInput={setLabel} placeholder="Vault" />
      <div class="stacked-field">
        <label for="consumer-command">Command (it reads the secret on its standard input)</label>
        <input
          id="consumer-command"
          data-testid="consumer-command"
          value={text}
          spellcheck={false}
          placeholder="vault kv put secret/zoom client_secret=-"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <Parsed parsed={command} testId="consumer-command-words" />
      </div>
      <div class="stacked-field">
        <label for="consumer-check">Check (optional: exits 0 when the deployment uses the secret it reads on standard input)</label>
        <input id="consumer-check" data-testid="consumer-check" value={checkText} spellcheck={false} onInput={(e) => setCheckText(e.currentTarget.value)} />
        <Parsed parsed={check} testId="consumer-check-words" />
      </div>
      <div class="stacked-field">
        <label for="consumer-timeout">Time limit, seconds (1–600; 30 if empty)</label>
        <input
          id="consumer-timeout"
          data-testid="consumer-timeout"
          type="number"
          min={1}
          max={600}
          value={timeout}
          onInput={(e) => setTimeoutSecs(e.currentTarget.value)}
        />
      </div>
      <p class="muted">
        The secret goes to its standard input only — never its arguments or environment. No shell runs unless you write one (<code>sh -c '…'</code>). Nothing
        runs until a rotation updates it.
      </p>
      <button type="submit" class="button button--primary" data-testid="consumer-save" disabled={busy || !ready} onClick={() => void save()}>
        Add
      </button>
    </form>
  );
}

function LabelField({ value, onInput, placeholder }: { value: string; onInput: (v: string) => void; placeholder: string }) {
  return (
    <div class="stacked-field">
      <label for="consumer-label">Name</label>
      <input id="consumer-label" data-testid="consumer-label" value={value} placeholder={placeholder} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}

type ParsedCommand = { value: CommandLine | null; error: IpcError | null };

/** `text` as the core splits it (asked as it changes); empty text is no command and no error. */
function useParsed(text: string): ParsedCommand {
  const [parsed, setParsed] = useState<ParsedCommand>({ value: null, error: null });
  useEffect(() => {
    if (text.trim() === "") {
      setParsed({ value: null, error: null });
      return;
    }
    let live = true;
    void ipc.parseCommand(text).then((outcome) => {
      if (live) setParsed(outcome.ok ? { value: outcome.value, error: null } : { value: null, error: outcome.error });
    });
    return () => {
      live = false;
    };
  }, [text]);
  return parsed;
}

/** What will run, word by word, before it is saved; or why it cannot be read. */
function Parsed({ parsed, testId }: { parsed: ParsedCommand; testId: string }) {
  if (parsed.error)
    return (
      <p class="field-problem" role="alert">
        {parsed.error.message}
      </p>
    );
  if (!parsed.value) return null;
  return (
    <p class="muted" data-testid={testId}>
      Will run: <Words command={parsed.value} />
    </p>
  );
}
