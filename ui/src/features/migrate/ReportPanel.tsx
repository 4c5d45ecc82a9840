// Step 6: the migration report — every finding, decision and file changed, secrets masked.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Journal, type MigrationChoices } from "../../ipc";

export function ReportPanel({ scanId, choices, journal }: { scanId: number; choices: MigrationChoices; journal: Journal | null }) {
  // Where the report was saved, and the Apply it described (its backup folder; null before Apply).
  const [saved, setSaved] = useState<{ path: string; applied: string | null } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const applied = journal?.backup_dir ?? null;
  // A report saved before Apply or Undo describes files as they no longer are.
  const stale = saved !== null && saved.applied !== applied;
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
        <button
          type="button"
          class="button"
          data-testid="migrate-report-save"
          onClick={async () => {
            const path = (await get(true))?.saved_to;
            if (path) setSaved({ path, applied });
          }}
        >
          Save report in the project
        </button>
        <button
          type="button"
          class="button"
          onClick={async () => {
            const r = await get(false);
            if (r) {
              await navigator.clipboard?.writeText(r.markdown);
              setCopied(true);
            }
          }}
        >
          {copied ? "Copied" : "Copy Markdown"}
        </button>
      </div>
      {stale && (
        <p class="notice notice--warning" data-testid="migrate-report-stale">
          The report saved earlier describes the files before this change. Save it again to record them as they are now.
        </p>
      )}
      {saved && !stale && (
        <p data-testid="migrate-report-saved">
          Saved to <code>{saved.path}</code> (and the same as <code>.html</code> beside it)
        </p>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
