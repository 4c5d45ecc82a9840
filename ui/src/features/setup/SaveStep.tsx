// Step 5: store the secret in the OS keychain and the rest in the profiles file.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Profile, type TestRun } from "../../ipc";
import { refreshProfiles, useProfiles } from "../../state/profiles";
import { toDraft, type Form } from "./form";

type Props = { form: Form; profileId: string | null; lastRun: TestRun | null; onSaved: (profile: Profile) => void };

export function SaveStep({ form, profileId, lastRun, onSaved }: Props) {
  const [error, setError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);
  // Say before the click, not after, when no keychain can take the secret.
  const list = useProfiles();
  const keychainProblem = list.ok === true ? list.value.keychain_problem : null;
  const save = async () => {
    setSaving(true);
    const secret = form.clientSecret === "" ? null : form.clientSecret;
    const outcome = await ipc.saveProfile(profileId, toDraft(form), secret, lastRun?.record ?? null);
    setSaving(false);
    if (outcome.ok) await refreshProfiles();
    if (outcome.ok) onSaved(outcome.value);
    else setError(outcome.error);
  };
  return (
    <div class="step" data-testid="step-save">
      <dl class="facts">
        <dt>Profile</dt>
        <dd>{form.name}</dd>
        <dt>Account ID</dt>
        <dd>
          <code>{form.accountId.trim()}</code>
        </dd>
        <dt>Client ID</dt>
        <dd>
          <code>{form.clientId.trim()}</code>
        </dd>
        {form.tags.trim() !== "" && (
          <>
            <dt>Tags</dt>
            <dd>{form.tags}</dd>
          </>
        )}
        <dt>Client Secret</dt>
        <dd>{form.clientSecret === "" ? "unchanged (kept in the keychain)" : "stored in your system keychain only, never in a file"}</dd>
        <dt>Last test</dt>
        <dd>{lastRun ? lastRun.record.summary : "not tested"}</dd>
      </dl>
      {keychainProblem && !error && <ErrorNotice error={keychainProblem} />}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <div class="actions">
        <button type="button" class="button button--primary" data-testid="save-profile" disabled={saving} onClick={() => void save()}>
          {saving ? "Saving…" : profileId ? "Save changes" : "Save profile"}
        </button>
      </div>
    </div>
  );
}
