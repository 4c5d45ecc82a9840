// Zoom's own usage figures for every app of the account, asked with one saved profile's app:
// last used, calls, failed calls, active users, creator and scopes, with the core's notes
// (never used, unused, failing) and, beside each, S2S Desk's own latest test of its profile.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LinkedText } from "../../components/LinkedText";
import { When } from "../../components/When";
import { ipc, type AppUsage, type IpcError, type Profile, type UsageOutcome } from "../../ipc";
import { countOf } from "../../lib/format";

export function UsagePanel({ profiles }: { profiles: Profile[] }) {
  const [asker, setAsker] = useState(profiles[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<UsageOutcome | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const ask = async () => {
    setBusy(true);
    const result = await ipc.appUsage(asker);
    setBusy(false);
    setOutcome(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  };

  return (
    <section class="card" data-testid="usage-panel" aria-busy={busy}>
      <h2>Zoom's usage figures</h2>
      <p class="muted">
        Every app of the account as Zoom's Marketplace counts it: when it was last used, its calls and failed calls. Asked with one profile's app, which needs
        permission to list the account's apps.
      </p>
      <div class="toolbar toolbar--wrap">
        <select aria-label="Ask with profile" data-testid="usage-profile" value={asker} onChange={(e) => setAsker(e.currentTarget.value)}>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="button" class="button" data-testid="usage-ask" disabled={busy || !asker} onClick={() => void ask()}>
          {busy ? "Asking Zoom…" : "Show Zoom's figures"}
        </button>
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {outcome && <UsageAnswer outcome={outcome} />}
    </section>
  );
}

function UsageAnswer({ outcome }: { outcome: UsageOutcome }) {
  if (outcome.outcome === "not_available") {
    return (
      <p class="notice notice--warning" role="status" data-testid="usage-not-available">
        {outcome.message}
      </p>
    );
  }
  if (outcome.outcome === "failed") {
    return (
      <div class="result result--failed" role="status" data-testid="usage-failed">
        <p>
          <strong>No answer:</strong> {outcome.failure.message}
        </p>
        <p>
          <LinkedText text={outcome.failure.advice} />
        </p>
      </div>
    );
  }
  const { report } = outcome;
  const flagged = report.apps.filter((a) => a.notes.length > 0).length;
  return (
    <div role="status" data-testid="usage-report">
      <p>
        {countOf(report.apps.length, "app")}
        {flagged > 0 ? ` · ${flagged} to look at` : ""} · asked <When unix={report.fetched_unix} />
      </p>
      {!report.figures_reported && <p class="muted">Zoom sent the list without usage figures: only the apps are shown.</p>}
      <ul class="usage-list">
        {report.apps.map((app) => (
          <UsageRow key={app.app_id} app={app} />
        ))}
      </ul>
    </div>
  );
}

function UsageRow({ app }: { app: AppUsage }) {
  const figure = (n: number | null) => (n == null ? "—" : String(n));
  return (
    <li class="usage-list__app" data-testid="usage-app" data-app-id={app.app_id}>
      <h3>{app.app_name}</h3>
      <p class="usage-list__figures">
        <span>Last used {app.last_used_unix == null ? "never" : <When unix={app.last_used_unix} />}</span>
        <span>Calls {figure(app.total_calls)}</span>
        <span>Failed {figure(app.failed_calls)}</span>
        <span>Active users {figure(app.active_users)}</span>
        {app.creator && <span>Created by {app.creator}</span>}
      </p>
      {app.profile && (
        <p class="muted" data-testid="usage-profile-test">
          Profile “{app.profile.name}”:{" "}
          {app.profile.tested_unix == null ? (
            "never tested by S2S Desk"
          ) : (
            <>
              S2S Desk's latest test {app.profile.test_ok ? "passed" : "failed"} <When unix={app.profile.tested_unix} />
            </>
          )}
        </p>
      )}
      {app.scopes.length > 0 && (
        <p class="chips" aria-label="Scopes">
          {app.scopes.map((s) => (
            <code key={s}>{s}</code>
          ))}
        </p>
      )}
      {app.notes.map((n) => (
        <p key={n.flag.flag} class="usage-list__note" data-testid="usage-note" data-flag={n.flag.flag}>
          ⚠ {n.message}
        </p>
      ))}
    </li>
  );
}
