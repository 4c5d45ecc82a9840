// "Will my integration work?": the calls an integration makes, checked against the granted
// scopes, with the fewest scopes to add (granular preferred) and a copy button.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ScannedCallsButton } from "../../components/ScannedCallsButton";
import { RateLimitPanel } from "../limits/RateLimitPanel";
import { ipc, type CallCheck, type CoverageReport, type IpcError, type Plan } from "../../ipc";
import { useKeptState } from "../../state/kept";
import { useOutcome } from "../../state/useOutcome";
import { useReveal } from "../../state/useReveal";

export function CoveragePanel({ profileId, plan = null }: { profileId: string; plan?: Plan | null }) {
  const operations = useOutcome(ipc.catalogOperations);
  // The calls stay when the admin looks at another view and comes back.
  const [text, setText] = useKeptState("coverage-calls", "");
  const [picked, setPicked] = useState("");
  const add = () => {
    if (!picked.trim()) return;
    setText(text.trim() ? `${text.trimEnd()}\n${picked.trim()}` : picked.trim());
    setPicked("");
  };
  const [report, setReport] = useState<CoverageReport | null>(null);
  const revealed = useReveal<HTMLDivElement>(report);
  const [error, setError] = useState<IpcError | null>(null);
  const [copied, setCopied] = useState(false);

  const check = async () => {
    const outcome = await ipc.checkCalls(profileId, text);
    setReport(outcome.ok ? outcome.value : null);
    setError(outcome.ok ? null : outcome.error);
    setCopied(false);
  };
  const copy = async () => {
    if (!report) return;
    await navigator.clipboard?.writeText(report.to_add.map((s) => s.scope).join(" "));
    setCopied(true);
  };

  return (
    <section class="card" data-testid="coverage">
      <h2>Will my integration work?</h2>
      <p class="muted">
        One call per line: <code>GET /users/&#123;userId&#125;</code>, a real URL (<code>GET https://api.zoom.us/v2/users/me</code>), or Zoom's operation name (
        <code>users</code>).
      </p>
      <div class="toolbar">
        <input
          class="path-input"
          list="catalog-operations"
          data-testid="coverage-pick"
          aria-label="Pick an operation"
          placeholder="Pick from Zoom's operations: type users, meeting, report…"
          value={picked}
          onInput={(e) => setPicked(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), add())}
        />
        <button type="button" class="button" data-testid="coverage-add" disabled={!picked.trim()} onClick={add}>
          Add
        </button>
        <datalist id="catalog-operations">
          {operations.ok === true &&
            operations.value.map((o) => (
              <option key={o.variant + o.method + o.path} value={`${o.method} ${o.path}`}>
                {o.summary}
              </option>
            ))}
        </datalist>
      </div>
      <textarea
        data-testid="coverage-input"
        rows={5}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        placeholder={"GET /users\nPOST /users/{userId}/meetings"}
      />
      <div class="actions">
        <button type="button" class="button button--primary" data-testid="coverage-check" disabled={text.trim() === ""} onClick={() => void check()}>
          Check
        </button>
        <ScannedCallsButton testId="coverage-from-scan" onUse={setText} />
      </div>
      {error && <ErrorNotice error={error} />}
      {report && (
        <div class="coverage-report" ref={revealed} tabIndex={-1} aria-label="Coverage of these calls" data-testid="coverage-report">
          <table class="coverage" data-testid="coverage-result" data-all-covered={String(report.all_covered)}>
            <thead>
              <tr>
                <th>Call</th>
                <th>Operation</th>
                <th>Covered?</th>
              </tr>
            </thead>
            <tbody>
              {report.calls.map((c, i) => (
                <CallRow key={i} call={c} />
              ))}
            </tbody>
          </table>
          {report.to_add.length > 0 ? (
            <div class="to-add" data-testid="coverage-to-add">
              <p>
                <strong>Add these scopes</strong> to the app in the Marketplace (fewest; granular where Zoom has them):
              </p>
              <ul>
                {report.to_add.map((s) => (
                  <li key={s.scope}>
                    <code>{s.scope}</code> <span class={`level level--${s.level}`}>{s.level}</span> <span class="muted">for {s.covers.join(", ")}</span>
                  </li>
                ))}
              </ul>
              <button type="button" class="button" data-testid="coverage-copy" onClick={() => void copy()}>
                {copied ? "Copied" : "Copy scopes"}
              </button>
            </div>
          ) : (
            report.all_covered && <p class="ok">✔ Every call is covered by the granted scopes.</p>
          )}
          {report.not_needed.length > 0 && (
            <div class="not-needed" data-testid="coverage-not-needed">
              <p>
                <strong>Held but not needed</strong> by these calls. For least privilege, remove them in the Marketplace if nothing else the app does uses them:
              </p>
              <ul>
                {report.not_needed.map((s) => (
                  <li key={s}>
                    <code>{s}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <RateLimitPanel calls={report.calls.filter((c) => c.operation).map((c) => c.input)} profileId={profileId} plan={plan} />
        </div>
      )}
    </section>
  );
}

function CallRow({ call }: { call: CallCheck }) {
  const c = call.coverage;
  const verdict = !c
    ? { cls: "failed", text: call.error_message ?? "Not recognised" }
    : c.status === "covered"
      ? { cls: "ok", text: `✔ by ${c.by.join(", ")}` }
      : c.status === "own_data_only"
        ? { cls: "warn", text: `Only the owner's own data (${c.by.join(", ")}); other users need an admin scope` }
        : { cls: "failed", text: "✘ Not covered" };
  return (
    <tr data-testid="coverage-row">
      <td>
        <code>{call.input}</code>
      </td>
      <td>
        {call.operation ? (
          <>
            {call.operation.method} {call.operation.path} <span class="muted">{call.operation.summary}</span>
          </>
        ) : (
          "—"
        )}
      </td>
      <td class={verdict.cls}>{verdict.text}</td>
    </tr>
  );
}
