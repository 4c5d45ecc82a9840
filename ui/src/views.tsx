// What each view shows. Views whose issue has not landed list what they will do.
import { ComingSoon } from "./components/ComingSoon";
import { ViewHeader } from "./components/ViewHeader";
import { ProfilesView } from "./features/profiles/ProfilesView";
import { ScopesView } from "./features/scopes/ScopesView";
import { SettingsView } from "./features/settings/SettingsView";
import { SetupView } from "./features/setup/SetupView";
import { TokenView } from "./features/token/TokenView";
import type { AppInfo } from "./ipc";
import { VIEWS, type Go, type Route } from "./state/navigation";
import type { Loadable } from "./state/useOutcome";

const PLANNED: Record<"migrate", { lead: string; features: string[] }> = {
  migrate: {
    lead: "Move a legacy JWT integration to Server-to-Server OAuth.",
    features: ["Import API Key / API Secret and hard-coded JWTs", "Find the endpoints the old integration calls", "Produce tested S2S configs"],
  },
};

export function ViewBody({ route, go, info }: { route: Route; go: Go; info: Loadable<AppInfo> }) {
  const { view, subject } = route;
  if (view === "settings") return <SettingsView info={info} />;
  if (view === "profiles") return <ProfilesView go={go} />;
  if (view === "setup") return <SetupView key={subject ?? "new"} subject={subject} go={go} />;
  if (view === "token") return <TokenView key={subject ?? "any"} subject={subject} go={go} />;
  if (view === "scopes") return <ScopesView key={subject ?? "any"} subject={subject} go={go} />;
  const label = VIEWS.find((v) => v.id === view)?.label ?? view;
  const plan = PLANNED[view];
  return (
    <>
      <ViewHeader title={label}>{plan.lead}</ViewHeader>
      <ComingSoon features={plan.features} />
    </>
  );
}
