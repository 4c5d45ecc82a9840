// Export one profile: JSON without the secret, or a .env snippet with the secret masked unless
// the admin deliberately reveals it. A revealed secret leaves the screen, and the clipboard,
// after SECRET_EXPOSURE_MS.
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Outcome, type Profile } from "../../ipc";
import { copySecret, copyText, SECRET_EXPOSURE_MS } from "../../state/clipboard";
import { useEscape } from "../../state/useEscape";

type Shown = { text: string; secret: boolean };

export function ExportPanel({ profile }: { profile: Profile }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [confirmReveal, setConfirmReveal] = useState(false);
  const cancelClear = useRef<() => void>(() => {});
  useEscape(confirmReveal, () => setConfirmReveal(false));

  // A revealed secret hides itself again.
  useEffect(() => {
    if (!shown?.secret) return;
    const timer = setTimeout(() => {
      setShown(null);
      setNote(`The secret was hidden again after ${SECRET_EXPOSURE_MS / 1000} s.`);
    }, SECRET_EXPOSURE_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  const show = async (outcome: Promise<Outcome<string>>, secret: boolean) => {
    const result = await outcome;
    setNote(null);
    if (result.ok) setShown({ text: result.value, secret });
    else setError(result.error);
  };
  const copy = async () => {
    if (!shown) return;
    cancelClear.current();
    if (shown.secret) {
      const { copied, cancel } = await copySecret(shown.text);
      cancelClear.current = cancel;
      setNote(copied ? `Copied. The clipboard is cleared in ${SECRET_EXPOSURE_MS / 1000} s.` : "The clipboard is not available here: select the text instead.");
    } else {
      setNote((await copyText(shown.text)) ? "Copied." : "The clipboard is not available here: select the text instead.");
    }
  };

  return (
    <div class="export" data-testid="export-panel">
      <div class="actions">
        <button type="button" class="button" onClick={() => void show(ipc.exportProfile(profile.id), false)}>JSON (no secret)</button>
        <button type="button" class="button" data-testid="export-env" onClick={() => void show(ipc.exportEnv(profile.id, false), false)}>.env (secret masked)</button>
        {confirmReveal ? (
          <span class="confirm">
            The secret will be shown in plain text for {SECRET_EXPOSURE_MS / 1000} s. Anyone who sees or copies it can act as this app.
            <button type="button" class="button button--danger" data-testid="export-reveal" onClick={() => { setConfirmReveal(false); void show(ipc.exportEnv(profile.id, true), true); }}>Reveal</button>
            <button type="button" class="button" onClick={() => setConfirmReveal(false)}>Cancel</button>
          </span>
        ) : (
          <button type="button" class="button button--danger-outline" data-testid="export-env-secret" onClick={() => setConfirmReveal(true)}>.env with the secret…</button>
        )}
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {shown && (
        <>
          <pre class="export__text" data-testid="export-text">{shown.text}</pre>
          <div class="actions">
            <button type="button" class="button" data-testid="export-copy" onClick={() => void copy()}>Copy</button>
            {shown.secret && <button type="button" class="button" onClick={() => setShown(null)}>Hide now</button>}
          </div>
        </>
      )}
      {note && <p class="muted" role="status" data-testid="export-note">{note}</p>}
    </div>
  );
}
