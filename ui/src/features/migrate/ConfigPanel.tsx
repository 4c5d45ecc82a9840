// Step 5: the migrated configs — names, whether to write the secret, a diff per file (secrets
// masked), Apply (all files or none, with backups) and Undo.
import type { Journal, MigrationPlan, NewNames } from "../../ipc";
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
        <input type="checkbox" data-testid="migrate-write-secret" checked={writeSecret} disabled={!canWriteSecret} onChange={(e) => onWriteSecret(e.currentTarget.checked)} />{" "}
        Write the client secret from the keychain into these files (otherwise a placeholder you fill from your secret store)
      </label>
      {plan.previews.length === 0 && <p class="muted">No config file to rewrite: the settings found are in code (see step 4).</p>}
      {plan.previews.map((p) => (
        <details key={p.file} open data-testid="migrate-preview" data-file={p.file}>
          <summary><code>{p.file}</code> · {countOf(p.replaced, "setting")} replaced</summary>
          <pre class="diff-preview">
            {p.preview.split("\n").map((line, i) => (
              <span key={i} class={line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : ""}>{line}{"\n"}</span>
            ))}
          </pre>
        </details>
      ))}
      <div class="actions">
        {journal ? (
          <>
            <span data-testid="migrate-applied">✔ {countOf(journal.files.length, "file")} migrated; backups in <code>{journal.backup_dir}</code></span>
            <button type="button" class="button" data-testid="migrate-undo" disabled={busy} onClick={onUndo}>Undo</button>
          </>
        ) : (
          <button type="button" class="button button--primary" data-testid="migrate-apply" disabled={busy || !plan.readiness.ready || plan.previews.length === 0} onClick={onApply} title={plan.readiness.ready ? "" : plan.readiness.message}>
            Apply to {countOf(plan.previews.length, "file")}
          </button>
        )}
      </div>
      {!plan.readiness.ready && !journal && <p class="muted">{plan.readiness.message}</p>}
    </section>
  );
}
