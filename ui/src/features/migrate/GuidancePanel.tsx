// Step 4: how the code gets its token after the migration, per language found.
import type { MigrationPlan } from "../../ipc";

export function GuidancePanel({ guidance }: { guidance: MigrationPlan["guidance"] }) {
  return (
    <section class="card" data-testid="migrate-guidance">
      <h2>4 · Change how the code gets its token</h2>
      <p class="muted">
        JWT signing goes; the app asks Zoom for a token with its client credentials and reuses it until just before it expires (Zoom asks integrations to reuse
        tokens; since June 2023 a new token no longer invalidates the previous one). The API calls stay the same.
      </p>
      {guidance.map((g, i) => (
        <details key={g.language} open={i === 0} data-testid="migrate-guidance-language" data-language={g.language}>
          <summary>{g.name}</summary>
          <div class="before-after">
            <div>
              <h4>Before (JWT)</h4>
              <pre>{g.before}</pre>
            </div>
            <div>
              <h4>After (Server-to-Server)</h4>
              <pre>{g.after}</pre>
            </div>
          </div>
          {g.webhook && (
            <div data-testid="migrate-guidance-webhook">
              <h4>Webhooks: the Verification Token is deprecated — verify x-zm-signature with the Secret Token</h4>
              <pre>{g.webhook}</pre>
            </div>
          )}
        </details>
      ))}
    </section>
  );
}
