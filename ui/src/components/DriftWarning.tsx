// The loudest thing in the app: admin scopes (or owner privileges) vanished since an earlier
// test. Names what was lost, the likely cause, and the fixes, most durable first.
import type { Drift } from "../ipc";
import { LinkedText } from "./LinkedText";
import { When } from "./When";

export function DriftWarning({ drift }: { drift: Drift }) {
  return (
    <section class="drift" role="alert" data-testid="drift-warning">
      <h3>
        ⚠ This app lost admin access since the test <When unix={drift.since_unix} />
      </h3>
      {drift.lost_scopes.length > 0 && (
        <p>
          Scopes removed by Zoom:{" "}
          <span class="chips" data-testid="drift-lost-scopes">
            {drift.lost_scopes.map((s) => (
              <code key={s}>{s}</code>
            ))}
          </span>
        </p>
      )}
      {drift.lost_operations.length > 0 && (
        <p>
          Calls now impossible:{" "}
          <span class="chips" data-testid="drift-lost-operations">
            {drift.lost_operations.map((op) => (
              <code key={`${op.method} ${op.path} ${op.variant}`} title={op.summary}>
                {op.method} {op.path}
              </code>
            ))}
          </span>
        </p>
      )}
      {drift.lost_privileges.length > 0 && (
        <p>
          Owner privileges gone:{" "}
          <span class="chips">
            {drift.lost_privileges.map((p) => (
              <code key={p}>{p}</code>
            ))}
          </span>
        </p>
      )}
      <p data-testid="drift-cause">
        <strong>Likely cause:</strong> {drift.cause}
      </p>
      <ol class="drift__fixes">
        {drift.fixes.map((f) => (
          <li key={f}>
            <LinkedText text={f} />
          </li>
        ))}
      </ol>
    </section>
  );
}
