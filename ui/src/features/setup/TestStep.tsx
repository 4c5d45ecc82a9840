// Step 4: validate, then (deliberately) ask Zoom for a token. Warns first that a fresh token
// can invalidate the one a deployed service holds; one test at a time, and not too often.
import { useRef, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { TestResultPanel } from "../../components/TestResultPanel";
import { ipc, type IpcError, type TestRun } from "../../ipc";
import { invalidationWarning, stepToRevisit, type StepIndex } from "../../lib/wizard";
import { useCooldown } from "../../state/useCooldown";
import { toDraft, type Form } from "./form";

type Props = { form: Form; onTested: (run: TestRun) => void; onRevisit: (step: StepIndex) => void; onNext: () => void; lastRun: TestRun | null };

export function TestStep({ form, onTested, onRevisit, onNext, lastRun }: Props) {
  const [busy, setBusy] = useState(false);
  const [coolingDown, startCooldown] = useCooldown();
  const [checked, setChecked] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const inFlight = useRef(false);
  const draft = toDraft(form);
  const warning = invalidationWarning(form.cloud, draft.token_rule);

  const validateOnly = async () => {
    const outcome = await ipc.validateCredentials(form.accountId, form.clientId, form.clientSecret);
    if (!outcome.ok) return setError(outcome.error);
    const errors = outcome.value.filter((i) => i.severity === "error");
    setChecked(errors.length === 0 ? `The values look right (${outcome.value.length} warning${outcome.value.length === 1 ? "" : "s"}). Nothing was sent to Zoom.` : errors.map((e) => e.message).join(" "));
  };

  const test = async () => {
    if (inFlight.current) return; // a second click waits for the first result
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const outcome = await ipc.testDraft(toDraft(form), form.clientSecret);
    inFlight.current = false;
    setBusy(false);
    startCooldown();
    if (outcome.ok) onTested(outcome.value);
    else setError(outcome.error);
  };

  const passed = lastRun?.result.outcome === "passed" && lastRun.record.ok;
  const needsSecret = form.clientSecret === "";
  return (
    <div class="step" data-testid="step-test">
      {warning === null ? (
        <p class="notice notice--info">This is the Sandbox: tokens come from the simulator on this computer.</p>
      ) : (
        <p class="notice notice--warning" data-testid="invalidation-warning">{warning}</p>
      )}
      <div class="actions">
        <button type="button" class="button" data-testid="validate-only" onClick={() => void validateOnly()}>Validate only</button>
        <button type="button" class="button button--primary" data-testid="test-token" disabled={busy || coolingDown || needsSecret} onClick={() => void test()}>
          {busy ? "Asking Zoom…" : "Test token"}
        </button>
      </div>
      {needsSecret && <p class="muted">Enter the client secret (step 3) to test these values; saved profiles can be tested from Profiles.</p>}
      {checked && <p class="muted" data-testid="validate-result">{checked}</p>}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {lastRun && <TestResultPanel result={lastRun.result} onRevisit={lastRun.result.outcome === "failed" ? () => onRevisit(stepToRevisit(lastRun.result.outcome === "failed" ? lastRun.result.failure.kind : "invalid_input")) : undefined} />}
      <div class="actions">
        <button type="button" class="button button--primary" data-testid="wizard-next" onClick={onNext}>
          {passed ? "Continue to save" : "Save without a passing test"}
        </button>
      </div>
    </div>
  );
}
