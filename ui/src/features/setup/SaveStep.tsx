// Step 5: store the secret in the OS keychain and the rest in the profiles file.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type Profile, type TestRun } from "../../ipc";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";
import { refreshProfiles, useProfiles } from "../../state/profiles";
import { toDraft, type Form } from "./form";

type Props = {
  form: Form;
  profileId: string | null;
  lastRun: TestRun | null;
  onSaved: (profile: Profile) => void;
  /** Inside the edit page's form (whose Enter is this Save), not a form of its own. */
  inForm?: boolean;
};

export function SaveStep({ form, profileId, lastRun, onSaved, inForm = false }: Props) {
  const [error, setError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);
  // Optional, and only ever in this field until it is handed to the keychain.
  const [webhookToken, setWebhookToken] = useState("");
  // Say before the click, not after, when no keychain can take the secret.
  const list = useProfiles();
  const keychainProblem = list.ok === true ? list.value.keychain_problem : null;
  const savedToken = list.ok === true && list.value.profiles.some((p) => p.id === profileId && p.webhook_secret_token_saved);
  const save = async () => {
    setSaving(true);
    const secret = form.clientSecret === "" ? null : form.clientSecret;
    let outcome = await ipc.saveProfile(profileId, toDraft(form), secret, lastRun?.record ?? null, form.appId);
    if (outcome.ok && webhookToken.trim() !== "") outcome = await ipc.setWebhookSecretToken(outcome.value.id, webhookToken);
    setSaving(false);
    if (outcome.ok) setWebhookToken("");
    await refreshProfiles();
    if (outcome.ok) onSaved(outcome.value);
    else setError(outcome.error);
  };
  // Enter in a field is Save: the button is the form's default one (its click saves).
  const Root = inForm ? "div" : "form";
  return (
    <Root class="step" data-testid="step-save" onSubmit={inForm ? undefined : keepOnPage} onKeyDown={inForm ? undefined : enterClicksDefault}>
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
      <div class="stacked-field">
        <label for="save-webhook-token">Webhook Secret Token (optional)</label>
        <input
          id="save-webhook-token"
          data-testid="save-webhook-token"
          type="password"
          autocomplete="off"
          value={webhookToken}
          placeholder={savedToken ? "saved in the keychain — type to replace" : "from the Feature page, if the app subscribes to events"}
          onInput={(e) => setWebhookToken(e.currentTarget.value)}
          aria-describedby="save-webhook-token-help"
        />
        <p id="save-webhook-token-help" class="field-help muted">
          Zoom signs the app's events with it; the Webhooks view uses it to test your receiver. Kept in the keychain only.
        </p>
      </div>
      {keychainProblem && !error && <ErrorNotice error={keychainProblem} />}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <div class="actions">
        <button type="submit" class="button button--primary" data-testid="save-profile" disabled={saving} onClick={() => void save()}>
          {saving ? "Saving…" : profileId ? "Save changes" : "Save profile"}
        </button>
      </div>
    </Root>
  );
}
