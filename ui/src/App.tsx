// The shell: sidebar on the left, the current view on the right.
import { Sidebar } from "./components/Sidebar";
import { ipc } from "./ipc";
import { useSandboxWhenEmpty } from "./state/firstRun";
import { useRoute } from "./state/navigation";
import { useOutcome } from "./state/useOutcome";
import { ViewBody } from "./views";

export function App() {
  const [route, go] = useRoute();
  const info = useOutcome(ipc.appInfo);
  const deciding = useSandboxWhenEmpty(go);
  return (
    <div class="shell">
      <Sidebar current={route.view} onSelect={(view) => go(view)} info={info} />
      <main class="content" data-testid={`view-${route.view}`}>
        {!deciding && <ViewBody route={route} go={go} info={info} />}
      </main>
    </div>
  );
}
