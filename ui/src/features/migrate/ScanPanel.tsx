// Step 1: choose a project folder or a config file and scan it, with live counts and Cancel.
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type ScanReport, type ScanStatus } from "../../ipc";
import { useKeptState } from "../../state/kept";

type Running = { files: number; bytes: number; findings: number };

export function ScanPanel({ onDone }: { onDone: (id: number, report: ScanReport) => void }) {
  const [path, setPath] = useKeptState("migrate-path", "");
  const [scanId, setScanId] = useState<number | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const pathField = useRef<HTMLInputElement>(null);
  // Updates that arrive after the panel is gone (the admin left the view) are dropped.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  // Nothing at the path: the field itself says so, and takes the focus.
  const pathMissing = error?.kind === "path_not_found";
  useEffect(() => {
    if (pathMissing) pathField.current?.focus();
  }, [pathMissing]);

  const start = async () => {
    setError(null);
    setScanId(null);
    setRunning({ files: 0, bytes: 0, findings: 0 });
    // A small project can finish before its id arrives: the result waits for the id.
    let id: number | null = null;
    let finished: ScanReport | null = null;
    const outcome = await ipc.migrateScanStart(path, (status: ScanStatus) => {
      if (!mounted.current) return;
      if (status.state === "running") {
        setRunning({ files: status.progress.files_scanned, bytes: status.progress.bytes_scanned, findings: status.progress.findings });
      } else if (status.state === "done") {
        setRunning(null);
        if (id === null) finished = status.report;
        else onDone(id, status.report);
      } else {
        setRunning(null);
        setError({ kind: "path_not_found", message: status.message, hint: null });
      }
    });
    if (!mounted.current) return;
    if (!outcome.ok) {
      setRunning(null);
      return setError(outcome.error);
    }
    id = outcome.value;
    setScanId(id);
    if (finished) onDone(id, finished);
  };
  const browse = async (directory: boolean) => {
    const outcome = await ipc.pickPath(directory);
    if (!outcome.ok) return setError(outcome.error);
    if (outcome.value) setPath(outcome.value);
  };
  return (
    <section class="card" data-testid="migrate-scan">
      <h2>1 · Find the legacy JWT settings</h2>
      <p class="muted">
        A project folder (its .gitignore is respected; dependency folders and binaries are skipped) or one config file. Nothing is changed by scanning.
      </p>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <input
          ref={pathField}
          class="path-input"
          data-testid="migrate-path"
          aria-label="Project folder or file"
          aria-invalid={pathMissing}
          aria-describedby={pathMissing ? "migrate-path-problem" : undefined}
          placeholder="/home/you/projects/zoom-bot"
          value={path}
          onInput={(e) => {
            setPath(e.currentTarget.value);
            if (pathMissing) setError(null);
          }}
        />
        <button type="button" class="button" data-testid="migrate-browse" onClick={() => void browse(true)}>
          Folder…
        </button>
        <button type="button" class="button" onClick={() => void browse(false)}>
          File…
        </button>
        <button type="submit" class="button button--primary" data-testid="migrate-scan-start" disabled={!path.trim() || running !== null}>
          Scan
        </button>
      </form>
      {running && (
        <div class="progress" data-testid="migrate-progress">
          <progress />
          {running.files} files · {Math.round(running.bytes / 1024)} KB · {running.findings} findings
          <button
            type="button"
            class="button button--link"
            data-testid="migrate-cancel"
            disabled={scanId === null}
            onClick={() => scanId !== null && void ipc.migrateScanCancel(scanId)}
          >
            Cancel
          </button>
        </div>
      )}
      {pathMissing && (
        <p class="field-problem" id="migrate-path-problem" data-testid="migrate-path-problem" role="alert">
          {error.message}. {error.hint ?? "Check the path and try again."}
        </p>
      )}
      {error && !pathMissing && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
