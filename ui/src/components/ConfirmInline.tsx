// A destructive action's question, asked in place: it starts on Cancel (Enter or Space keeps
// everything; the admin has to move to the destructive answer) and Esc cancels it.
import type { ComponentChildren } from "preact";
import { focusOnMount } from "../lib/focus";
import { useEscape } from "../state/useEscape";

export function ConfirmInline({
  children,
  action,
  onConfirm,
  onCancel,
  testId,
}: {
  /** The question. */
  children: ComponentChildren;
  /** The destructive answer's label ("Delete", "Reset"). */
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** `data-testid` of the question; its buttons get `-yes` and `-cancel`. */
  testId: string;
}) {
  useEscape(true, onCancel);
  return (
    <span class="confirm" role="group" aria-label={action} data-testid={testId}>
      {children}
      <button type="button" class="button button--danger" data-testid={`${testId}-yes`} onClick={onConfirm}>
        {action}
      </button>
      <button type="button" class="button" data-testid={`${testId}-cancel`} ref={focusOnMount} onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
