// Step 4: validate, then (deliberately) ask Zoom for a token. Warns first that a fresh token
// can invalidate the one a deployed service holds; one test at a time, and not too often.
import { useRef, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { TestResultPanel } from "../../components/TestResultPanel";
import { TestTokenButton } from "../../components/TestTokenButton";
import { ipc, type IpcError, type TestRun } from "../../ipc";
import { invalidationWarning, stepToRevisit, type StepIndex } from "../../lib/wizard";
import { cooldownAfter, useCooldown } from "../../state/useCooldown";
import { toDraft, type Form } from "./form";
import { countOf } from "../../lib/format";

type Props = { form: Form; onTested: (run: TestRun) => void; onRevisit: (step: StepIndex) => void; onNext: () => void; lastRun: TestRun | null };

export function TestStep({ form, onTested, onRevisit, onNext, lastRun }: Props) {
  const [busy, setBusy] = useState(false);
  const [secondsLeft, startCooldown] = useCooldown();
  const [checked, setChecked] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const inFlight = useRef(false);
  const draft = toDraft(form);
  const warning = invalidationWarning(form.cloud, draft.token_rule);

  const validateOnly = async () => {
    const outcome = await ipc.validateCredentials(form.accountId, form.clientId, form.clientSecret);
    if (!outcome.ok) return setError(outcome.error);
    const errors = outcome.value.filter((i) => i.severity === "error");
    const warnings = outcome.value.length;
    setChecked(
      errors.length > 0
        ? errors.map((e) => e.message).join(" ")
        : `The values look right${warnings > 0 ? `, with ${countOf(warnings, "warning")} on the Credentials step` : ""}. Nothing was sent to Zoom.`,
    );
  };

  const test = async () => {
    if (inFlight.current) return; // a second click waits for the first result
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setChecked(null); // a check of the values says nothing once Zoom has answered
    const outcome = await ipc.testDraft(toDraft(form), form.clientSecret);
    inFlight.current = false;
    setBusy(false);
    startCooldown(cooldownAfter(outcome.ok ? outcome.value : null));
    if (outcome.ok) onTested(outcome.value);
    else setError(outcome.error);
  };

  const passed = lastRun?.result.outcome === "passed" && lastRun.record.ok;
  const fixStep = lastRun?.result.outcome === "failed" ? stepToRevisit(lastRun.result.failure.kind) : null;
  const needsSecret = form.clientSecret === "";
  return (
    <div class="step" data-testid="step-test">
      {warning === null ? (
        <p class="notice notice--info">This is the Sandbox: tokens come from the simulator on this computer.</p>
      ) : (
        <p class="notice notice--warning" data-testid="invalidation-warning">
          {warning}
        </p>
      )}
      <div class="actions">
        <button type="button" class="button" data-testid="validate-only" onClick={() => void validateOnly()}>
          Validate only
        </button>
        <TestTokenButton testId="test-token" busy={busy} secondsLeft={secondsLeft} disabled={needsSecret} onClick={() => void test()} />
      </div>
      {needsSecret && <p class="muted">Enter the client secret (step 3) to test these values; saved profiles can be tested from Profiles.</p>}
      {checked && (
        <p class="muted" data-testid="validate-result">
          {checked}
        </p>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {lastRun && <TestResultPanel result={lastRun.result} onRevisit={fixStep === null ? undefined : () => onRevisit(fixStep)} />}
      <div class="actions">
        {/* Saving untested values is allowed, but never the suggested next step. */}
        <button type="button" class={passed ? "button button--primary" : "button"} data-testid="wizard-next" onClick={onNext}>
          {passed ? "Continue to save" : "Save without a passing test"}
        </button>
      </div>
    </div>
  );
}
