// Shows an IpcError: what happened, what to do, and the stable kind for bug reports.
import type { IpcError } from "../ipc";

export function ErrorNotice({ error, onDismiss }: { error: IpcError; onDismiss?: () => void }) {
  return (
    <div class="notice notice--error" role="alert" data-testid="error-notice" data-kind={error.kind}>
      <div class="notice__body">
        <p class="notice__message" data-testid="error-message">{error.message}</p>
        {error.hint && <p class="notice__hint" data-testid="error-hint">{error.hint}</p>}
        <p class="notice__kind">
          Error code <code>{error.kind}</code>
        </p>
      </div>
      {onDismiss && (
        <button type="button" class="notice__dismiss" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
