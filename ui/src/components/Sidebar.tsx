// The navigation column: one button per view, and the build and Sandbox status at the foot.
import { VIEWS, type ViewId } from "../state/navigation";
import type { Loadable } from "../state/useOutcome";
import type { AppInfo } from "../ipc";
import { describeBuild, hostAndPort } from "../lib/format";

type Props = { current: ViewId; onSelect: (view: ViewId) => void; info: Loadable<AppInfo> };

export function Sidebar({ current, onSelect, info }: Props) {
  return (
    <nav class="sidebar" aria-label="Main">
      <div class="sidebar__brand">
        <span class="sidebar__logo" aria-hidden="true">
          S2S
        </span>
        <span class="sidebar__name">S2S Desk</span>
      </div>
      <ul class="sidebar__items">
        {VIEWS.map((view) => (
          <li key={view.id}>
            <button
              type="button"
              class={view.id === current ? "sidebar__item sidebar__item--active" : "sidebar__item"}
              aria-current={view.id === current ? "page" : undefined}
              data-testid={`nav-${view.id}`}
              data-icon={view.icon}
              aria-label={view.label}
              title={view.label}
              onClick={() => onSelect(view.id)}
            >
              {view.label}
            </button>
          </li>
        ))}
      </ul>
      <footer class="sidebar__footer" data-testid="sidebar-status">
        {info.ok === true && (
          <>
            <span class="badge badge--sandbox" title="A simulated Zoom on this computer">
              Sandbox
            </span>
            <code class="sidebar__sandbox">{hostAndPort(info.value.sandbox_url)}</code>
            <span class="sidebar__build">{describeBuild(info.value)}</span>
          </>
        )}
        {info.ok === false && <span class="badge badge--error">Backend unavailable</span>}
      </footer>
    </nav>
  );
}
