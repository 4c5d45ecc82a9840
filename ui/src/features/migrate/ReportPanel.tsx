// Step 6: the migration report — every finding, decision and file changed, secrets masked.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Journal, type MigrationChoices } from "../../ipc";

export function ReportPanel({ scanId, choices, journal }: { scanId: number; choices: MigrationChoices; journal: Journal | null }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const get = async (save: boolean) => {
    const outcome = await ipc.migrateReport(scanId, choices, journal, save);
    if (!outcome.ok) {
      setError(outcome.error);
      return null;
    }
    return outcome.value;
  };
  return (
    <section class="card" data-testid="migrate-report">
      <h2>6 · Keep a record</h2>
      <p class="muted">A report of every finding, decision and file changed, as Markdown and HTML. Values are masked.</p>
      <div class="actions">
        <button type="button" class="button" data-testid="migrate-report-save" onClick={async () => setSaved((await get(true))?.saved_to ?? null)}>Save report in the project</button>
        <button type="button" class="button" onClick={async () => { const r = await get(false); if (r) { await navigator.clipboard?.writeText(r.markdown); setCopied(true); } }}>
          {copied ? "Copied" : "Copy Markdown"}
        </button>
      </div>
      {saved && <p data-testid="migrate-report-saved">Saved to <code>{saved}</code> (and the same as <code>.html</code> beside it)</p>}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
