// Test token: test one saved profile (recorded in its history) and see everything Zoom answered. "Test all" lives in the overview.
import { useEffect, useRef, useState } from "preact/hooks";
import { DriftWarning } from "../../components/DriftWarning";
import { ErrorNotice } from "../../components/ErrorNotice";
import { TestResultPanel } from "../../components/TestResultPanel";
import { TestTokenButton } from "../../components/TestTokenButton";
import { RecordTags } from "../../components/RecordTags";
import { ViewHeader } from "../../components/ViewHeader";
import { When } from "../../components/When";
import { ipc, type CoexistenceRun, type IpcError, type Profile, type TestRun } from "../../ipc";
import { invalidationWarning, stepToRevisit } from "../../lib/wizard";
import { SANDBOX_SUBJECT } from "../../state/firstRun";
import type { Go } from "../../state/navigation";
import { cooldownAfter, useCooldown } from "../../state/useCooldown";
import { refreshProfiles, useProfiles } from "../../state/profiles";
import { lastRun, testProfile } from "../../state/testRuns";
import { useOutcome } from "../../state/useOutcome";
import { TryCallPanel } from "./TryCallPanel";

export function TokenView({ subject, go }: { subject: string | null; go: Go }) {
  const list = useProfiles();
  const [selected, setSelected] = useState<string | null>(subject);
  // A profile opened from the overview shows its latest run of this session in full.
  const [run, setRun] = useState<TestRun | null>(() => (subject ? lastRun(subject) : null));
  const [busy, setBusy] = useState(false);
  const [secondsLeft, startCooldown] = useCooldown();
  const [error, setError] = useState<IpcError | null>(null);
  const inFlight = useRef(false);

  const profiles = list.ok === true ? list.value.profiles : [];
  // Until the admin picks one, the first profile is the one shown.
  const selectedId = selected ?? profiles[0]?.id ?? null;
  const profile = profiles.find((p) => p.id === selectedId) ?? null;
  const warning = profile && invalidationWarning(profile.cloud, profile.token_rule);

  const testOne = async (id: string) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const outcome = await testProfile(id);
    inFlight.current = false;
    setBusy(false);
    startCooldown(cooldownAfter(outcome.ok ? outcome.value : null));
    if (outcome.ok) setRun(outcome.value);
    else setError(outcome.error);
  };

  if (list.ok === false)
    return (
      <>
        <ViewHeader title="Test token" />
        <ErrorNotice error={list.error} go={go} />
      </>
    );
  return (
    <>
      <ViewHeader title="Test token">Ask Zoom for a token with a saved profile and see exactly what came back.</ViewHeader>
      {list.ok === true && profiles.length === 0 ? (
        <section class="card empty">
          <p>No profiles yet.</p>
          <button type="button" class="button button--primary" onClick={() => go("setup", SANDBOX_SUBJECT)}>
            Try the Sandbox
          </button>
        </section>
      ) : (
        <section class="card">
          <div class="toolbar">
            <select
              aria-label="Profile"
              data-testid="token-profile"
              value={selectedId ?? ""}
              onChange={(e) => {
                setSelected(e.currentTarget.value);
                setRun(lastRun(e.currentTarget.value));
              }}
            >
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <TestTokenButton
              testId="token-test"
              busy={busy}
              secondsLeft={secondsLeft}
              disabled={busy || !profile}
              onClick={() => profile && void testOne(profile.id)}
            />
          </div>
          {warning && (
            <p class="notice notice--warning" data-testid="invalidation-warning">
              {warning}
            </p>
          )}
          {error && <ErrorNotice error={error} onDismiss={() => setError(null)} go={go} />}
          {run?.record.drift && <DriftWarning drift={run.record.drift} />}
          {run && run.record.renamed_scopes.length > 0 && (
            <p class="notice notice--info" role="status" data-testid="renamed-scopes">
              Renamed by Zoom (classic → granular), not lost: {run.record.renamed_scopes.join(", ")}. The token can still make every call they allowed.
            </p>
          )}
          {run && (
            <TestResultPanel
              result={run.result}
              onRevisit={
                profile && run.result.outcome === "failed" && stepToRevisit(run.result.failure.kind) !== null ? () => go("setup", profile.id) : undefined
              }
            />
          )}
          {run && profile && run.result.outcome === "passed" && (
            <p>
              <button type="button" class="button button--link" data-testid="token-to-scopes" onClick={() => go("scopes", profile.id)}>
                See what these scopes allow and what the owner's role puts at risk →
              </button>
            </p>
          )}
          {run && profile && run.result.outcome === "passed" && <TryCallPanel key={profile.id} profileId={profile.id} />}
          {profile && <CoexistenceCheck profile={profile} onChecked={() => void refreshProfiles()} />}
          {profile && <History profile={profile} />}
        </section>
      )}
    </>
  );
}

/** "Do this app's tokens coexist?": what the check costs, the button, and what Zoom showed. */
function CoexistenceCheck({ profile, onChecked }: { profile: Profile; onChecked: () => void }) {
  const info = useOutcome(ipc.appInfo);
  const [run, setRun] = useState<CoexistenceRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => setRun(null), [profile.id]);
  const check = async () => {
    setBusy(true);
    setError(null);
    const outcome = await ipc.checkTokenCoexistence(profile.id);
    setBusy(false);
    if (outcome.ok) setRun(outcome.value);
    else setError(outcome.error);
    onChecked();
  };
  const known =
    profile.token_rule === "coexist"
      ? "Checked: this app's tokens coexist."
      : profile.token_rule === "one_token"
        ? "Checked: this app still follows the one-token rule."
        : "Not checked yet; since June 2023 an app's tokens coexist.";
  return (
    <div class="coexistence" data-testid="coexistence">
      <h3>Do this app's tokens coexist?</h3>
      <p class="muted" data-testid="coexistence-known">
        {known}
      </p>
      {info.ok === true && (
        <p class="muted" data-testid="coexistence-cost">
          {info.value.coexistence_cost}
        </p>
      )}
      <button type="button" class="button" data-testid="coexistence-check" disabled={busy} onClick={() => void check()}>
        {busy ? "Checking…" : "Check token coexistence"}
      </button>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {run && (
        <p role="status" data-testid="coexistence-result" data-outcome={run.result.outcome === "checked" ? run.result.coexistence.outcome : "failed"}>
          {coexistenceText(run)}
        </p>
      )}
    </div>
  );
}

function coexistenceText(run: CoexistenceRun): string {
  if (run.result.outcome === "failed") return `No token: ${run.result.failure.message}. ${run.result.failure.advice}`;
  const c = run.result.coexistence;
  if (c.outcome === "coexist") return "Tokens coexist: the first token still worked after a second was issued. Tests leave a deployed service's token alone.";
  if (c.outcome === "one_token")
    return "This app still follows the one-token rule: the first token was invalidated when the second was issued. Tests (and any other process asking for a token) invalidate the token a deployed service holds; S2S Desk now warns before each test.";
  return `Could not tell: ${c.message}`;
}

function History({ profile }: { profile: Profile }) {
  if (profile.history.length === 0) return null;
  return (
    <div class="history">
      <h3>History</h3>
      <table data-testid="history">
        <thead>
          <tr>
            <th>When</th>
            <th>Result</th>
            <th>Scopes</th>
            <th>Latency</th>
          </tr>
        </thead>
        <tbody>
          {profile.history.map((h) => (
            <tr key={h.at_unix + h.summary}>
              <td>
                <When unix={h.at_unix} />
              </td>
              <td class={h.ok ? "ok" : "failed"}>
                {h.ok ? "✔" : "✘"} {h.summary}
                <RecordTags record={h} />
              </td>
              <td>{h.scopes.length}</td>
              <td>{h.latency_ms === null ? "—" : `${h.latency_ms} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
