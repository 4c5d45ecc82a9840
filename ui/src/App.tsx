// The shell: sidebar on the left, the current view on the right.
import { Sidebar } from "./components/Sidebar";
import { ipc } from "./ipc";
import { useView } from "./state/navigation";
import { useOutcome } from "./state/useOutcome";
import { ViewBody } from "./views";

export function App() {
  const [view, go] = useView();
  const info = useOutcome(ipc.appInfo);
  return (
    <div class="shell">
      <Sidebar current={view} onSelect={go} info={info} />
      <main class="content" data-testid={`view-${view}`}>
        <ViewBody view={view} info={info} />
      </main>
    </div>
  );
}
