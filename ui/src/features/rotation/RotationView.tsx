// Rotate secret: replace a profile's client secret without downtime. The new secret is tested
// before it is stored, the old one is kept (keychain only) until the deployment has switched,
// and a rotation a crash or a closed window interrupted picks up where it stopped. The panel
// never receives a stored secret; a pasted one goes straight to the backend.
import { useCallback, useEffect, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type IpcError, type ProfileHealth, type RotationRequest, type RotationStatus } from "../../ipc";
import { rotationDone } from "../../lib/rotation";
import { announce } from "../../state/announce";
import { SANDBOX_SUBJECT } from "../../state/firstRun";
import type { Go } from "../../state/navigation";
import { refreshProfiles, useProfiles } from "../../state/profiles";
import { DeployedPanel } from "../consumers/DeployedPanel";
import { RotationProgress } from "./RotationProgress";
import { RotationSettings } from "./RotationSettings";
import { StartRotation, type StartProps } from "./StartRotation";
import { TransferPanel } from "./TransferPanel";

export function RotationView({ subject, go }: { subject: string | null; go: Go }) {
  const list = useProfiles();
  const [selected, setSelected] = useState<string | null>(subject);
  const [status, setStatus] = useState<RotationStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const profiles = list.ok === true ? list.value.profiles : [];
  const profile = profiles.find((p) => p.id === (selected ?? profiles[0]?.id)) ?? null;
  const health = profile?.health ?? null;
  const profileId = profile?.id ?? null;

  // Opening the panel takes any step that is due (an interrupted rotation, a revoke time passed).
  useEffect(() => {
    if (!profileId) return;
    let live = true;
    setStatus(null);
    setError(null);
    void rotate(profileId, { action: "resume" }).then(({ status, error }) => {
      if (!live) return;
      setStatus(status);
      setError(error);
    });
    return () => {
      live = false;
    };
  }, [profileId]);

  const act = useCallback(
    async (request: RotationRequest): Promise<boolean> => {
      if (!profileId) return false;
      setBusy(true);
      setError(null);
      const { status: next, error: failed } = await rotate(profileId, request);
      setBusy(false);
      if (next) setStatus(next);
      setError(failed);
      await refreshProfiles();
      if (failed === null && profile && next) announce(rotationDone(request.action, profile.name, next));
      return failed === null;
    },
    [profileId, profile],
  );

  if (list.ok === false)
    return (
      <>
        <ViewHeader title="Rotate secret" />
        <ErrorNotice error={list.error} go={go} />
      </>
    );
  return (
    <>
      <ViewHeader title="Rotate secret">
        Replace a client secret without downtime: S2S Desk tests the new secret before it stores it, and keeps the old one until your deployment has switched.
      </ViewHeader>
      {list.ok === true && profiles.length === 0 ? (
        <section class="card empty">
          <p>No profiles yet.</p>
          <button type="button" class="button button--primary" onClick={() => go("setup", SANDBOX_SUBJECT)}>
            Try the Sandbox
          </button>
        </section>
      ) : (
        <section class="card" data-testid="rotation-panel">
          <div class="toolbar">
            <select aria-label="Profile" data-testid="rotation-profile" value={profile?.id ?? ""} onChange={(e) => setSelected(e.currentTarget.value)}>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {profile && <SecretAge health={health} />}
          {error && <ErrorNotice error={error} onDismiss={() => setError(null)} go={go} />}
          {profile && status && <Body key={profile.id} profile={profile} status={status} busy={busy} act={act} onError={setError} onStatus={setStatus} />}
        </section>
      )}
      {profile && <DeployedPanel key={`deployed-${profile.id}`} profile={profile} />}
      {profile && <RotationSettings key={profile.id} profile={profile} onSaved={(s) => setStatus(s)} onError={setError} />}
      {profile && <TransferPanel key={`transfer-${profile.id}`} profile={profile} onError={setError} />}
    </>
  );
}

type BodyProps = StartProps;

function Body({ profile, status, busy, act, onError, onStatus }: BodyProps) {
  return (
    <>
      <p class={status.rotation ? "notice notice--warning" : "muted"} data-testid="rotation-summary" role="status">
        {capitalized(status.summary)}.
      </p>
      {status.rotation ? (
        <RotationProgress
          rotation={status.rotation}
          previousKept={status.previous_kept}
          cancelRefused={status.cancel_refused}
          consumers={status.consumers}
          busy={busy}
          act={act}
        />
      ) : (
        <StartRotation profile={profile} status={status} busy={busy} act={act} onError={onError} onStatus={onStatus} />
      )}
    </>
  );
}

function SecretAge({ health }: { health: ProfileHealth | null }) {
  if (!health || health.secret_age_days === null) return <p class="muted">S2S Desk has not recorded when this secret was stored.</p>;
  const days = health.secret_age_days;
  const age = days === 0 ? "stored today" : `${days} ${days === 1 ? "day" : "days"} old`;
  return (
    <p class={health.secret_due ? "notice notice--warning" : "muted"} data-testid="rotation-age">
      Secret {age}
      {health.secret_due ? ` — past the ${health.secret_reminder_days}-day reminder: rotate it.` : ` (reminder at ${health.secret_reminder_days} days).`}
    </p>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Runs `request`; where the rotation stands after, even when the request failed. */
async function rotate(id: string, request: RotationRequest): Promise<{ status: RotationStatus | null; error: IpcError | null }> {
  const outcome = await ipc.rotateSecret(id, request);
  if (outcome.ok) return { status: outcome.value, error: null };
  const plain = await ipc.rotationStatus(id);
  return { status: plain.ok ? plain.value : null, error: outcome.error };
}
