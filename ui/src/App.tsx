// The shell: sidebar on the left, the current view on the right.
import { useEffect, useRef, useState } from "preact/hooks";
import { LeaveDialog } from "./components/LeaveDialog";
import { Sidebar } from "./components/Sidebar";
import { StatusMessage } from "./components/StatusMessage";
import { ipc } from "./ipc";
import { useWelcomeWhenEmpty } from "./state/firstRun";
import { useRefreshOnFocus } from "./state/profiles";
import { useBackgroundRetestOnStart } from "./state/testRuns";
import { clearAnnouncement, highlightProfile } from "./state/announce";
import { useRoute, type ViewId } from "./state/navigation";
import { unsavedChanges } from "./state/unsaved";
import { useOutcome } from "./state/useOutcome";
import { ViewBody } from "./views";

export function App() {
  const [route, go] = useRoute();
  const info = useOutcome(ipc.appInfo);
  const deciding = useWelcomeWhenEmpty(go);
  useRefreshOnFocus();
  useBackgroundRetestOnStart();
  useOpenAtTop(route.view, route.subject);
  // Leaving from the sidebar: what the last view said is done with, and a form with changes
  // asks first.
  const [leaving, setLeaving] = useState<{ to: ViewId; lost: string } | null>(null);
  const leaveFor = (view: ViewId) => {
    clearAnnouncement();
    highlightProfile(null);
    go(view);
  };
  const select = (view: ViewId) => {
    const lost = view === route.view && route.subject === null ? null : unsavedChanges();
    if (lost) setLeaving({ to: view, lost });
    else leaveFor(view);
  };
  return (
    <div class="shell">
      {/* Focuses the view itself: following "#main" would replace the route in the hash. */}
      <a
        class="skip-link"
        href="#main"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to the main content
      </a>
      <Sidebar current={route.view} onSelect={select} info={info} />
      <main id="main" tabIndex={-1} class="content" data-testid={`view-${route.view}`}>
        <StatusMessage />
        {!deciding && <ViewBody route={route} go={go} info={info} />}
      </main>
      {leaving && (
        <LeaveDialog
          lost={leaving.lost}
          onStay={() => setLeaving(null)}
          onLeave={() => {
            setLeaving(null);
            leaveFor(leaving.to);
          }}
        />
      )}
    </div>
  );
}

/** A view opens at its top with focus on its heading, as a new page would: keyboard and
 *  screen-reader users start from its title, not from the sidebar link they used. The first
 *  view of a start leaves focus alone (the skip link comes first). */
function useOpenAtTop(view: string, subject: string | null) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    // After the view's first render, which may replace a "Loading…" header; never away from a
    // field the admin (or the view itself) has focused in the new view meanwhile.
    const frame = requestAnimationFrame(() => {
      const main = document.getElementById("main");
      if (main?.contains(document.activeElement) && document.activeElement !== main) return;
      main?.querySelector<HTMLElement>('[data-testid="view-title"]')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [view, subject]);
}
