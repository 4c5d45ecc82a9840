// Rate limits: will an integration's calls fit the account's plan? Its own entry (the same
// planner also follows "Will my integration work?" and the migration): the calls typed, pasted
// or taken from the migration scan, judged by the core against Zoom's per-label budgets.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ScannedCallsButton } from "../../components/ScannedCallsButton";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type IpcError } from "../../ipc";
import { useKeptState } from "../../state/kept";
import { useProfiles } from "../../state/profiles";
import { RateLimitPanel } from "./RateLimitPanel";

export function LimitsView() {
  const list = useProfiles();
  const profiles = list.ok === true ? list.value.profiles : [];
  const [profileId, setProfileId] = useState<string>("");
  const profile = profiles.find((p) => p.id === profileId) ?? null;
  const [text, setText] = useKeptState("limits-calls", "");
  const [calls, setCalls] = useState<string[]>([]);
  const [error, setError] = useState<IpcError | null>(null);

  const read = async (from: string) => {
    const outcome = await ipc.readCallLines(from);
    setCalls(outcome.ok ? outcome.value : []);
    setError(outcome.ok ? null : outcome.error);
  };

  return (
    <>
      <ViewHeader title="Rate limits">
        Will your integration's calls fit the account's plan? Zoom limits calls per account by plan and by each call's rate-limit label.
      </ViewHeader>
      <section class="card" data-testid="limits-view">
        <div class="toolbar toolbar--wrap">
          <label>
            Account{" "}
            <select
              aria-label="Remember the plan on profile"
              data-testid="limits-profile"
              value={profileId}
              onChange={(e) => setProfileId(e.currentTarget.value)}
            >
              <option value="">No profile (the plan is not remembered)</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p class="muted">
          One call per line: <code>GET /users/&#123;userId&#125;</code> or Zoom's operation name (<code>users</code>).
        </p>
        <textarea
          aria-label="Calls"
          data-testid="limits-calls"
          rows={5}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder={"GET /users\nPOST /users/{userId}/meetings"}
        />
        <div class="actions">
          <button type="button" class="button button--primary" data-testid="limits-use" disabled={text.trim() === ""} onClick={() => void read(text)}>
            Plan these calls
          </button>
          <ScannedCallsButton
            testId="limits-from-scan"
            onUse={(scanned) => {
              setText(scanned);
              void read(scanned);
            }}
          />
        </div>
        {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
        <RateLimitPanel key={profile?.id ?? "none"} calls={calls} profileId={profile?.id ?? null} plan={profile?.account_plan ?? null} />
      </section>
    </>
  );
}
