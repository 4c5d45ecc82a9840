// Settings: preferences, what build is running, the Sandbox, and Zoom's own guides.
import { useState } from "preact/hooks";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ViewHeader } from "../../components/ViewHeader";
import { ipc, type AppInfo, type IpcError } from "../../ipc";
import type { Loadable } from "../../state/useOutcome";
import { PreferencesPanel } from "./PreferencesPanel";
import type { Go } from "../../state/navigation";
import { SandboxPanel } from "./SandboxPanel";

/** Zoom pages the app links to; s2s-core's allowlist must accept each. */
export const ZOOM_GUIDES = [
  { label: "Zoom's Server-to-Server OAuth guide", url: "https://developers.zoom.us/docs/internal-apps/s2s-oauth/" },
  { label: "Zoom App Marketplace", url: "https://marketplace.zoom.us/" },
] as const;

export function SettingsView({ info, go }: { info: Loadable<AppInfo>; go: Go }) {
  const [linkError, setLinkError] = useState<IpcError | null>(null);
  const open = async (url: string) => {
    const outcome = await ipc.openExternal(url);
    setLinkError(outcome.ok ? null : outcome.error);
  };
  return (
    <>
      <ViewHeader title="Settings">Preferences, this build, the Sandbox, and where to read more.</ViewHeader>
      <PreferencesPanel />
      <section class="card" data-testid="app-info">
        <h2>About</h2>
        {info.ok === "loading" && <p class="muted">Asking the app…</p>}
        {info.ok === false && <ErrorNotice error={info.error} />}
        {info.ok === true && (
          <dl class="facts">
            <dt>Version</dt>
            <dd data-testid="app-info-version">{info.value.version}</dd>
            <dt>Commit</dt>
            <dd>
              <code data-testid="app-info-commit">{info.value.commit}</code>
            </dd>
            <dt>Build</dt>
            <dd data-testid="app-info-profile">{info.value.build_profile}</dd>
            <dt>Scope catalog</dt>
            <dd>{info.value.catalog}</dd>
            <dt>Tauri</dt>
            <dd>{info.value.tauri_version}</dd>
            <dt>Sandbox</dt>
            <dd>
              <code data-testid="app-info-sandbox">{info.value.sandbox_url}</code>
              <span class="muted"> — a simulated Zoom on this computer; nothing sent there leaves it.</span>
            </dd>
          </dl>
        )}
      </section>
      <SandboxPanel go={go} />
      <section class="card">
        <h2>Zoom guides</h2>
        <p class="muted">These open in your web browser.</p>
        <div class="actions">
          {ZOOM_GUIDES.map((guide) => (
            <button type="button" class="button button--link" key={guide.url} onClick={() => void open(guide.url)}>
              {guide.label} ↗
            </button>
          ))}
        </div>
        {linkError && <ErrorNotice error={linkError} onDismiss={() => setLinkError(null)} />}
      </section>
    </>
  );
}
