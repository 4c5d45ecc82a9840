// Webhooks: test an event receiver the way Zoom will call it, before it is deployed (Zoom's own
// Validate button only reaches a public https URL). The Secret Token is typed here or saved in
// the keychain; it never comes back to this window.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type IpcError, type Profile, type ReceiverReport } from "../../ipc";
import { useKeptState } from "../../state/kept";
import type { Go } from "../../state/navigation";
import { refreshProfiles, useProfiles } from "../../state/profiles";
import { useOutcome } from "../../state/useOutcome";
import { CheckList } from "./CheckList";
import { ReferenceReceivers } from "./ReferenceReceivers";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";

export function WebhooksView({ go }: { go: Go }) {
  const list = useProfiles();
  const options = useOutcome(ipc.webhookOptions);
  const [selected, setSelected] = useState<string | null>(null);
  const [url, setUrl] = useKeptState("webhook-url", "");
  const [event, setEvent] = useState<string | null>(null);
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ReceiverReport | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const profiles = list.ok === true ? list.value.profiles : [];
  const profile = profiles.find((p) => p.id === (selected ?? profiles[0]?.id)) ?? null;
  const events = options.ok === true ? options.value.events : [];
  const chosenEvent = event ?? (options.ok === true ? options.value.default_event : "meeting.started");
  const samples = options.ok === true && profile?.cloud === "sandbox" ? options.value.sample_receivers : [];

  const run = async () => {
    setBusy(true);
    setError(null);
    setReport(null);
    const outcome = await ipc.testWebhookReceiver({
      profile_id: profile?.id ?? null,
      url: url.trim(),
      event: chosenEvent,
      allow_insecure: allowInsecure,
      secret_token: token.trim() === "" ? null : token,
    });
    setBusy(false);
    setReport(outcome.ok ? outcome.value : null);
    if (!outcome.ok) setError(outcome.error);
  };

  return (
    <>
      <ViewHeader title="Webhooks">
        Send your event receiver what Zoom sends — the URL validation challenge, a signed event, a forged and a replayed one — and see what Zoom would make of
        each answer.
      </ViewHeader>
      {/* A form: Enter in a field runs the test (the button's click). */}
      <form class="card" data-testid="webhook-form" aria-label="Test a webhook receiver" onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
        <div class="form-grid">
          <label for="webhook-profile">Profile</label>
          <select
            id="webhook-profile"
            data-testid="webhook-profile"
            value={profile?.id ?? ""}
            onChange={(e) => {
              setSelected(e.currentTarget.value);
              setToken("");
              setReport(null);
            }}
          >
            {profiles.length === 0 && <option value="">No profile: type the Secret Token below</option>}
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>

          <label for="webhook-url">Endpoint URL</label>
          <div class="stacked-field">
            <input
              id="webhook-url"
              data-testid="webhook-url"
              type="url"
              placeholder="e.g. https://hooks.example.com/zoom/webhook or http://localhost:3000/webhook"
              value={url}
              onInput={(e) => {
                setUrl(e.currentTarget.value);
                // A result belongs to the URL it was tested on.
                setReport(null);
              }}
              spellcheck={false}
            />
            {samples.length > 0 && (
              <p class="field-help muted" data-testid="webhook-samples">
                Sandbox sample receivers:{" "}
                {samples.map((s) => (
                  <button
                    key={s.behaviour}
                    type="button"
                    class="button button--link"
                    data-testid={`webhook-sample-${s.behaviour}`}
                    onClick={() => setUrl(s.url)}
                  >
                    {s.behaviour}
                  </button>
                ))}
              </p>
            )}
          </div>

          <label for="webhook-event">Sample event</label>
          <select id="webhook-event" data-testid="webhook-event" value={chosenEvent} onChange={(e) => setEvent(e.currentTarget.value)}>
            {events.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>

          <label for="webhook-token">Secret Token</label>
          <TokenField profile={profile} token={token} setToken={setToken} onError={setError} />
        </div>
        <label class="checkbox">
          <input type="checkbox" data-testid="webhook-insecure" checked={allowInsecure} onChange={(e) => setAllowInsecure(e.currentTarget.checked)} />
          Allow plain http to another host (staging you trust; Zoom itself only delivers over https)
        </label>
        <div class="actions">
          <button type="submit" class="button button--primary" data-testid="webhook-test" disabled={busy || url.trim() === ""} onClick={() => void run()}>
            {busy ? "Testing… (four requests, up to 10 s each)" : "Test receiver"}
          </button>
        </div>
        {error && <ErrorNotice error={error} onDismiss={() => setError(null)} go={go} />}
        {report && <CheckList report={report} />}
      </form>
      <ReferenceReceivers />
    </>
  );
}

type TokenProps = { profile: Profile | null; token: string; setToken: (t: string) => void; onError: (e: IpcError) => void };

/** The token typed for this test, and the profile's saved one (kept in the keychain). */
function TokenField({ profile, token, setToken, onError }: TokenProps) {
  const [note, setNote] = useState<string | null>(null);
  const store = async (value: string | null) => {
    if (!profile) return;
    const outcome = await ipc.setWebhookSecretToken(profile.id, value);
    if (!outcome.ok) return onError(outcome.error);
    setToken("");
    setNote(value === null ? "Forgotten." : "Saved in the keychain.");
    await refreshProfiles();
  };
  const saved = profile?.webhook_secret_token_saved === true;
  return (
    <div class="stacked-field">
      <div class="inline-field">
        <input
          id="webhook-token"
          data-testid="webhook-token"
          type="password"
          autocomplete="off"
          placeholder={saved ? "saved in the keychain — type to use another" : "from the app's Feature page (Event Subscriptions)"}
          value={token}
          onInput={(e) => {
            setToken(e.currentTarget.value);
            setNote(null);
          }}
        />
        {profile && token.trim() !== "" && (
          <button type="button" class="button" data-testid="webhook-token-save" onClick={() => void store(token)}>
            Save to profile
          </button>
        )}
        {saved && token === "" && (
          <button type="button" class="button" data-testid="webhook-token-forget" onClick={() => void store(null)}>
            Forget
          </button>
        )}
      </div>
      <p class="field-help muted" data-testid="webhook-token-status" role="status">
        {note ??
          (saved
            ? "This profile's Secret Token is in the keychain."
            : profile?.cloud === "sandbox"
              ? "Sandbox profiles use their simulated app's Secret Token unless you type one."
              : "Typed here, it is used for this test only; save it to keep it in the keychain.")}
      </p>
    </div>
  );
}
