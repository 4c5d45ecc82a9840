// Step 5: the migrated configs — names, whether to write the secret, a diff per file (secrets
// masked), Apply (all files or none, with backups) and Undo.
import type { Journal, MigrationPlan, NewNames, ToDo } from "../../ipc";
import { countOf } from "../../lib/format";

export function ConfigPanel({
  plan,
  names,
  onNames,
  writeSecret,
  onWriteSecret,
  canWriteSecret,
  journal,
  busy,
  onApply,
  onUndo,
}: {
  plan: MigrationPlan;
  names: NewNames;
  onNames: (n: NewNames) => void;
  writeSecret: boolean;
  onWriteSecret: (on: boolean) => void;
  canWriteSecret: boolean;
  journal: Journal | null;
  busy: boolean;
  onApply: () => void;
  onUndo: () => void;
}) {
  if (plan.previews.length === 0) {
    // A code-only project: nothing to name, write or apply here.
    return (
      <section class="card" data-testid="migrate-configs" data-empty="true">
        <h2>5 · Configs</h2>
        <p>
          No configuration file to rewrite: the JWT settings were found only in code. Change the code as step 4 shows, and read the new app's credentials from
          your secret store.
        </p>
      </section>
    );
  }
  const field = (key: keyof NewNames, label: string) => (
    <label>
      {label}
      <input data-testid={`migrate-name-${key}`} value={names[key]} onInput={(e) => onNames({ ...names, [key]: e.currentTarget.value })} />
    </label>
  );
  return (
    <section class="card" data-testid="migrate-configs">
      <h2>5 · Write the migrated configs</h2>
      <div class="names-grid">
        {field("account_id", "Account ID setting")}
        {field("client_id", "Client ID setting")}
        {field("client_secret", "Client Secret setting")}
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          data-testid="migrate-write-secret"
          checked={writeSecret}
          disabled={!canWriteSecret}
          onChange={(e) => onWriteSecret(e.currentTarget.checked)}
        />{" "}
        Write the client secret from the keychain into these files (otherwise a placeholder you fill from your secret store)
      </label>
      {plan.previews.map((p) => (
        <details key={p.file} open data-testid="migrate-preview" data-file={p.file}>
          <summary>
            <code>{p.file}</code> · {countOf(p.replaced, "setting")} replaced
          </summary>
          <pre class="diff-preview">
            {p.preview.split("\n").map((line, i) => (
              <span key={i} class={line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : ""}>
                {line}
                {"\n"}
              </span>
            ))}
          </pre>
        </details>
      ))}
      <div class="actions">
        {journal ? (
          <>
            <span data-testid="migrate-applied" role="status">
              ✔ {countOf(journal.files.length, "file")} migrated; backups in <code>{journal.backup_dir}</code>
            </span>
            <button type="button" class="button" data-testid="migrate-undo" disabled={busy} onClick={onUndo}>
              Undo
            </button>
          </>
        ) : (
          <button
            type="button"
            class="button button--primary"
            data-testid="migrate-apply"
            disabled={busy || !plan.readiness.ready || plan.previews.length === 0}
            onClick={onApply}
            title={plan.readiness.ready ? "" : plan.readiness.message}
          >
            Apply to {countOf(plan.previews.length, "file")}
          </button>
        )}
      </div>
      {!plan.readiness.ready && !journal && <p class="muted">{plan.readiness.message}</p>}
      {journal && <NextSteps steps={plan.still_to_do} />}
    </section>
  );
}

/** What is left after Apply, as the core lists it: every placeholder with its files, the code
 *  to change, a JWT committed to git, the deployment check, the JWT app's retirement. */
function NextSteps({ steps }: { steps: ToDo[] }) {
  return (
    <div data-testid="migrate-todo">
      <h3>Still to do</h3>
      <ol>
        {steps.map((step) => (
          <li key={step.text} data-testid="migrate-todo-step" data-kind={step.kind}>
            {step.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
