// Preferences: theme, the cloud new profiles start on, how S2S Desk reaches Zoom (timeout,
// proxy, extra CA), how much history to keep, and the background re-test. Saved as a whole;
// the Rust side checks, applies and stores them, and a refusal changes nothing.
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ipc, type IpcError, type PreferenceField, type PreferenceProblem, type Preferences, type ProfileCloud, type ProxyMode, type Theme } from "../../ipc";
import { applyTheme, savePreferences, usePreferences } from "../../state/preferences";
import { useUnsavedChanges } from "../../state/unsaved";
import { enterClicksDefault, keepOnPage } from "../../lib/forms";

const THEMES: { id: Theme; label: string }[] = [
  { id: "system", label: "Follow the system" },
  { id: "light", label: "Light" },
  { id: "dark", label: "Dark" },
];

const CLOUDS: { id: ProfileCloud; label: string }[] = [
  { id: "commercial", label: "Zoom (zoom.us)" },
  { id: "government", label: "Zoom for Government (zoomgov.com)" },
  { id: "sandbox", label: "Sandbox (simulated)" },
];

const PROXIES: { id: ProxyMode; label: string }[] = [
  { id: "system", label: "The system's (HTTPS_PROXY, NO_PROXY)" },
  { id: "none", label: "None: connect to Zoom directly" },
  { id: "custom", label: "This proxy:" },
];

export function PreferencesPanel() {
  const view = usePreferences();
  const [draft, setDraft] = useState<Preferences | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const stored = view.ok === true ? view.value.preferences : null;
  useEffect(() => {
    if (stored) setDraft((d) => d ?? stored);
  }, [stored]);
  const problems = useProblems(draft);
  const changed = draft !== null && JSON.stringify(draft) !== JSON.stringify(stored);
  useUnsavedChanges(changed, "Your changes to the preferences");
  // The theme shows at once, as a preview; leaving without saving puts the saved one back.
  const draftTheme = draft?.theme;
  useEffect(() => {
    if (draftTheme) applyTheme(draftTheme);
  }, [draftTheme]);
  const storedTheme = useRef(stored?.theme);
  storedTheme.current = stored?.theme;
  useEffect(
    () => () => {
      if (storedTheme.current) applyTheme(storedTheme.current);
    },
    [],
  );

  if (view.ok === "loading" || (view.ok === true && !draft)) return <section class="card">Loading preferences…</section>;
  if (view.ok === false)
    return (
      <section class="card">
        <h2>Preferences</h2>
        <ErrorNotice error={view.error} />
      </section>
    );
  if (!draft) return null;
  const {
    timeout_range: [minTimeout, maxTimeout],
    history_max: historyMax,
    notice,
  } = view.value;
  const set = (change: Partial<Preferences>) => {
    setDraft({ ...draft, ...change });
    setSaved(false);
  };
  const problemOf = (field: PreferenceField) => problems.find((p) => p.field === field) ?? null;
  const invalid = (field: PreferenceField) => ({
    "aria-invalid": problemOf(field) !== null,
    "aria-describedby": problemOf(field) ? `pref-problem-${field}` : undefined,
  });
  const save = async () => {
    setSaving(true);
    const outcome = await savePreferences(draft);
    setSaving(false);
    setError(outcome.ok ? null : outcome.error);
    if (outcome.ok) {
      setDraft(outcome.value);
      setSaved(true);
    }
  };
  const chooseCaBundle = async () => {
    const chosen = await ipc.pickPath(false);
    if (chosen.ok && chosen.value) set({ ca_bundle: chosen.value });
  };

  return (
    // A form: Enter in a field saves (the Save button's click), once the values allow it.
    <form class="card" data-testid="preferences" aria-labelledby="preferences-title" onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
      <h2 id="preferences-title">Preferences</h2>
      {notice && (
        <p class="notice notice--warning" role="alert" data-testid="preferences-notice">
          {notice}
        </p>
      )}
      <div class="form-grid">
        <label for="pref-theme">Theme</label>
        <div class="inline-field">
          <select id="pref-theme" data-testid="pref-theme" value={draft.theme} onChange={(e) => set({ theme: e.currentTarget.value as Theme })}>
            {THEMES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
          {draft.theme !== stored?.theme && <span class="muted">Shown now; Save keeps it.</span>}
        </div>

        <label for="pref-cloud">New profiles start on</label>
        <select
          id="pref-cloud"
          data-testid="pref-cloud"
          value={draft.default_cloud}
          onChange={(e) => set({ default_cloud: e.currentTarget.value as ProfileCloud })}
        >
          {CLOUDS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>

        <label for="pref-timeout">Request timeout</label>
        <div class="inline-field">
          <input
            id="pref-timeout"
            data-testid="pref-timeout"
            type="number"
            min={minTimeout}
            max={maxTimeout}
            value={draft.request_timeout_secs}
            onInput={(e) => set({ request_timeout_secs: Number(e.currentTarget.value) })}
            {...invalid("request_timeout")}
          />
          <span class="muted">
            seconds for a whole test ({minTimeout}–{maxTimeout})
          </span>
          <Problem problem={problemOf("request_timeout")} />
        </div>

        <label for="pref-proxy">Proxy</label>
        <div class="stacked-field">
          <select id="pref-proxy" data-testid="pref-proxy" value={draft.proxy} onChange={(e) => set({ proxy: e.currentTarget.value as ProxyMode })}>
            {PROXIES.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {draft.proxy === "custom" && (
            <input
              aria-label="Proxy URL"
              data-testid="pref-proxy-url"
              placeholder="http://proxy.example:3128"
              value={draft.proxy_url}
              onInput={(e) => set({ proxy_url: e.currentTarget.value })}
              {...invalid("proxy_url")}
            />
          )}
          <Problem problem={problemOf("proxy_url")} />
          <span class="muted">The Sandbox and other addresses on this computer never go through a proxy.</span>
        </div>

        <label for="pref-ca">Extra CA certificates</label>
        <div class="stacked-field">
          <div class="inline-field">
            <input
              id="pref-ca"
              data-testid="pref-ca"
              placeholder="None: the built-in roots only"
              value={draft.ca_bundle ?? ""}
              onInput={(e) => set({ ca_bundle: e.currentTarget.value.trim() === "" ? null : e.currentTarget.value })}
              {...invalid("ca_bundle")}
            />
            <button type="button" class="button" onClick={() => void chooseCaBundle()}>
              Choose…
            </button>
          </div>
          <Problem problem={problemOf("ca_bundle")} />
          <span class="muted">A PEM file, for networks whose proxy inspects TLS with its own certificate authority.</span>
        </div>

        <label for="pref-history">History</label>
        <div class="inline-field">
          <input
            id="pref-history"
            data-testid="pref-history"
            type="number"
            min={1}
            max={historyMax}
            value={draft.history_retention}
            onInput={(e) => set({ history_retention: Number(e.currentTarget.value) })}
            {...invalid("history_retention")}
          />
          <span class="muted">tests kept per profile (at most {historyMax})</span>
          <Problem problem={problemOf("history_retention")} />
        </div>

        <span class="form-grid__label">Background re-test</span>
        <label class="checkbox">
          <input
            type="checkbox"
            data-testid="pref-retest"
            checked={draft.background_retest}
            onChange={(e) => set({ background_retest: e.currentTarget.checked })}
          />
          Test every profile when S2S Desk starts, so the overview's badges are current (each test asks Zoom for a token).
        </label>
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <div class="actions">
        <button
          type="submit"
          class="button button--primary"
          data-testid="pref-save"
          disabled={!changed || saving || problems.length > 0}
          onClick={() => void save()}
        >
          {saving ? "Saving…" : "Save preferences"}
        </button>
        {saved && !changed && (
          <span role="status" class="muted" data-testid="pref-saved">
            Saved and in force.
          </span>
        )}
      </div>
    </form>
  );
}

/** The core's findings for the preferences being edited, refreshed shortly after each change. */
function useProblems(draft: Preferences | null): PreferenceProblem[] {
  const [problems, setProblems] = useState<PreferenceProblem[]>([]);
  useEffect(() => {
    if (!draft) return;
    let live = true;
    const timer = setTimeout(async () => {
      const outcome = await ipc.checkPreferences(draft);
      if (live && outcome.ok) setProblems(outcome.value);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft]);
  return problems;
}

/** A field's problem, in a sentence under it; gone once the value is corrected. */
function Problem({ problem }: { problem: PreferenceProblem | null }) {
  if (!problem) return null;
  return (
    <p class="field-problem" id={`pref-problem-${problem.field}`} data-testid={`pref-problem-${problem.field}`} role="status">
      {problem.message}
    </p>
  );
}
