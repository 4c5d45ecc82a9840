// The three ways to add a place a secret is deployed: found in a project (its client-secret
// settings), a file's setting named by hand, or a command — split by the core into the words it
// will run with and shown before it is saved.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type CommandLine, type Consumer, type ConsumerDraft, type IpcError, type SecretSetting } from "../../ipc";
import { suggestedLabel } from "../../lib/consumers";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";
import { CommandWords } from "./CommandWords";

export type AddProps = { busy: boolean; add: (draft: ConsumerDraft) => Promise<boolean> };

export function FromProject({ consumers, busy, add }: AddProps & { consumers: Consumer[] }) {
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

export function FileForm({ busy, add }: AddProps) {
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
      <Field name="label" label="Name" value={label} onInput={setLabel} placeholder="production .env" />
      <Field name="path" label="File (full path)" value={path} onInput={setPath} placeholder="/srv/zoom-bot/.env" />
      <Field name="setting" label="Setting" value={setting} onInput={setSetting} />
      <p class="muted">Its value is replaced in place (quotes, BOM and line endings kept), atomically, with a backup beside the file.</p>
      <button type="submit" class="button button--primary" data-testid="consumer-save" disabled={busy} onClick={() => void save()}>
        Add
      </button>
    </form>
  );
}

export function CommandForm({ busy, add }: AddProps) {
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
      <Field name="label" label="Name" value={label} onInput={setLabel} placeholder="Vault" />
      <Field
        name="command"
        label="Command (it reads the secret on its standard input)"
        value={text}
        onInput={setText}
        placeholder="vault kv put secret/zoom client_secret=-"
      >
        <Parsed parsed={command} testId="consumer-command-words" />
      </Field>
      <Field
        name="check"
        label="Check (optional: exits 0 when the deployment uses the secret it reads on standard input)"
        value={checkText}
        onInput={setCheckText}
      >
        <Parsed parsed={check} testId="consumer-check-words" />
      </Field>
      <Field name="timeout" label="Time limit, seconds (1–600; 30 if empty)" value={timeout} onInput={setTimeoutSecs} number />
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

type FieldProps = {
  /** `consumer-<name>` is its id and test id. */
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  /** Seconds, 1 to 600. */
  number?: boolean;
  /** Shown under the field (a command's words). */
  children?: ComponentChildren;
};

function Field({ name, label, value, onInput, placeholder, number = false, children }: FieldProps) {
  const id = `consumer-${name}`;
  return (
    <div class="stacked-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        data-testid={id}
        value={value}
        placeholder={placeholder}
        spellcheck={false}
        {...(number ? { type: "number", min: 1, max: 600 } : {})}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {children}
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
      Will run: <CommandWords command={parsed.value} />
    </p>
  );
}
