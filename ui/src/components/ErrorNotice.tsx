// Shows an IpcError: what happened, what to do, and the stable kind for bug reports. Where the
// kind calls for it, the way out too: keychain help, or back to the profile list.
import type { IpcError } from "../ipc";
import type { Go } from "../state/navigation";
import { LinkedText } from "./LinkedText";

export function ErrorNotice({ error, onDismiss, go }: { error: IpcError; onDismiss?: () => void; go?: Go }) {
  return (
    <div class="notice notice--error" role="alert" data-testid="error-notice" data-kind={error.kind}>
      <div class="notice__body">
        <p class="notice__message" data-testid="error-message">
          {error.message}
        </p>
        {error.hint && (
          <p class="notice__hint" data-testid="error-hint">
            <LinkedText text={error.hint} />
          </p>
        )}
        {error.kind === "keychain_unavailable" && <KeychainHelp />}
        {error.kind === "profile_not_found" && go && (
          <button type="button" class="button" data-testid="back-to-profiles" onClick={() => go("overview")}>
            Back to Overview
          </button>
        )}
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

/** Why S2S Desk needs the system keychain, and how to get one answering. */
function KeychainHelp() {
  return (
    <div class="notice__help" data-testid="keychain-help">
      <p>S2S Desk keeps client secrets only in your system keychain, never in a file. To use it:</p>
      <ul>
        <li>Linux: start GNOME Keyring or KWallet (your desktop session usually does) and unlock it.</li>
        <li>macOS: unlock the login keychain in Keychain Access. Windows: Credential Manager needs no set-up.</li>
        <li>Then restart S2S Desk. Profiles you already saved are kept.</li>
      </ul>
    </div>
  );
}
