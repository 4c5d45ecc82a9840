// Overview: every profile with its health badges, filtered and sorted; "Test all" with progress,
// cancel and a result per profile that opens in Test token; and the actions on one profile.
import { useEffect, useRef, useState } from "preact/hooks";
import { ConfirmInline } from "../../components/ConfirmInline";
import { ErrorNotice } from "../../components/ErrorNotice";
import { RecordTags } from "../../components/RecordTags";
import { ViewHeader } from "../../components/ViewHeader";
import { When } from "../../components/When";
import { ipc, type IpcError, type Outcome, type Profile } from "../../ipc";
import { countOf } from "../../lib/format";
import { allTags, badgesFor, matches, needsAttention, sortRows, type Badge, type Filter, type Row, type SortKey, type StatusFilter } from "../../lib/overview";
import { announce, highlightProfile, useHighlightedProfile } from "../../state/announce";
import { SANDBOX_SUBJECT } from "../../state/firstRun";
import type { Go } from "../../state/navigation";
import { refreshProfiles, useProfiles } from "../../state/profiles";
import { cancelTestAll, testAll, useTestAll, type AllProgress, type AllResult } from "../../state/testRuns";
import { ExportPanel } from "./ExportPanel";
import { UsagePanel } from "./UsagePanel";

const STATUSES: { id: StatusFilter; label: string }[] = [
  { id: "all", label: "All statuses" },
  { id: "attention", label: "Needs attention" },
  { id: "failing", label: "Token failing" },
  { id: "never_tested", label: "Never tested" },
  { id: "passing", label: "Token OK" },
];

const SORTS: { id: SortKey; label: string }[] = [
  { id: "attention", label: "Needs attention first" },
  { id: "name", label: "Name" },
  { id: "tested", label: "Last tested" },
  { id: "secret_age", label: "Oldest secret first" },
];

export function OverviewView({ go }: { go: Go }) {
  const list = useProfiles();
  const progress = useTestAll();
  const [filter, setFilter] = useState<Filter>({ text: "", tag: null, status: "all" });
  const [sort, setSort] = useState<SortKey>("attention");
  const [error, setError] = useState<IpcError | null>(null);

  /** Runs an action on a profile; `done` says what happened, for the status line. */
  const act = async <T,>(outcome: Promise<Outcome<T>>, done?: (value: T) => string) => {
    const result = await outcome;
    setError(result.ok ? null : result.error);
    await refreshProfiles();
    if (result.ok && done) announce(done(result.value));
  };

  if (list.ok === "loading") return <ViewHeader title="Overview">Loading…</ViewHeader>;
  if (list.ok === false)
    return (
      <>
        <ViewHeader title="Overview" />
        <ErrorNotice error={list.error} />
      </>
    );
  const { profiles, keychain, notice, keychain_problem } = list.value;
  const rows: Row[] = profiles;
  const shown = sortRows(
    rows.filter((r) => matches(r, filter)),
    sort,
  );
  const attention = rows.filter((r) => needsAttention(r.health)).length;
  const tags = allTags(profiles);
  const running = progress?.running === true;
  // Looked up once per render, not once per row: a run over hundreds of rows re-renders often.
  const resultOf = new Map((progress?.results ?? []).map((r) => [r.id, r]));

  return (
    <>
      <ViewHeader title="Overview">Your Server-to-Server OAuth apps and their health. Secrets are kept in {keychain}.</ViewHeader>
      {notice && (
        <div class="notice notice--warning" data-testid="store-notice">
          <p>{notice}</p>
          <button type="button" class="button" data-testid="set-aside-file" onClick={() => void act(ipc.setAsideProfilesFile())}>
            Set the file aside and start afresh
          </button>
        </div>
      )}
      {keychain_problem && <ErrorNotice error={keychain_problem} />}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {profiles.length === 0 ? (
        <section class="card empty" data-testid="profiles-empty">
          <h2>No profiles yet</h2>
          <p>Try every flow on the Sandbox, a simulated Zoom on this computer, or set up your own app.</p>
          <div class="actions">
            <button type="button" class="button button--primary" data-testid="try-sandbox" onClick={() => go("setup", SANDBOX_SUBJECT)}>
              Try the Sandbox
            </button>
            <button type="button" class="button" onClick={() => go("setup")}>
              Set up an app
            </button>
          </div>
        </section>
      ) : (
        <>
          <p class="overview-summary" data-testid="overview-summary">
            {countOf(profiles.length, "profile")}
            {attention > 0 ? ` · ${attention} ${attention === 1 ? "needs" : "need"} attention` : " · all healthy as last tested"}
          </p>
          <div class="toolbar toolbar--wrap" data-testid="overview-toolbar">
            <input
              type="search"
              placeholder="Search name, IDs, notes, tags"
              aria-label="Search profiles"
              data-testid="profile-search"
              value={filter.text}
              onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
            />
            {tags.length > 0 && (
              <select
                aria-label="Tag"
                data-testid="filter-tag"
                value={filter.tag ?? ""}
                onChange={(e) => setFilter({ ...filter, tag: e.currentTarget.value || null })}
              >
                <option value="">All tags</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
            <select
              aria-label="Status"
              data-testid="filter-status"
              value={filter.status}
              onChange={(e) => setFilter({ ...filter, status: e.currentTarget.value as StatusFilter })}
            >
              {STATUSES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            <select aria-label="Sort by" data-testid="sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
              {SORTS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
            {running ? (
              <button type="button" class="button" data-testid="test-all-cancel" onClick={cancelTestAll}>
                Cancel
              </button>
            ) : (
              <button type="button" class="button" data-testid="test-all" disabled={shown.length === 0} onClick={() => void testAll(shown)}>
                {shown.length === profiles.length ? "Test all" : `Test ${countOf(shown.length, "shown profile")}`}
              </button>
            )}
            <button type="button" class="button button--primary" onClick={() => go("setup")}>
              New profile
            </button>
          </div>
          {progress && <TestAllProgress progress={progress} />}
          <ul class="profile-list" data-testid="profile-list">
            {shown.map((row) => {
              const result = resultOf.get(row.id) ?? null;
              return <ProfileRow key={row.id} row={row} result={result} testing={running && result === null && progress?.total !== 0} go={go} act={act} />;
            })}
          </ul>
          {shown.length === 0 && (
            <p class="muted" data-testid="no-match">
              No profile matches these filters.{" "}
              <button type="button" class="button button--link" onClick={() => setFilter({ text: "", tag: null, status: "all" })}>
                Clear the filters
              </button>
            </p>
          )}
          <UsagePanel profiles={profiles} />
        </>
      )}
    </>
  );
}

/** "Testing 2 of 5…" with a bar while running; the tally when done or cancelled. */
function TestAllProgress({ progress }: { progress: AllProgress }) {
  const done = progress.results.length;
  const passed = progress.results.filter((r) => r.ok).length;
  const failed = done - passed;
  const state = progress.running ? "running" : progress.cancelled ? "cancelled" : "done";
  const words =
    state === "running"
      ? `${progress.background ? "Re-testing every profile (background re-test is on in Settings)" : "Testing"}: ${done} of ${progress.total} done`
      : `${state === "cancelled" ? `Cancelled after ${done} of ${progress.total}` : `Tested ${countOf(done, "profile")}`}: ${passed} passed, ${failed} did not`;
  const assumed = progress.accounts.filter((a) => a.plan_assumed).length;
  return (
    <div class="progress" data-testid="test-all-progress" data-state={state} role="status" aria-live="polite">
      {state === "running" && <progress max={progress.total} value={done} aria-label="Profiles tested" />}
      <span>{words}</span>
      {state === "running" && progress.accounts.length > 0 && (
        <span class="muted" data-testid="test-all-pace">
          {countOf(progress.accounts.length, "account")} side by side, each within its rate limits
          {assumed > 0 && ` (${countOf(assumed, "account")} paced as Free: pick the plan in Rate limits to go faster)`}
        </span>
      )}
      {progress.error && <ErrorNotice error={progress.error} />}
    </div>
  );
}

type RowProps = {
  row: Row;
  result: AllResult | null;
  testing: boolean;
  go: Go;
  act: <T>(outcome: Promise<Outcome<T>>, done?: (value: T) => string) => Promise<void>;
};

function ProfileRow({ row: p, result, testing, go, act }: RowProps) {
  const health = p.health;
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const isNew = useHighlightedProfile() === p.id;
  // The profile just created or duplicated is brought into view (a long list may hide it).
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (isNew) row.current?.scrollIntoView({ block: "center" });
  }, [isNew]);
  const duplicate = () =>
    act(ipc.duplicateProfile(p.id), (copy) => {
      highlightProfile(copy.id);
      return `Duplicated “${p.name}” as “${copy.name}”, with its secret.`;
    });
  return (
    <li ref={row} class={isNew ? "card profile profile--new" : "card profile"} data-testid="profile-row" data-name={p.name} data-new={isNew || undefined}>
      <div class="profile__head">
        <h2>{p.name}</h2>
        <span class={`badge badge--${p.cloud}`}>
          {p.cloud === "sandbox" ? "Sandbox · simulated" : p.cloud === "government" ? "Zoom for Government" : "Zoom"}
        </span>
        {p.tags.map((t) => (
          <span key={t} class="chip" data-testid="profile-tag">
            {t}
          </span>
        ))}
      </div>
      <p class="muted profile__ids">
        Account <code>{p.account_id}</code> · Client <code>{p.client_id}</code>
      </p>
      <HealthBadges id={p.id} badges={badgesFor(health)} />
      {/* One line about the latest test: Test all's result while it is fresh, else the history's. */}
      {!(testing || result) && <LastTest profile={p} />}
      {(testing || result) && (
        <p class={`row-result row-result--${testing ? "testing" : result?.ok ? "ok" : "failed"}`} data-testid="row-result">
          {testing ? "Testing…" : result?.ok ? "✔ Passed just now" : `✘ ${result?.why ?? ""}`}{" "}
          {result && !testing && (
            <button type="button" class="button button--link" data-testid="row-result-open" onClick={() => go("token", p.id)}>
              See the full result →
            </button>
          )}
        </p>
      )}
      <div class="actions">
        <button type="button" class="button" data-testid="profile-test" onClick={() => go("token", p.id)}>
          Test
        </button>
        <button type="button" class="button" data-testid="profile-edit" onClick={() => go("setup", p.id)}>
          Edit
        </button>
        <button type="button" class="button" data-testid="profile-rotate" onClick={() => go("rotate", p.id)}>
          {p.rotation ? "Rotation in progress" : "Rotate secret"}
        </button>
        <button type="button" class="button" data-testid="profile-duplicate" onClick={() => void duplicate()}>
          Duplicate
        </button>
        <button type="button" class="button" aria-expanded={exporting} onClick={() => setExporting(!exporting)}>
          Export
        </button>
        {confirming ? (
          <ConfirmInline
            action="Delete"
            testId="confirm-delete"
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void act(ipc.deleteProfile(p.id), () => `Deleted “${p.name}” and its keychain entry.`);
            }}
          >
            Delete “{p.name}” and its keychain entry?
          </ConfirmInline>
        ) : (
          <button type="button" class="button button--danger-outline" data-testid="profile-delete" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
      {exporting && <ExportPanel profile={p} />}
    </li>
  );
}

/** The badges, each a button that shows its explanation below (keyboard and screen readers
 *  reach it; the hover tooltip stays for the mouse). */
function HealthBadges({ id, badges }: { id: string; badges: Badge[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const shown = badges.find((b) => b.id === open && b.detail);
  const detailId = `badge-detail-${id}`;
  return (
    <>
      <ul class="health" aria-label="Health" data-testid="health">
        {badges.map((b) => (
          <li key={b.id} class={`health__badge health__badge--${b.tone}`} data-testid="health-badge" data-badge={b.id}>
            <button
              type="button"
              class="health__toggle"
              data-testid={`badge-${b.id}`}
              title={b.detail}
              aria-expanded={open === b.id}
              aria-controls={detailId}
              disabled={!b.detail}
              onClick={() => setOpen(open === b.id ? null : b.id)}
            >
              {b.label}
            </button>
          </li>
        ))}
      </ul>
      <p id={detailId} class="health__detail" role="status" data-testid="badge-detail" hidden={!shown}>
        {shown?.detail}
      </p>
    </>
  );
}

function LastTest({ profile }: { profile: Profile }) {
  const last = profile.history[0];
  if (!last)
    return (
      <p class="muted" data-testid="last-test">
        Not tested yet
      </p>
    );
  // One line: a token issued without admin scopes it had is neither a pass nor a failed token.
  const state = last.drift ? "failed" : last.ok ? "ok" : "failed";
  return (
    <p class={`last-test last-test--${state}`} data-testid="last-test">
      {last.drift ? "⚠ Token issued, but admin access was lost" : `${last.ok ? "✔" : "✘"} ${last.summary}`} <RecordTags record={last} /> ·{" "}
      <When unix={last.at_unix} />
      {last.latency_ms !== null && ` · ${last.latency_ms} ms`}
    </p>
  );
}
