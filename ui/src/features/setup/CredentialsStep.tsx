// Step 3: the app's credentials, checked by the core as they are typed (nothing is sent).
import { useEffect, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type CredentialIssue, type Field, type IpcError, type ProfileCloud } from "../../ipc";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";
import { FIELD_IDS } from "../../lib/wizard";
import { SECRET_EXPOSURE_MS } from "../../state/clipboard";
import { credentialsReady, demoForm, fromDraft, type Form } from "./form";

type Props = {
  form: Form;
  /** The core's findings; a field's are shown once it was left (or Continue was tried). */
  issues: CredentialIssue[];
  editing: boolean;
  onChange: (form: Form) => void;
  /** The wizard's next step; an edit has none (its test and Save follow on the same page). */
  onNext?: () => void;
};

const CLOUDS: { id: ProfileCloud; label: string }[] = [
  { id: "commercial", label: "Zoom (zoom.us)" },
  { id: "government", label: "Zoom for Government (zoomgov.com)" },
  { id: "sandbox", label: "Sandbox (simulated, on this computer)" },
];

/** Where each field's value goes in the form. */
const FORM_KEYS = { account_id: "accountId", client_id: "clientId", client_secret: "clientSecret" } as const;

export function CredentialsStep({ form, issues: found, editing, onChange, onNext }: Props) {
  // Errors appear once a field is left, not while it is first typed into.
  const [left, setLeft] = useState<Set<Field>>(new Set());
  const leave = (field: Field) => setLeft((l) => (l.has(field) ? l : new Set([...l, field])));
  const issues = found.filter((i) => left.has(i.field));
  const swap = (a: Field, b: Field) => {
    onChange({ ...form, [FORM_KEYS[a]]: form[FORM_KEYS[b]], [FORM_KEYS[b]]: form[FORM_KEYS[a]] });
    setLeft((l) => new Set([...l, a, b]));
  };
  // Continue with a problem left: every problem is shown, and the first field with one focused.
  const tryContinue = () => {
    if (credentialsReady(form, found, editing)) return onNext?.();
    setLeft(new Set(["account_id", "client_id", "client_secret"]));
    const first =
      found.find((i) => i.severity === "error")?.field ?? (["account_id", "client_id", "client_secret"] as const).find((f) => form[FORM_KEYS[f]].trim() === "");
    document.getElementById(first ? FIELD_IDS[first] : "profile-name")?.focus();
  };
  const fillDemo = async () => {
    const demo = await ipc.sandboxDemoApp();
    if (!demo.ok || !demo.value) return;
    const filled = demoForm(demo.value);
    onChange({ ...filled, name: form.name || filled.name });
  };
  const [revealed, setRevealed] = useSecretShown();
  const set = (patch: Partial<Form>) => onChange({ ...form, ...patch });
  const canContinue = credentialsReady(form, found, editing);
  // In the wizard the step is a form: Enter in a field is Continue (once the values allow it).
  // An edit's values sit in the edit page's one form, whose Enter is Save.
  const Root = onNext ? "form" : "div";
  return (
    <Root class="step" data-testid="step-credentials" onSubmit={onNext ? keepOnPage : undefined} onKeyDown={onNext ? enterClicksDefault : undefined}>
      <div class="form-grid">
        <label for="profile-name">Profile name</label>
        <input
          id="profile-name"
          data-testid="field-name"
          value={form.name}
          placeholder="e.g. Reporting (production)"
          onInput={(e) => set({ name: e.currentTarget.value })}
        />

        <label for="profile-cloud">Zoom cloud</label>
        <select id="profile-cloud" data-testid="field-cloud" value={form.cloud} onChange={(e) => set({ cloud: e.currentTarget.value as ProfileCloud })}>
          {CLOUDS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>

        <label for="account-id">Account ID</label>
        <IdInput
          id="account-id"
          value={form.accountId}
          issues={issues}
          field="account_id"
          onInput={(v) => set({ accountId: v })}
          onLeave={leave}
          onSwap={swap}
        />

        <label for="client-id">Client ID</label>
        <IdInput id="client-id" value={form.clientId} issues={issues} field="client_id" onInput={(v) => set({ clientId: v })} onLeave={leave} onSwap={swap} />

        <label for="client-secret">Client Secret</label>
        <div>
          <div class="secret-input">
            <input
              id="client-secret"
              data-testid="field-client_secret"
              type={revealed ? "text" : "password"}
              aria-invalid={hasError(issues, "client_secret")}
              aria-describedby={issuesFor(issues, "client_secret").length > 0 ? "issues-client_secret" : undefined}
              autocomplete="off"
              spellcheck={false}
              value={form.clientSecret}
              placeholder={editing ? "Leave blank to keep the saved secret" : ""}
              onInput={(e) => set({ clientSecret: e.currentTarget.value })}
              onBlur={() => leave("client_secret")}
            />
            <button
              type="button"
              class="button"
              data-testid="secret-toggle"
              aria-pressed={revealed}
              aria-controls="client-secret"
              onClick={() => setRevealed(!revealed)}
            >
              {revealed ? "Hide" : "Show"}
            </button>
          </div>
          <Issues issues={issues} field="client_secret" onSwap={swap} />
        </div>

        <label for="expected-scopes">Scopes you expect</label>
        <input
          id="expected-scopes"
          data-testid="field-scopes"
          value={form.expectedScopes}
          placeholder="optional; space- or comma-separated"
          onInput={(e) => set({ expectedScopes: e.currentTarget.value })}
        />

        <label for="token-rule">Token rule</label>
        <select
          id="token-rule"
          data-testid="field-token-rule"
          value={form.tokenRule ?? ""}
          onChange={(e) => set({ tokenRule: (e.currentTarget.value || null) as Form["tokenRule"] })}
        >
          <option value="">Not checked (since June 2023 an app's tokens coexist)</option>
          <option value="coexist">Tokens coexist (checked)</option>
          <option value="one_token">One token at a time (the old rule still applies)</option>
        </select>

        <label for="tags">Tags</label>
        <input
          id="tags"
          data-testid="field-tags"
          placeholder="prod, eu-west"
          aria-describedby="tags-help"
          value={form.tags}
          onInput={(e) => set({ tags: e.currentTarget.value })}
        />
        <p id="tags-help" class="field-help muted">
          Comma-separated labels, such as environments; the overview sorts and filters by them.
        </p>

        <label for="notes">Notes</label>
        <textarea id="notes" rows={2} value={form.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
      </div>
      {/* Filling the form from elsewhere is for new profiles; an edit keeps its own values. */}
      {!editing && <ImportFromExport onImported={(imported) => onChange({ ...imported, clientSecret: "" })} />}
      <div class="actions">
        {!editing && form.cloud === "sandbox" && (
          <button type="button" class="button" data-testid="fill-sandbox" onClick={() => void fillDemo()}>
            Fill in the Sandbox's demo app
          </button>
        )}
        {onNext && (
          <button
            type="submit"
            class="button button--primary"
            data-testid="wizard-next"
            aria-disabled={!canContinue}
            title={canContinue ? undefined : "Fill in the three values; any problem is shown under its field"}
            onClick={tryContinue}
          >
            Continue
          </button>
        )}
      </div>
    </Root>
  );
}

/** Fills the form from a teammate's profile export (which never carries the secret). */
function ImportFromExport({ onImported }: { onImported: (form: Form) => void }) {
  const [open, setOpen] = useState(false);
  const [json, setJson] = useState("");
  const [error, setError] = useState<IpcError | null>(null);
  if (!open) {
    return (
      <button type="button" class="button button--link" data-testid="import-open" onClick={() => setOpen(true)}>
        Import a profile export…
      </button>
    );
  }
  const load = async () => {
    const outcome = await ipc.importProfile(json);
    if (!outcome.ok) return setError(outcome.error);
    setError(null);
    setOpen(false);
    onImported(fromDraft(outcome.value));
  };
  return (
    <div class="import" data-testid="import-panel">
      <textarea
        rows={5}
        aria-label="Profile export JSON"
        data-testid="import-json"
        value={json}
        placeholder='{"s2s_desk_profile": 1, …}'
        onInput={(e) => setJson(e.currentTarget.value)}
      />
      {error && <ErrorNotice error={error} />}
      <div class="actions">
        <button type="button" class="button" data-testid="import-load" onClick={() => void load()}>
          Fill the form
        </button>
        <button type="button" class="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function IdInput({
  id,
  value,
  issues,
  field,
  onInput,
  onLeave,
  onSwap,
}: {
  id: string;
  value: string;
  issues: CredentialIssue[];
  field: Field;
  onInput: (v: string) => void;
  onLeave: (field: Field) => void;
  onSwap: (a: Field, b: Field) => void;
}) {
  return (
    <div>
      <input
        id={id}
        data-testid={`field-${field}`}
        value={value}
        spellcheck={false}
        autocomplete="off"
        aria-invalid={hasError(issues, field)}
        aria-describedby={issuesFor(issues, field).length > 0 ? `issues-${field}` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        onBlur={() => onLeave(field)}
      />
      <Issues issues={issues} field={field} onSwap={onSwap} />
    </div>
  );
}

function issuesFor(issues: CredentialIssue[], field: Field): CredentialIssue[] {
  return issues.filter((i) => i.field === field);
}

function hasError(issues: CredentialIssue[], field: Field): boolean {
  return issuesFor(issues, field).some((i) => i.severity === "error");
}

/** Whether the secret is shown; it hides itself again after SECRET_EXPOSURE_MS. */
function useSecretShown(): [boolean, (shown: boolean) => void] {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(false), SECRET_EXPOSURE_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  return [shown, setShown];
}

const LABELS: Record<Field, string> = { account_id: "Account ID", client_id: "Client ID", client_secret: "Client Secret" };

function Issues({ issues, field, onSwap }: { issues: CredentialIssue[]; field: Field; onSwap: (a: Field, b: Field) => void }) {
  const mine = issuesFor(issues, field);
  if (mine.length === 0) return null;
  return (
    <ul class="field-issues" id={`issues-${field}`} data-testid={`issues-${field}`} aria-live="polite">
      {mine.map((issue) => (
        <li key={issue.kind} class={`field-issue field-issue--${issue.severity}`}>
          {issue.message}{" "}
          {issue.swap_with && (
            <button type="button" class="button button--link" data-testid={`swap-${field}`} onClick={() => issue.swap_with && onSwap(field, issue.swap_with)}>
              Swap {LABELS[field]} and {LABELS[issue.swap_with]}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
