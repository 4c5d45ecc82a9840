// Starting a rotation, by either path: paste a secret generated in the Marketplace (always
// available), or let Zoom issue one through its rotation API (when the app may). Sandbox
// profiles get the Marketplace's buttons too, so the whole flow can be tried.
import { useState } from "preact/hooks";
import { ipc, type IpcError, type Profile, type RotationRequest, type RotationStatus } from "../../ipc";
import { sentence } from "../../lib/format";
import { DEFAULT_OVERLAP, OVERLAPS } from "../../lib/rotation";
import { refreshProfiles } from "../../state/profiles";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";

export type StartProps = {
  profile: Profile;
  status: RotationStatus;
  busy: boolean;
  act: (request: RotationRequest) => Promise<boolean>;
  onError: (e: IpcError) => void;
  onStatus: (s: RotationStatus) => void;
};

export function StartRotation(props: StartProps) {
  return (
    <div class="rotation-paths">
      <ManualPath {...props} />
      <ApiPath {...props} />
    </div>
  );
}

function ManualPath({ profile, busy, act, onError }: StartProps) {
  const [secret, setSecret] = useState("");
  const sandbox = profile.cloud === "sandbox";

  const regenerate = async () => {
    const outcome = await ipc.regenerateSandboxSecret(profile.client_id);
    if (outcome.ok) setSecret(outcome.value);
    else onError(outcome.error);
  };
  const start = async () => {
    // Kept after a rejection, to correct a copy-paste slip; cleared once the secret is stored.
    const ok = await act({ action: "start_manual", new_secret: secret, keep_previous_until_unix: null });
    if (ok) setSecret("");
  };

  return (
    <div class="step" data-testid="rotation-manual">
      <h2>Paste a new secret</h2>
      <ol>
        <li>
          In the Marketplace, open the app's <strong>App Credentials</strong> page and <strong>Regenerate</strong> the client secret.
        </li>
        <li>Paste it here. S2S Desk asks Zoom for a token with it before storing anything; a secret Zoom rejects is never stored.</li>
      </ol>
      {sandbox && (
        <p>
          <button type="button" class="button" data-testid="rotation-sandbox-regenerate" onClick={() => void regenerate()}>
            Regenerate in the Sandbox
          </button>{" "}
          <span class="muted">stands in for the Marketplace page: the old Sandbox secret stops working.</span>
        </p>
      )}
      <label for="rotation-new-secret">New client secret</label>
      {/* A form: Enter in the field tests and switches (the button's click). */}
      <form class="inline-field" onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
        <input
          id="rotation-new-secret"
          data-testid="rotation-new-secret"
          type="password"
          autocomplete="off"
          value={secret}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />
        <button
          type="submit"
          class="button button--primary"
          data-testid="rotation-start-manual"
          disabled={busy || secret.trim() === ""}
          onClick={() => void start()}
        >
          {busy ? "Testing…" : "Test and switch"}
        </button>
      </form>
    </div>
  );
}

function ApiPath({ profile, status, busy, act, onError, onStatus }: StartProps) {
  const [overlap, setOverlap] = useState(DEFAULT_OVERLAP);
  const unavailable = status.api_unavailable;
  const sandboxFix = profile.cloud === "sandbox" && unavailable?.reason === "missing_scope";

  const allowInSandbox = async () => {
    const granted = await ipc.allowSandboxSecretRotation(profile.client_id);
    if (!granted.ok) return onError(granted.error);
    // The next token carries the scope; the test records it, and the status reads it.
    const tested = await ipc.testProfile(profile.id);
    if (!tested.ok) return onError(tested.error);
    await refreshProfiles();
    const next = await ipc.rotationStatus(profile.id);
    if (next.ok) onStatus(next.value);
  };
  const start = () => act({ action: "start_api", app_id: null, revoke_old_unix: Math.floor(Date.now() / 1000) + overlap });

  return (
    <div class="step" data-testid="rotation-api">
      <h2>Let Zoom issue it</h2>
      <p>
        Zoom creates the new secret and keeps the old one working until the time you choose, so deployments can switch at their own pace. The new secret goes
        straight into the keychain.
      </p>
      {unavailable ? (
        <p class="notice notice--info" data-testid="rotation-api-unavailable" data-reason={unavailable.reason}>
          {sentence(unavailable.message)}{" "}
          {sandboxFix && (
            <button type="button" class="button" data-testid="rotation-sandbox-allow" onClick={() => void allowInSandbox()}>
              Allow it in the Sandbox
            </button>
          )}
        </p>
      ) : (
        <>
          <label for="rotation-overlap">Keep the old secret working for</label>
          <div class="inline-field">
            <select id="rotation-overlap" data-testid="rotation-overlap" value={overlap} onChange={(e) => setOverlap(Number(e.currentTarget.value))}>
              {OVERLAPS.map((o) => (
                <option key={o.seconds} value={o.seconds}>
                  {o.label}
                </option>
              ))}
            </select>
            <button type="button" class="button button--primary" data-testid="rotation-start-api" disabled={busy} onClick={() => void start()}>
              {busy ? "Rotating…" : "Rotate with Zoom's API"}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
