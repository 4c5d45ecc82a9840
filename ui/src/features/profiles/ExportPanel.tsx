// Export one profile: JSON without the secret, or a .env snippet with the secret masked unless
// the admin deliberately reveals it.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Profile } from "../../ipc";

export function ExportPanel({ profile }: { profile: Profile }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [confirmReveal, setConfirmReveal] = useState(false);
  const show = async (outcome: Promise<{ ok: true; value: string } | { ok: false; error: IpcError }>) => {
    const result = await outcome;
    if (result.ok) setText(result.value);
    else setError(result.error);
  };
  return (
    <div class="export" data-testid="export-panel">
      <div class="actions">
        <button type="button" class="button" onClick={() => void show(ipc.exportProfile(profile.id))}>JSON (no secret)</button>
        <button type="button" class="button" data-testid="export-env" onClick={() => void show(ipc.exportEnv(profile.id, false))}>.env (secret masked)</button>
        {confirmReveal ? (
          <span class="confirm">
            The secret will be shown in plain text on screen. Anyone who sees or copies it can act as this app.
            <button type="button" class="button button--danger" onClick={() => { setConfirmReveal(false); void show(ipc.exportEnv(profile.id, true)); }}>Reveal</button>
            <button type="button" class="button" onClick={() => setConfirmReveal(false)}>Cancel</button>
          </span>
        ) : (
          <button type="button" class="button button--danger-outline" onClick={() => setConfirmReveal(true)}>.env with the secret…</button>
        )}
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {text && <pre class="export__text" data-testid="export-text">{text}</pre>}
    </div>
  );
}
