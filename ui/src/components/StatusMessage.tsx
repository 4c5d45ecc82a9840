// The last action's outcome in a sentence ("Saved “Reporting”."), above the view, in a status
// region so screen readers announce it.
import { clearAnnouncement, useAnnouncement } from "../state/announce";

export function StatusMessage() {
  const message = useAnnouncement();
  return (
    <div class="status-line" role="status" aria-live="polite" data-testid="status-region">
      {message && (
        <p class="notice notice--success status-message" key={message.seq}>
          <span data-testid="status-message">{message.text}</span>
          <button type="button" class="notice__dismiss" aria-label="Dismiss" onClick={clearAnnouncement}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
