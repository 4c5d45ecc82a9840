// The shell: sidebar on the left, the current view on the right.
import { Sidebar } from "./components/Sidebar";
import { ipc } from "./ipc";
import { useWelcomeWhenEmpty } from "./state/firstRun";
import { useRefreshOnFocus } from "./state/profiles";
import { useBackgroundRetestOnStart } from "./state/testRuns";
import { useRoute } from "./state/navigation";
import { useOutcome } from "./state/useOutcome";
import { ViewBody } from "./views";

export function App() {
  const [route, go] = useRoute();
  const info = useOutcome(ipc.appInfo);
  const deciding = useWelcomeWhenEmpty(go);
  useRefreshOnFocus();
  useBackgroundRetestOnStart();
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
      <Sidebar current={route.view} onSelect={(view) => go(view)} info={info} />
      <main id="main" tabIndex={-1} class="content" data-testid={`view-${route.view}`}>
        {!deciding && <ViewBody route={route} go={go} info={info} />}
      </main>
    </div>
  );
}
