// Migrate from JWT: find a legacy integration's JWT settings and Zoom calls, create and test
// the Server-to-Server app that replaces it, see how the code changes, write the configs
// (all or nothing, undoable) and keep a report. Steps unlock in order.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type IpcError, type MigrationChoices, type MigrationPlan, type Undone } from "../../ipc";
import { countOf } from "../../lib/format";
import { migratable } from "../../lib/migrate";
import { announce } from "../../state/announce";
import { useMigrationSession } from "../../state/migrationSession";
import { comeBackTo, type Go } from "../../state/navigation";
import { useProfiles } from "../../state/profiles";
import { ConfigPanel } from "./ConfigPanel";
import { FindingsPanel } from "./FindingsPanel";
import { GuidancePanel } from "./GuidancePanel";
import { NewAppPanel } from "./NewAppPanel";
import { ReportPanel } from "./ReportPanel";
import { ScanPanel } from "./ScanPanel";

export function MigrateView({ go }: { go: Go }) {
  const [session, update, reset] = useMigrationSession();
  const list = useProfiles();
  const profiles = list.ok === true ? list.value.profiles : [];
  const [plan, setPlan] = useState<MigrationPlan | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const [undone, setUndone] = useState<Undone | null>(null);
  const { scanId, report } = session;
  const choices = useMemo<MigrationChoices>(
    () => ({ names: session.names, profile_id: session.profileId, write_secret: session.writeSecret }),
    [session.names, session.profileId, session.writeSecret],
  );
  const profile = profiles.find((p) => p.id === session.profileId);
  // Readiness depends on the new app's latest test: a new test means a new plan.
  const lastTestAt = profile?.history[0]?.at_unix ?? null;

  // Once applied, the files differ from the scan by design: the plan is done until Undo.
  const applied = session.journal !== null;
  useEffect(() => {
    if (scanId === null || applied) return;
    let live = true;
    void ipc.migratePlan(scanId, choices).then((o) => {
      if (!live) return;
      if (o.ok) setPlan(o.value);
      setError(o.ok ? null : o.error);
    });
    return () => {
      live = false;
    };
  }, [scanId, choices, lastTestAt, applied]);

  const apply = async () => {
    if (scanId === null) return;
    setBusy(true);
    const o = await ipc.migrateApply(scanId, choices);
    setBusy(false);
    if (o.ok) {
      update({ journal: o.value });
      setUndone(null);
      announce(`Migration applied: ${countOf(o.value.files.length, "file")} rewritten; backups in ${o.value.backup_dir}. Undo puts them back.`);
    } else setError(o.error);
  };
  const undo = async () => {
    if (!session.journal) return;
    setBusy(true);
    const o = await ipc.migrateUndo(session.journal);
    setBusy(false);
    if (o.ok) {
      update({ journal: null });
      setUndone(o.value);
      announce(`Migration undone: ${countOf(o.value.journal.files.length, "file")} restored from the backups.`);
    } else setError(o.error);
  };
  // Back from setting up the new app's profile: the first list loaded after coming back shows
  // which profile is new. A list already seen (before leaving) decides nothing.
  const known = session.knownProfileIds;
  const seenList = useRef<typeof list | null>(null);
  useEffect(() => {
    if (list.ok !== true || seenList.current === list) return;
    seenList.current = list;
    if (known === null) return;
    const created = list.value.profiles.find((p) => !known.includes(p.id));
    update({ knownProfileIds: null, ...(created ? { profileId: created.id, writeSecret: false } : {}) });
  }, [list, known, update]);
  const setUpProfile = () => {
    update({ knownProfileIds: profiles.map((p) => p.id) });
    comeBackTo("migrate");
    go("setup");
  };

  return (
    <>
      <ViewHeader title="Migrate from JWT">Move a legacy JWT-app integration to a tested Server-to-Server app, without losing a setting.</ViewHeader>
      {report === null || scanId === null ? (
        <ScanPanel onDone={(id, r) => update({ scanId: id, report: r, journal: null })} />
      ) : (
        <div class="toolbar">
          <span class="muted">
            Scanned <code>{report.root}</code>
          </span>
          <button
            type="button"
            class="button button--link"
            data-testid="migrate-rescan"
            onClick={() => {
              reset();
              setPlan(null);
            }}
          >
            Scan another project
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {report && <FindingsPanel report={report} />}
      {report && migratable(report.findings).length > 0 && scanId !== null && (
        <>
          <NewAppPanel
            profiles={profiles}
            profileId={session.profileId}
            onProfile={(id) => update({ profileId: id, writeSecret: false })}
            readiness={plan?.readiness ?? null}
            onSetUpProfile={setUpProfile}
          />
          {plan && <GuidancePanel guidance={plan.guidance} />}
          {plan && (
            <ConfigPanel
              plan={plan}
              names={session.names}
              onNames={(names) => update({ names })}
              writeSecret={session.writeSecret}
              onWriteSecret={(writeSecret) => update({ writeSecret })}
              canWriteSecret={profile !== undefined}
              journal={session.journal}
              busy={busy}
              onApply={() => void apply()}
              onUndo={() => void undo()}
            />
          )}
          {undone && (
            <p class="notice notice--info" role="status" data-testid="migrate-undone">
              Undone: {countOf(undone.journal.files.length, "file")} restored from the backups in <code>{undone.journal.backup_dir}</code>
              {undone.reports_removed.length > 0 && (
                <>
                  , and the migration report it had saved (<code>{undone.reports_removed.join(", ")}</code>) removed
                </>
              )}
              . The project is as it was before Apply.
            </p>
          )}
          {/* A report that Undo removed is gone: the panel starts afresh rather than calling it stale. */}
          <ReportPanel
            key={undone?.reports_removed.length ? `removed-${undone.journal.applied_unix}` : "report"}
            scanId={scanId}
            choices={choices}
            journal={session.journal}
          />
        </>
      )}
    </>
  );
}
