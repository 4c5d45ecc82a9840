// Step 2: what the scan found — each legacy credential (masked) with what is notable about it,
// the Zoom calls the code makes, and the scopes the new app needs (copyable).
import { useState } from "preact/hooks";
import { RateLimitPanel } from "../limits/RateLimitPanel";
import type { ScanReport } from "../../ipc";
import { countOf } from "../../lib/format";
import { day, flagLabel, kindLabel } from "../../lib/migrate";

export function FindingsPanel({ report }: { report: ScanReport }) {
  const [copied, setCopied] = useState(false);
  const scopes = report.scopes.map((s) => s.scope);
  const copy = async () => {
    await navigator.clipboard?.writeText(scopes.join(" "));
    setCopied(true);
  };
  return (
    <section class="card" data-testid="migrate-findings" data-count={report.findings.length}>
      <h2>2 · What was found</h2>
      <p class="muted">
        {countOf(report.progress.files_scanned, "file")} scanned in {report.duration_ms} ms
        {report.skipped_binary > 0 && ` · ${countOf(report.skipped_binary, "binary", "binaries")} skipped`}
        {report.cancelled && <strong> · cancelled: the lists below are partial</strong>}
      </p>
      {report.findings.length === 0 ? (
        <p class="notice notice--info">No legacy Zoom JWT settings here. Scan another folder, or the file where the integration keeps its configuration.</p>
      ) : (
        <table class="findings">
          <thead>
            <tr>
              <th>Where</th>
              <th>Kind</th>
              <th>Name</th>
              <th>Value</th>
              <th>Notes</th>
            </tr>
          </thead>
          <tbody>
            {report.findings.map((f) => (
              <tr key={`${f.file}:${f.line}:${f.kind}`} data-testid="migrate-finding">
                <td>
                  <code>
                    {f.file}:{f.line}
                  </code>
                </td>
                <td>{kindLabel(f.kind)}</td>
                <td>{f.key ? <code>{f.key}</code> : <span class="muted">hard-coded</span>}</td>
                <td>
                  <code>{f.masked}</code>
                  {f.jwt && (
                    <details>
                      <summary>
                        JWT: {f.jwt.alg ?? "?"}
                        {f.jwt.expires_at !== null && `, exp ${day(f.jwt.expires_at)}`}
                      </summary>
                      <pre class="jwt">
                        {f.jwt.header}
                        {"\n"}
                        {f.jwt.claims}
                      </pre>
                    </details>
                  )}
                </td>
                <td>
                  {f.flags.map((flag) => {
                    const l = flagLabel(flag);
                    return (
                      <span key={flag} class={`tag tag--${l.tone}`} title={l.why}>
                        {l.label}
                      </span>
                    );
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Zoom API calls ({report.calls.length})</h3>
      {report.calls.length === 0 ? (
        <p class="muted">
          No calls recognised in the code. Add the scopes your integration's calls need; "Will my integration work?" under Scopes & roles checks a list.
        </p>
      ) : (
        <ul class="operations">
          {report.calls.map((c) => (
            <li key={`${c.file}:${c.line}:${c.call}`}>
              <code>{c.call}</code> {c.operation?.summary ?? <span class="muted">not in the scope catalog</span>}{" "}
              <span class="muted">
                ({c.file}:{c.line}
                {!c.method_seen && ", method assumed"})
              </span>
            </li>
          ))}
        </ul>
      )}
      <RateLimitPanel calls={[...new Set(report.calls.filter((c) => c.operation).map((c) => c.call))]} />
      {scopes.length > 0 && (
        <div class="to-add" data-testid="migrate-scopes">
          <p>
            <strong>Scopes the new Server-to-Server app needs</strong> (fewest; granular):
          </p>
          <p class="chips">
            {scopes.map((s) => (
              <code key={s}>{s}</code>
            ))}
          </p>
          <button type="button" class="button" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy scopes"}
          </button>
          {report.scopes.some((s) => s.level !== "user") && (
            <p class="muted" data-testid="migrate-admin-note">
              Admin-level scopes can be added only by an owner whose role has admin privileges, and Zoom removes them if that role later loses them. Once the
              new app is saved and tested, check its owner under Scopes &amp; roles.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
