// Step 4: validate, then (deliberately) ask Zoom for a token. Warns first that a fresh token
// can invalidate the one a deployed service holds; one test at a time, and not too often.
import { useRef, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { TestResultPanel } from "../../components/TestResultPanel";
import { TestTokenButton } from "../../components/TestTokenButton";
import { ipc, type IpcError, type TestRun } from "../../ipc";
import { fieldToFix, invalidationWarning, stepToRevisit, type StepIndex } from "../../lib/wizard";
import { cooldownAfter, useCooldown } from "../../state/useCooldown";
import { toDraft, type Form } from "./form";
import { countOf } from "../../lib/format";

type Props = {
  form: Form;
  onTested: (run: TestRun) => void;
  /** Goes back to the step (and the field, by element id) a failure calls to fix. */
  onRevisit: (step: StepIndex, field: string | null) => void;
  /** The wizard's next step; an edit has none (Save is beside the test). */
  onNext?: () => void;
  lastRun: TestRun | null;
  /** The saved profile being edited: with no secret typed, its keychain secret is tested. */
  editing?: string | null;
};

export function TestStep({ form, onTested, onRevisit, onNext, lastRun, editing = null }: Props) {
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
    const outcome = await ipc.testDraft(toDraft(form), form.clientSecret === "" ? null : form.clientSecret, editing);
    inFlight.current = false;
    setBusy(false);
    startCooldown(cooldownAfter(outcome.ok ? outcome.value : null));
    if (outcome.ok) onTested(outcome.value);
    else setError(outcome.error);
  };

  const passed = lastRun?.result.outcome === "passed" && lastRun.record.ok;
  const failure = lastRun?.result.outcome === "failed" ? lastRun.result.failure : null;
  const fixStep = failure ? stepToRevisit(failure.kind) : null;
  const needsSecret = form.clientSecret === "" && editing === null;
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
      {needsSecret && <p class="muted">Enter the client secret (step 3) to test these values; saved profiles can be tested from Overview.</p>}
      {editing !== null && form.clientSecret === "" && <p class="muted">Tested with the secret saved in the keychain.</p>}
      {checked && (
        <p class="muted" data-testid="validate-result">
          {checked}
        </p>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {lastRun && (
        <TestResultPanel
          result={lastRun.result}
          revisitLabel={editing === null ? undefined : "Go to the value to fix"}
          onRevisit={fixStep === null || failure === null ? undefined : () => onRevisit(fixStep, fieldToFix(failure))}
        />
      )}
      {onNext && (
        <div class="actions">
          {/* Saving untested values is allowed, but never the suggested next step. */}
          <button type="button" class={passed ? "button button--primary" : "button"} data-testid="wizard-next" onClick={onNext}>
            {passed ? "Continue to save" : "Save without a passing test"}
          </button>
        </div>
      )}
    </div>
  );
}
