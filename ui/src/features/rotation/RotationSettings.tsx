// A profile's rotation settings: the app's Marketplace App ID (for Zoom's rotation API) and
// after how many days the secret's age is flagged.
import { useState } from "preact/hooks";
import { ipc, REMINDER_DAYS, type IpcError, type Profile, type RotationStatus } from "../../ipc";
import { parseReminderDays } from "../../lib/rotation";
import { refreshProfiles } from "../../state/profiles";

type Props = { profile: Profile; onSaved: (status: RotationStatus) => void; onError: (e: IpcError) => void };

export function RotationSettings({ profile, onSaved, onError }: Props) {
  const [appId, setAppId] = useState(profile.app_id ?? "");
  const [reminder, setReminder] = useState(profile.secret_reminder_days === null ? "" : String(profile.secret_reminder_days));
  const [note, setNote] = useState<string | null>(null);
  const days = parseReminderDays(reminder);

  const save = async () => {
    if (days === "invalid") return;
    const saved = await ipc.setRotationSettings(profile.id, appId.trim() === "" ? null : appId.trim(), days);
    if (!saved.ok) return onError(saved.error);
    setNote("Saved.");
    await refreshProfiles();
    const status = await ipc.rotationStatus(profile.id);
    if (status.ok) onSaved(status.value);
  };

  return (
    <section class="card">
      <h2>Settings</h2>
      <div class="form-grid">
        <label for="rotation-app-id">App ID</label>
        <div class="stacked-field">
          <input
            id="rotation-app-id"
            data-testid="rotation-app-id"
            value={appId}
            placeholder="Marketplace → Manage → your app"
            onInput={(e) => {
              setAppId(e.currentTarget.value);
              setNote(null);
            }}
          />
          <p class="field-help muted">Needed only to let Zoom issue the new secret. It is not the Client ID.</p>
        </div>
        <label for="rotation-reminder">Remind me after</label>
        <div class="stacked-field">
          <input
            id="rotation-reminder"
            data-testid="rotation-reminder"
            class="number-input"
            inputMode="numeric"
            value={reminder}
            placeholder={String(REMINDER_DAYS.default)}
            aria-invalid={days === "invalid"}
            aria-describedby="rotation-reminder-help"
            onInput={(e) => {
              setReminder(e.currentTarget.value);
              setNote(null);
            }}
          />
          <p id="rotation-reminder-help" class={days === "invalid" ? "field-problem" : "field-help muted"}>
            {days === "invalid"
              ? `Whole days, from ${REMINDER_DAYS.min} to ${REMINDER_DAYS.max}.`
              : `days (empty: ${REMINDER_DAYS.default}). The overview and the CLI flag an older secret.`}
          </p>
        </div>
      </div>
      <div class="actions">
        <button type="button" class="button" data-testid="rotation-settings-save" disabled={days === "invalid"} onClick={() => void save()}>
          Save settings
        </button>
        {note && (
          <span class="muted" role="status">
            {note}
          </span>
        )}
      </div>
    </section>
  );
}
