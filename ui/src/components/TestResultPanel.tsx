// The outcome of a token test: what Zoom granted, or exactly why it refused and what to do.
import { Fragment } from "preact";
import type { TestResult } from "../ipc";
import { describeRateLimit } from "../lib/format";
import { Countdown } from "./Countdown";
import { LinkedText } from "./LinkedText";
import { ScopeList } from "./ScopeList";

export function TestResultPanel({
  result,
  onRevisit,
  revisitLabel = "Go to the step to fix",
}: {
  result: TestResult;
  onRevisit?: () => void;
  revisitLabel?: string;
}) {
  if (result.outcome === "failed") {
    const f = result.failure;
    return (
      <section class="result result--failed" role="status" aria-live="polite" data-testid="test-result" data-outcome="failed" data-kind={f.kind}>
        <h3>✘ {f.message}</h3>
        {f.issues.length > 0 && (
          <ul class="issues">
            {f.issues.map((issue) => (
              <li key={issue.field + issue.kind}>{issue.message}</li>
            ))}
          </ul>
        )}
        {f.http_status !== null && (
          <p class="muted" data-testid="zoom-answer">
            Zoom answered HTTP {f.http_status}
            {f.zoom_error && (
              <>
                {" "}
                · error <code>{f.zoom_error}</code>
              </>
            )}
            {f.zoom_reason && <> · reason “{f.zoom_reason}”</>}
          </p>
        )}
        <p class="result__advice" data-testid="test-advice">
          <strong>What to do:</strong> <LinkedText text={f.advice} />
        </p>
        {onRevisit && (
          <button type="button" class="button" data-testid="revisit-step" onClick={onRevisit}>
            {revisitLabel}
          </button>
        )}
      </section>
    );
  }
  const { token, probe, missing_required } = result.report;
  const passed = missing_required.length === 0 && probe.outcome !== "token_rejected";
  return (
    <section
      class={passed ? "result result--passed" : "result result--warning"}
      role="status"
      aria-live="polite"
      data-testid="test-result"
      data-outcome={passed ? "passed" : "incomplete"}
    >
      <h3>{passed ? "✔ Token issued" : "⚠ Token issued, but not everything checks out"}</h3>
      <dl class="facts">
        <dt>Expires in</dt>
        <dd>
          <Countdown untilUnix={token.expires_at_unix} />{" "}
          <span class="muted">
            ({token.expires_in} s, {token.token_type})
          </span>
        </dd>
        <dt>API base URL</dt>
        <dd>
          <code data-testid="api-url">{token.api_url}</code>
          {!token.api_url_from_response && <span class="muted"> (Zoom named none; the cloud's default)</span>}
        </dd>
        <dt>Latency</dt>
        <dd data-testid="latency">
          {token.latency_ms < 1 ? "under 1 ms" : `${token.latency_ms} ms`}
          {result.report.attempts > 1 && ` after ${result.report.attempts} attempts`}
        </dd>
        <dt>Proof</dt>
        <dd data-testid="probe">{describeProbe(probe)}</dd>
        {[
          { from: "Token request", limit: token.rate_limit },
          { from: "GET /users/me", limit: "rate_limit" in probe ? probe.rate_limit : null },
        ]
          .map((r) => ({ from: r.from, text: describeRateLimit(r.limit) }))
          .filter((r) => r.text !== null)
          .map((r) => (
            <Fragment key={r.from}>
              <dt>Rate limit ({r.from})</dt>
              <dd data-testid="rate-limit-headers">{r.text}</dd>
            </Fragment>
          ))}
      </dl>
      <h4>Scopes ({token.scopes.length})</h4>
      <ScopeList groups={token.groups} missing={missing_required} />
    </section>
  );
}

function describeProbe(probe: Extract<TestResult, { outcome: "passed" }>["report"]["probe"]): string {
  switch (probe.outcome) {
    case "owner": {
      const o = probe.owner;
      const status = o.status && o.status !== "active" ? ` — Zoom status ${o.status}` : "";
      return `GET /users/me works: acting as ${o.display_name ?? o.id}${o.email ? ` <${o.email}>` : ""}${o.role_name ? `, role ${o.role_name}` : ""}${status}`;
    }
    case "token_valid_scope_missing":
      return `The token works, but /users/me needs a scope it lacks (${probe.missing.join(", ")})`;
    case "token_rejected":
      return `Zoom refused the fresh token: ${probe.message}`;
    case "inconclusive":
      return `Could not check: ${probe.message}`;
    case "skipped":
      return "Skipped";
  }
}
