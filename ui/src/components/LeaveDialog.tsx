// "Leave without saving?": asked when the admin leaves a view whose form holds changes. It
// starts on Stay, the answer that loses nothing; Esc stays too.
import { focusOnMount } from "../lib/focus";
import { useEscape } from "../state/useEscape";

export function LeaveDialog({ lost, onStay, onLeave }: { lost: string; onStay: () => void; onLeave: () => void }) {
  useEscape(true, onStay);
  return (
    <div class="modal-backdrop">
      <div class="card modal" role="alertdialog" aria-modal="true" aria-labelledby="leave-title" aria-describedby="leave-what" data-testid="leave-dialog">
        <h2 id="leave-title">Leave without saving?</h2>
        <p id="leave-what">{lost} will be lost.</p>
        <div class="actions">
          <button type="button" class="button button--primary" data-testid="leave-stay" ref={focusOnMount} onClick={onStay}>
            Stay
          </button>
          <button type="button" class="button button--danger-outline" data-testid="leave-anyway" onClick={onLeave}>
            Leave without saving
          </button>
        </div>
      </div>
    </div>
  );
}
