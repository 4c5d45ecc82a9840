// Step 3: the new Server-to-Server app — create it in the Marketplace with the scopes found,
// pick (or set up) its profile, and test its token. Readiness comes from that test.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { TestResultPanel } from "../../components/TestResultPanel";
import { testProfile } from "../../state/testRuns";
import { ipc, type IpcError, type MigrationPlan, type Profile, type TestRun } from "../../ipc";

export function NewAppPanel({
  profiles,
  profileId,
  onProfile,
  readiness,
  onSetUpProfile,
}: {
  profiles: Profile[];
  profileId: string | null;
  onProfile: (id: string | null) => void;
  readiness: MigrationPlan["readiness"] | null;
  onSetUpProfile: () => void;
}) {
  const [run, setRun] = useState<TestRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const test = async () => {
    if (!profileId) return;
    setBusy(true);
    const outcome = await testProfile(profileId);
    setBusy(false);
    if (outcome.ok) setRun(outcome.value);
    else setError(outcome.error);
  };
  return (
    <section class="card" data-testid="migrate-new-app">
      <h2>3 · Create and test the Server-to-Server app</h2>
      <ol class="checklist">
        <li>
          In the Zoom App Marketplace: Develop → Build App → Server-to-Server OAuth App; add the scopes above; activate it.{" "}
          <button type="button" class="button button--link" onClick={() => void ipc.openExternal("https://marketplace.zoom.us/")}>
            Open the Marketplace ↗
          </button>
        </li>
        <li>Save its Account ID, Client ID and Client Secret as a profile (the secret goes to your keychain).</li>
        <li>Test its token here: the configs are written only once it works and covers every call found.</li>
      </ol>
      <div class="toolbar">
        <select
          aria-label="Profile of the new app"
          data-testid="migrate-profile"
          value={profileId ?? ""}
          onChange={(e) => {
            onProfile(e.currentTarget.value || null);
            setRun(null);
          }}
        >
          <option value="">Choose the new app's profile…</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="button" class="button" data-testid="migrate-new-profile" onClick={onSetUpProfile}>
          Set up a new profile
        </button>
        <button type="button" class="button button--primary" data-testid="migrate-test" disabled={!profileId || busy} onClick={() => void test()}>
          {busy ? "Asking Zoom…" : "Test token"}
        </button>
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {run && <TestResultPanel result={run.result} />}
      {readiness && (
        <p class={`notice ${readiness.ready ? "notice--info" : "notice--warning"}`} data-testid="migrate-readiness" data-ready={String(readiness.ready)}>
          {readiness.ready ? "✔ " : ""}
          {readiness.message}
        </p>
      )}
    </section>
  );
}
