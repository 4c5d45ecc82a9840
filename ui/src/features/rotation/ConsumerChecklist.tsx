// The rotation's checklist: every place the secret is deployed, each shown in full before it
// runs, updated on one click once the new secret is in use; a failed one says what to do and
// is retried alone. The states, their order and what to do are the core's.
import type { ConsumerLine, RotationRequest } from "../../ipc";
import { CONSUMER_STATES, notDone } from "../../lib/consumers";

type Props = {
  lines: ConsumerLine[];
  busy: boolean;
  act: (request: RotationRequest) => Promise<boolean>;
};

export function ConsumerChecklist({ lines, busy, act }: Props) {
  if (lines.length === 0) return null;
  const open = notDone(lines);
  return (
    <section class="consumer-checklist" data-testid="consumer-checklist" aria-labelledby="consumer-checklist-title">
      <h3 id="consumer-checklist-title">Each deployment gets the new secret</h3>
      <ul class="checklist checklist--marked">
        {lines.map((line) => {
          const state = CONSUMER_STATES[line.state];
          return (
            <li key={line.id} class="consumer" data-testid="consumer-line" data-state={line.state} data-tone={state.tone}>
              <div class="consumer__head">
                <span aria-hidden="true">{state.mark}</span> <strong>{line.label}</strong> — {line.state_words}
                {state.tone === "failed" && (
                  <button
                    type="button"
                    class="button"
                    data-testid="consumer-retry"
                    disabled={busy}
                    onClick={() => void act({ action: "update_consumers", only: [line.id] })}
                  >
                    Retry
                  </button>
                )}
              </div>
              <code class="consumer__destination">{line.destination}</code>
              {line.check !== null && (
                <div class="muted">
                  Check: <code>{line.check}</code>
                </div>
              )}
              {line.detail !== null && (
                <div class="consumer__detail" data-testid="consumer-detail">
                  {line.detail}
                </div>
              )}
              {line.advice !== null && <div class="hint">{line.advice}</div>}
            </li>
          );
        })}
      </ul>
      {open.length > 0 && (
        <div class="actions">
          <button
            type="button"
            class="button button--primary"
            data-testid="consumers-update"
            disabled={busy}
            onClick={() => void act({ action: "update_consumers", only: null })}
          >
            {busy ? "Updating…" : `Give the new secret to ${open.length === lines.length ? "every deployment" : `the ${open.length} not done`}`}
          </button>
          <span class="muted">Files are backed up beside themselves; commands get the secret on standard input only.</span>
        </div>
      )}
    </section>
  );
}
