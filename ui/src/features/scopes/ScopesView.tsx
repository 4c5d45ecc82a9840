// Scopes & roles: what a profile's latest token holds, what its owner's role allows, warnings
// when admin scopes were lost or hang on one person's role, what-if role changes, and whether
// an integration's calls are covered. Everything is judged by the backend's scope catalog.
import { useEffect, useMemo, useState } from "preact/hooks";
import { DriftWarning } from "../../components/DriftWarning";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ViewHeader } from "../../components/ViewHeader";
import { When } from "../../components/When";
import { ipc, type IpcError, type Plan, type RoleChoice, type ScopeOverview } from "../../ipc";
import { choiceOf, INITIAL_PICK, type RolePick } from "../../lib/roles";
import { SANDBOX_SUBJECT } from "../../state/firstRun";
import type { Go } from "../../state/navigation";
import { useProfiles } from "../../state/profiles";
import { CoveragePanel } from "./CoveragePanel";
import { GrantedScopes } from "./GrantedScopes";
import { RolePanel } from "./RolePanel";
import { WhatIfPanel } from "./WhatIfPanel";

export function ScopesView({ subject, go }: { subject: string | null; go: Go }) {
  const list = useProfiles();
  const profiles = list.ok === true ? list.value.profiles : [];
  const [selected, setSelected] = useState<string | null>(subject);
  const profileId = selected ?? profiles[0]?.id ?? null;
  const [pick, setPick] = useState<RolePick>(INITIAL_PICK);
  const [overview, setOverview] = useState<ScopeOverview | null>(null);
  // The role the shown overview was judged by: the pick's, once it names a role.
  const [judgedBy, setJudgedBy] = useState<RoleChoice>({ from: "last_test" });
  const [error, setError] = useState<IpcError | null>(null);
  const choice = useMemo(() => choiceOf(pick), [pick]);

  useEffect(() => {
    // An empty custom or pasted role has nothing to judge by: keep the last view meanwhile.
    if (!profileId || !choice) return;
    let live = true;
    void ipc.scopeOverview(profileId, choice).then((o) => {
      if (!live) return;
      // A bad paste keeps the last good view and says what to fix.
      if (o.ok) {
        setOverview(o.value);
        setJudgedBy(choice);
      }
      setError(o.ok ? null : o.error);
    });
    return () => {
      live = false;
    };
  }, [profileId, choice]);

  const header = (
    <ViewHeader title="Scopes & roles">The scopes your app holds, what its owner's role allows, and what a role change would take away.</ViewHeader>
  );
  if (list.ok === false)
    return (
      <>
        {header}
        <ErrorNotice error={list.error} go={go} />
      </>
    );
  if (list.ok === true && profiles.length === 0) {
    return (
      <>
        {header}
        <section class="card empty">
          <p>No profiles yet.</p>
          <button type="button" class="button button--primary" onClick={() => go("setup", SANDBOX_SUBJECT)}>
            Try the Sandbox
          </button>
        </section>
      </>
    );
  }
  return (
    <>
      {header}
      <div class="toolbar">
        <select
          aria-label="Profile"
          data-testid="scopes-profile"
          value={profileId ?? ""}
          onChange={(e) => {
            setSelected(e.currentTarget.value);
            setOverview(null);
          }}
        >
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {overview?.tested_at_unix != null && (
          <span class="muted" data-testid="scopes-tested">
            From the token of <When unix={overview.tested_at_unix} /> · catalog {overview.catalog_version}
          </span>
        )}
        {profileId && (
          <button type="button" class="button" onClick={() => go("token", profileId)}>
            Test token again
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} go={go} />}
      {overview && profileId && (
        <Overview
          profileId={profileId}
          plan={profiles.find((p) => p.id === profileId)?.account_plan ?? null}
          overview={overview}
          judgedBy={judgedBy}
          pick={pick}
          onPick={setPick}
          go={go}
        />
      )}
    </>
  );
}

type OverviewProps = {
  profileId: string;
  plan: Plan | null;
  overview: ScopeOverview;
  judgedBy: RoleChoice;
  pick: RolePick;
  onPick: (p: RolePick) => void;
  go: Go;
};

function Overview({ profileId, plan, overview, judgedBy, pick, onPick, go }: OverviewProps) {
  if (overview.tested_at_unix === null) {
    return (
      <section class="card empty" data-testid="scopes-untested">
        <p>No test of this profile has got a token yet, so its scopes are unknown.</p>
        <button type="button" class="button button--primary" onClick={() => go("token", profileId)}>
          Test token
        </button>
      </section>
    );
  }
  return (
    <>
      {overview.drift && <DriftWarning drift={overview.drift.drift} />}
      {overview.risk && (
        <p class="notice notice--warning" data-testid="ownership-risk">
          <strong>Ownership risk.</strong> {overview.risk.message}
        </p>
      )}
      {overview.at_risk.length > 0 && (
        <p class="notice notice--error" data-testid="at-risk-summary">
          {overview.at_risk.length} granted scope{overview.at_risk.length === 1 ? " is" : "s are"} not allowed by {overview.role?.role.name ?? "the role"}: Zoom
          removes {overview.at_risk.length === 1 ? "it" : "them"} from apps this owner builds.
        </p>
      )}
      <RolePanel overview={overview} pick={pick} onPick={onPick} />
      {choiceOf(pick) === null && (
        <p class="notice notice--info" role="status" data-testid="role-awaiting">
          {pick.mode === "custom" ? "Tick the custom role's privileges" : "Paste the role's JSON and choose Use this role"} to judge the scopes by it. Until
          then, the verdicts below are by {overview.role?.role.name ?? "the last role judged"}.
        </p>
      )}
      <GrantedScopes overview={overview} />
      <WhatIfPanel profileId={profileId} overview={overview} current={judgedBy} />
      <CoveragePanel profileId={profileId} plan={plan} />
    </>
  );
}
