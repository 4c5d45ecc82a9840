// What each view shows.
import { LimitsView } from "./features/limits/LimitsView";
import { MigrateView } from "./features/migrate/MigrateView";
import { OverviewView } from "./features/overview/OverviewView";
import { RotationView } from "./features/rotation/RotationView";
import { ScopesView } from "./features/scopes/ScopesView";
import { SettingsView } from "./features/settings/SettingsView";
import { SetupView } from "./features/setup/SetupView";
import { TokenView } from "./features/token/TokenView";
import { WebhooksView } from "./features/webhooks/WebhooksView";
import { WelcomeView } from "./features/welcome/WelcomeView";
import type { AppInfo } from "./ipc";
import type { Go, Route } from "./state/navigation";
import type { Loadable } from "./state/useOutcome";

export function ViewBody({ route, go, info }: { route: Route; go: Go; info: Loadable<AppInfo> }) {
  const { view, subject } = route;
  if (view === "welcome") return <WelcomeView go={go} />;
  if (view === "settings") return <SettingsView info={info} go={go} />;
  if (view === "overview") return <OverviewView go={go} />;
  if (view === "setup") return <SetupView key={subject ?? "new"} subject={subject} go={go} />;
  if (view === "token") return <TokenView key={subject ?? "any"} subject={subject} go={go} />;
  if (view === "webhooks") return <WebhooksView go={go} />;
  if (view === "rotate") return <RotationView key={subject ?? "any"} subject={subject} go={go} />;
  if (view === "scopes") return <ScopesView key={subject ?? "any"} subject={subject} go={go} />;
  if (view === "limits") return <LimitsView />;
  return <MigrateView go={go} />;
}
