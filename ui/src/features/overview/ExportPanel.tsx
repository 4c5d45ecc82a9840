// Export one profile: JSON without the secret, or a .env snippet with the secret masked unless
// the admin deliberately reveals it. A revealed secret leaves the screen, and the clipboard,
// after SECRET_EXPOSURE_MS.
import { useEffect, useRef, useState } from "preact/hooks";
import { ConfirmInline } from "../../components/ConfirmInline";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Outcome, type Profile, type SavedExport } from "../../ipc";
import { copySecret, copyText, SECRET_EXPOSURE_MS } from "../../state/clipboard";

/** What is on screen; `savable` names the file form, none for a revealed secret (never written). */
type Shown = { text: string; savable: SavedExport | null };

/** A revealed secret is the one export that cannot be saved. */
const revealsSecret = (shown: Shown | null): boolean => shown !== null && shown.savable === null;

/** "Reporting (prod)" → "reporting-prod" for a suggested file name. */
function fileStem(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "profile"
  );
}

export function ExportPanel({ profile }: { profile: Profile }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [confirmReveal, setConfirmReveal] = useState(false);
  const cancelClear = useRef<() => void>(() => {});

  // A revealed secret hides itself again.
  useEffect(() => {
    if (!revealsSecret(shown)) return;
    const timer = setTimeout(() => {
      setShown(null);
      setNote(`The secret was hidden again after ${SECRET_EXPOSURE_MS / 1000} s.`);
    }, SECRET_EXPOSURE_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  const show = async (outcome: Promise<Outcome<string>>, savable: SavedExport | null) => {
    const result = await outcome;
    setNote(null);
    if (result.ok) setShown({ text: result.value, savable });
    else setError(result.error);
  };
  const saveToFile = async (form: SavedExport) => {
    const saved = await ipc.saveExport(profile.id, form, `${fileStem(profile.name)}.${form === "json" ? "json" : "env"}`);
    if (!saved.ok) setError(saved.error);
    else if (saved.value) setNote(`Saved to ${saved.value}.`);
  };
  const copy = async () => {
    if (!shown) return;
    cancelClear.current();
    if (revealsSecret(shown)) {
      const { copied, cancel } = await copySecret(shown.text);
      cancelClear.current = cancel;
      setNote(copied ? `Copied. The clipboard is cleared in ${SECRET_EXPOSURE_MS / 1000} s.` : "The clipboard is not available here: select the text instead.");
    } else {
      setNote((await copyText(shown.text)) ? "Copied." : "The clipboard is not available here: select the text instead.");
    }
  };

  const savable = shown?.savable ?? null;
  return (
    <div class="export" data-testid="export-panel">
      <div class="actions">
        <button type="button" class="button" onClick={() => void show(ipc.exportProfile(profile.id), "json")}>
          JSON (no secret)
        </button>
        <button type="button" class="button" data-testid="export-env" onClick={() => void show(ipc.exportEnv(profile.id, false), "env_masked")}>
          .env (secret masked)
        </button>
        {confirmReveal ? (
          <ConfirmInline
            action="Reveal"
            testId="export-reveal"
            onCancel={() => setConfirmReveal(false)}
            onConfirm={() => {
              setConfirmReveal(false);
              void show(ipc.exportEnv(profile.id, true), null);
            }}
          >
            The secret will be shown in plain text for {SECRET_EXPOSURE_MS / 1000} s. Anyone who sees or copies it can act as this app.
          </ConfirmInline>
        ) : (
          <button type="button" class="button button--danger-outline" data-testid="export-env-secret" onClick={() => setConfirmReveal(true)}>
            .env with the secret…
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {shown && (
        <>
          <pre class="export__text" data-testid="export-text">
            {shown.text}
          </pre>
          <div class="actions">
            <button type="button" class="button" data-testid="export-copy" onClick={() => void copy()}>
              Copy
            </button>
            {savable && (
              <button type="button" class="button" data-testid="export-save" onClick={() => void saveToFile(savable)}>
                Save to file…
              </button>
            )}
            {revealsSecret(shown) && (
              <button type="button" class="button" onClick={() => setShown(null)}>
                Hide now
              </button>
            )}
          </div>
        </>
      )}
      {note && (
        <p class="muted" role="status" data-testid="export-note">
          {note}
        </p>
      )}
    </div>
  );
}
