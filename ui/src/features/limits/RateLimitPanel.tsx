// "Will it fit the account's plan?": volumes per call, a plan picker (remembered on the
// profile when picked), and the core's verdict per Rate Limit Label, for the shared Heavy + Resource-intensive
// daily budget and for the per-host meeting limit, each with a bar (a <meter>: no inline style).
import { LinkedText } from "../../components/LinkedText";
import { useEffect, useState } from "preact/hooks";
import { ipc, type CallVolume, type IpcError, type LimitsReport, type Plan, type Verdict } from "../../ipc";
import { ErrorNotice } from "../../components/ErrorNotice";

const DEFAULT_PER_DAY = 1000;

type Row = { perDay: string; peak: string };

export function RateLimitPanel({
  calls,
  profileId = null,
  plan: remembered = null,
}: {
  calls: readonly string[];
  profileId?: string | null;
  plan?: Plan | null;
}) {
  const [plan, setPlan] = useState<Plan>(remembered ?? "business");
  const [hosts, setHosts] = useState("1");
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [report, setReport] = useState<LimitsReport | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  // A verdict belongs to the calls it judged.
  const callsKey = calls.join("\n");
  useEffect(() => setReport(null), [callsKey]);
  const row = (call: string): Row => rows[call] ?? { perDay: String(DEFAULT_PER_DAY), peak: "" };
  const edit = (call: string, patch: Partial<Row>) => setRows({ ...rows, [call]: { ...row(call), ...patch } });

  // The plan picked is remembered on the profile at once (the check itself changes nothing).
  const pick = async (next: Plan) => {
    setPlan(next);
    if (!profileId) return;
    const remembered = await ipc.rememberAccountPlan(profileId, next);
    setError(remembered.ok ? null : remembered.error);
  };

  const check = async () => {
    const volumes: CallVolume[] = calls.map((call) => {
      const r = row(call);
      const perDay = Math.max(0, Math.round(Number(r.perDay) || 0));
      // A blank peak is the core's to assume (the day's calls over its busy hours); a typed one
      // is sent as typed, and the core says if it is not usable.
      return { call, per_day: perDay, peak_per_second: r.peak.trim() === "" ? null : Number(r.peak) };
    });
    const outcome = await ipc.planRateLimits(plan, Math.max(1, Math.round(Number(hosts) || 1)), volumes);
    setReport(outcome.ok ? outcome.value : null);
    setError(outcome.ok ? null : outcome.error);
  };

  if (calls.length === 0) return null;
  return (
    <section class="ratelimits" data-testid="rate-limits">
      <h3>Will it fit the account's plan?</h3>
      <p class="muted">
        Zoom limits calls per account by plan and by each call's rate-limit label; creating or updating meetings is also limited to 100 per host a day.
      </p>
      <div class="toolbar">
        <label>
          Plan{" "}
          <select data-testid="rl-plan" value={plan} onChange={(e) => void pick(e.currentTarget.value as Plan)}>
            <option value="free">Free</option>
            <option value="pro">Pro</option>
            <option value="business">Business or higher</option>
          </select>
        </label>
        <label>
          Hosts the meetings are spread over{" "}
          <input class="number-input" type="number" min={1} data-testid="rl-hosts" value={hosts} onInput={(e) => setHosts(e.currentTarget.value)} />
        </label>
      </div>
      <table class="volumes">
        <thead>
          <tr>
            <th>Call</th>
            <th>Calls a day</th>
            <th>Peak a second</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call} data-testid="rl-call">
              <td>
                <code>{call}</code>
              </td>
              <td>
                <input
                  class="number-input"
                  type="number"
                  min={0}
                  aria-label={`Calls a day: ${call}`}
                  data-testid="rl-per-day"
                  value={row(call).perDay}
                  onInput={(e) => edit(call, { perDay: e.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  class="number-input"
                  type="number"
                  min={0}
                  step="any"
                  aria-label={`Peak calls a second: ${call}`}
                  placeholder="auto"
                  value={row(call).peak}
                  onInput={(e) => edit(call, { peak: e.currentTarget.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" class="button" data-testid="rl-check" onClick={() => void check()}>
        Check against the plan
      </button>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {report && <LimitsResult report={report} />}
    </section>
  );
}

function LimitsResult({ report }: { report: LimitsReport }) {
  return (
    <div class="limits-result" role="status" data-testid="rl-result" data-exceeded={String(report.exceeded)}>
      <ul class="limit-rows">
        {report.labels.map((l) => (
          <LimitRow
            key={l.label}
            testid="rl-label"
            name={`${labelName(l.label)} calls`}
            verdict={l.verdict}
            used={l.peak_per_second ?? 0}
            budget={l.budget_per_second ?? 1}
            detail={`peak ${fmt(l.peak_per_second ?? 0)}/s of ${fmt(l.budget_per_second ?? 0)}/s${l.budget_per_day === null ? "" : ` · ${l.per_day} of ${l.budget_per_day} a day`}`}
          />
        ))}
        {report.shared && (
          <LimitRow
            testid="rl-shared"
            name="Heavy + Resource-intensive, shared"
            verdict={report.shared.verdict}
            used={report.shared.per_day}
            budget={report.shared.budget_per_day}
            detail={`${report.shared.per_day} of ${report.shared.budget_per_day} a day`}
          />
        )}
        {report.user_limits.map((u) => (
          <LimitRow
            key={u.call}
            testid="rl-user-limit"
            name={`${u.call} per host`}
            verdict={u.verdict}
            used={u.per_host_per_day}
            budget={u.limit}
            detail={`${u.per_host_per_day} of ${u.limit} a day`}
          />
        ))}
      </ul>
      {report.unlabelled.length > 0 && <p class="muted">No published rate-limit label (not judged): {report.unlabelled.join(", ")}</p>}
      {report.advice.length > 0 && (
        <ul class="advice" data-testid="rl-advice">
          {report.advice.map((a) => (
            <li key={a}>
              <LinkedText text={a} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <strong>{report.exceeded ? "✘ A limit would be exceeded: Zoom would answer 429." : "✔ Fits the plan."}</strong>
      </p>
    </div>
  );
}

function LimitRow({
  testid,
  name,
  verdict,
  used,
  budget,
  detail,
}: {
  testid: string;
  name: string;
  verdict: Verdict;
  used: number;
  budget: number;
  detail: string;
}) {
  return (
    <li data-testid={testid} data-verdict={verdict}>
      <span class="limit-rows__name">{name}</span>
      <meter min={0} max={1} low={0.8} high={0.99} optimum={0} value={Math.min(used / budget, 1)} aria-label={`${name}: ${detail}`} />
      <span class={`verdict verdict--${verdict}`}>{verdict === "fits" ? "fits" : verdict === "tight" ? "tight" : "exceeds"}</span>
      <span class="muted">{detail}</span>
    </li>
  );
}

function labelName(label: string): string {
  return label === "resource_intensive" ? "Resource-intensive" : label.charAt(0).toUpperCase() + label.slice(1);
}

function fmt(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(2);
}
