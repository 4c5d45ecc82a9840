// What each view shows. Views whose issue has not landed list what they will do.
import { ComingSoon } from "./components/ComingSoon";
import { ViewHeader } from "./components/ViewHeader";
import { SettingsView } from "./features/settings/SettingsView";
import type { AppInfo } from "./ipc";
import { VIEWS, type ViewId } from "./state/navigation";
import type { Loadable } from "./state/useOutcome";

const PLANNED: Record<Exclude<ViewId, "settings">, { lead: string; features: string[] }> = {
  profiles: {
    lead: "Your Server-to-Server OAuth apps, one profile each.",
    features: ["Profiles per app and cloud, secrets kept in the system keychain", "The Sandbox profile, ready without a Zoom account"],
  },
  setup: {
    lead: "Create an S2S app in the Zoom App Marketplace and bring its credentials here.",
    features: ["Step-by-step Marketplace walkthrough", "Checks pasted IDs and secrets before anything is sent", "Help choosing S2S or a user OAuth app"],
  },
  token: {
    lead: "Ask Zoom for a token and see exactly what came back.",
    features: ["Scopes granted, expiry, API base URL and latency", "A precise explanation of every failure"],
  },
  scopes: {
    lead: "The scopes your app holds, and the ones its owner's role allows.",
    features: ["Scopes grouped by product and level", "A warning before a role change strips admin scopes"],
  },
  migrate: {
    lead: "Move a legacy JWT integration to Server-to-Server OAuth.",
    features: ["Import API Key / API Secret and hard-coded JWTs", "Find the endpoints the old integration calls", "Produce tested S2S configs"],
  },
};

export function ViewBody({ view, info }: { view: ViewId; info: Loadable<AppInfo> }) {
  if (view === "settings") return <SettingsView info={info} />;
  const label = VIEWS.find((v) => v.id === view)?.label ?? view;
  const plan = PLANNED[view];
  return (
    <>
      <ViewHeader title={label}>{plan.lead}</ViewHeader>
      <ComingSoon features={plan.features} />
    </>
  );
}
