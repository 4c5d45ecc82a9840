// Reference receivers to copy: URL validation, signature and replay checks done right.
import { useState } from "preact/hooks";
import { REFERENCE_RECEIVERS } from "./referenceReceivers";

export function ReferenceReceivers() {
  const [chosen, setChosen] = useState(REFERENCE_RECEIVERS[0]?.id ?? "");
  const [copied, setCopied] = useState(false);
  const receiver = REFERENCE_RECEIVERS.find((r) => r.id === chosen) ?? REFERENCE_RECEIVERS[0];
  if (!receiver) return null;
  const copy = async () => {
    await navigator.clipboard.writeText(receiver.code);
    setCopied(true);
  };
  return (
    <section class="card" data-testid="reference-receivers">
      <h2>A receiver that passes</h2>
      <p class="muted">
        Each answers Zoom's challenge, checks <code>x-zm-signature</code> in constant time over the raw body, refuses signatures older than 5 minutes, and
        acknowledges within 3 seconds. The Secret Token comes from <code>ZOOM_WEBHOOK_SECRET_TOKEN</code>.
      </p>
      <div class="tabs" role="tablist" aria-label="Language">
        {REFERENCE_RECEIVERS.map((r) => (
          <button
            key={r.id}
            type="button"
            role="tab"
            class={r.id === receiver.id ? "tab tab--active" : "tab"}
            aria-selected={r.id === receiver.id}
            data-testid={`receiver-tab-${r.id}`}
            onClick={() => {
              setChosen(r.id);
              setCopied(false);
            }}
          >
            {r.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={receiver.label}>
        <div class="toolbar">
          <code>{receiver.file}</code>
          <button type="button" class="button" data-testid="receiver-copy" onClick={() => void copy()}>
            Copy
          </button>
          {copied && (
            <span class="muted" role="status" data-testid="receiver-copied">
              Copied.
            </span>
          )}
        </div>
        {/* Focusable, so the code scrolls sideways from the keyboard too. */}
        <pre class="export__text" data-testid="receiver-code" tabIndex={0} aria-label={`${receiver.label} receiver, ${receiver.file}`}>
          {receiver.code}
        </pre>
      </div>
    </section>
  );
}
