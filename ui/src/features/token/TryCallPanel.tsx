// "Try a call": after a passing test, one real call with a fresh token (never shown, never
// stored): pick any operation Zoom documents (the Sandbox answers every one), seeing the scopes
// that authorize it, or type a GET path; other methods need a tick.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LinkedText } from "../../components/LinkedText";
import { ipc, type CallMethod, type IpcError, type TryCallResult } from "../../ipc";
import { describeRateLimit } from "../../lib/format";
import { useOutcome } from "../../state/useOutcome";
import { useReveal } from "../../state/useReveal";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";

const METHODS: CallMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export function TryCallPanel({ profileId }: { profileId: string }) {
  const operations = useOutcome(ipc.catalogOperations);
  const [method, setMethod] = useState<CallMethod>("GET");
  const [path, setPath] = useState("/users/me");
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TryCallResult | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const changes = method !== "GET";
  const picked = operations.ok === true ? operations.value.find((o) => o.method === method && o.path === path) : undefined;

  const send = async () => {
    setBusy(true);
    setError(null);
    const outcome = await ipc.tryCall(profileId, { method, path, confirmed });
    setBusy(false);
    setConfirmed(false); // each change to the account is confirmed on its own
    if (outcome.ok) setResult(outcome.value);
    else setError(outcome.error);
  };
  const pick = (value: string) => {
    const [m, p] = value.split(" ");
    if (m && p && (METHODS as string[]).includes(m)) {
      setMethod(m as CallMethod);
      setPath(p);
    }
  };

  return (
    <section class="try-call" data-testid="try-call">
      <h3>Try a call</h3>
      <p class="muted">Sends one request with a fresh token to this profile's API host. The token is used once and never shown or kept.</p>
      {/* A form: Enter in the path sends (the Send button's click). */}
      <form class="toolbar" onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
        <select aria-label="Method" data-testid="try-method" value={method} onChange={(e) => setMethod(e.currentTarget.value as CallMethod)}>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <input
          aria-label="Path, or pick an operation"
          data-testid="try-path"
          list="try-operations"
          value={path}
          onInput={(e) => {
            setPath(e.currentTarget.value);
            pick(e.currentTarget.value);
          }}
        />
        <datalist id="try-operations">
          {operations.ok === true &&
            operations.value.map((o) => (
              <option key={o.method + o.path + o.variant} value={`${o.method} ${o.path}`}>
                {o.summary}
                {o.accepted_scopes.length > 0 ? ` · ${o.accepted_scopes.join(", ")}` : ""}
              </option>
            ))}
        </datalist>
        <button type="submit" class="button button--primary" data-testid="try-send" disabled={busy || (changes && !confirmed)} onClick={() => void send()}>
          {busy ? "Calling Zoom…" : "Send"}
        </button>
      </form>
      {picked && (
        <p class="muted" data-testid="try-accepted">
          {picked.operation_id}: {picked.summary}.{" "}
          {picked.accepted_scopes.length > 0 ? (
            <>
              Any one of these scopes authorizes it:{" "}
              {picked.accepted_scopes.map((s) => (
                <code key={s}>{s}</code>
              ))}
            </>
          ) : (
            "Zoom documents no scope for it: any valid token is accepted."
          )}
        </p>
      )}
      {changes && (
        <label class="checkbox" data-testid="try-confirm">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} /> {method} changes the account for real. Send it
          anyway.
        </label>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {result && <TryCallAnswer result={result} />}
    </section>
  );
}

function TryCallAnswer({ result }: { result: TryCallResult }) {
  const revealed = useReveal<HTMLDivElement>(result);
  if (result.outcome === "failed") {
    return (
      <div class="result result--failed" role="status" ref={revealed} tabIndex={-1} data-testid="try-result" data-status="none">
        <p>
          <strong>No answer:</strong> {result.failure.message}
        </p>
        <p>
          <LinkedText text={result.failure.advice} />
        </p>
      </div>
    );
  }
  const { answer, operation, authorized_by } = result;
  const ok = answer.status >= 200 && answer.status < 300;
  return (
    <div
      class={ok ? "result result--passed" : "result result--failed"}
      role="status"
      ref={revealed}
      tabIndex={-1}
      data-testid="try-result"
      data-status={answer.status}
    >
      <p>
        <strong>
          {result.method} {result.path} → {answer.status}
        </strong>{" "}
        · {answer.latency_ms} ms
        {operation && (
          <span class="muted">
            {" "}
            · {operation.operation_id}: {operation.summary}
          </span>
        )}
      </p>
      {ok && (
        <p data-testid="try-authorized">
          {authorized_by.length > 0 ? (
            <>
              Authorized by{" "}
              {authorized_by.map((s) => (
                <code key={s}>{s}</code>
              ))}
            </>
          ) : (
            "No catalog scope listed for this call (Zoom's data is silent on it)."
          )}
        </p>
      )}
      {answer.zoom_error && (
        <p>
          Zoom said: <code>{answer.zoom_error}</code>
        </p>
      )}
      {answer.explanation && (
        <p data-testid="try-explanation">
          <strong>What to do:</strong> <LinkedText text={answer.explanation} />
        </p>
      )}
      {describeRateLimit(answer.rate_limit) && <p class="muted">Rate limit: {describeRateLimit(answer.rate_limit)}</p>}
      <pre class="try-call__body" data-testid="try-body">
        {answer.body}
      </pre>
    </div>
  );
}
