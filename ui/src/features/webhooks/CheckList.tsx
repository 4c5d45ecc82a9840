// The receiver test's outcome: each check as Zoom would judge it, and what Zoom thinks of the URL.
import type { ReceiverReport, WebhookCheck, WebhookCheckName } from "../../ipc";
import { useReveal } from "../../state/useReveal";

const LABELS: Record<WebhookCheckName, string> = {
  url_validation: "URL validation (Zoom's challenge)",
  signed_event: "Signed event",
  forged_signature: "Forged signature (must be refused)",
  replayed_event: "Replayed event, 30 minutes old (must be refused)",
};

export function CheckList({ report }: { report: ReceiverReport }) {
  const failed = report.checks.filter((c) => !c.ok).length;
  const revealed = useReveal<HTMLDivElement>(report);
  return (
    <div class={report.ok ? "result result--passed" : "result result--failed"} ref={revealed} tabIndex={-1} data-testid="webhook-report" aria-live="polite">
      <h3 data-testid="webhook-summary">
        {report.ok ? "All four checks passed" : `${failed} of ${report.checks.length} checks failed`}
        <span class="muted"> · {report.event}</span>
      </h3>
      <ul class="checks">
        {report.checks.map((check) => (
          <CheckRow key={check.name} check={check} />
        ))}
      </ul>
      {report.zoom_will_refuse.length > 0 && (
        <div class="notice notice--warning" data-testid="webhook-zoom-will-refuse">
          <p>Zoom will refuse this URL even though it answered here:</p>
          <ul>
            {report.zoom_will_refuse.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function CheckRow({ check }: { check: WebhookCheck }) {
  return (
    <li class={check.ok ? "check check--ok" : "check check--failed"} data-testid={`webhook-check-${check.name}`} data-ok={String(check.ok)}>
      <span class="check__mark" aria-hidden="true">
        {check.ok ? "✔" : "✘"}
      </span>
      <span class="check__name">{LABELS[check.name]}</span>
      <span class="check__meta muted">
        {check.status !== null && `HTTP ${check.status}`}
        {check.latency_ms !== null && ` · ${check.latency_ms} ms`}
      </span>
      <span class="check__message">{check.message}</span>
      {check.zoom_would && (
        <span class="check__detail">
          <strong>Zoom:</strong> {check.zoom_would}
        </span>
      )}
      {check.fix && (
        <span class="check__detail" data-testid={`webhook-fix-${check.name}`}>
          <strong>Fix:</strong> {check.fix}
        </span>
      )}
    </li>
  );
}
