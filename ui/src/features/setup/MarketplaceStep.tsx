// Step 2: creating and activating the app in the Zoom App Marketplace, as a checklist.
import { useState } from "preact/hooks";
import { ipc, type ProfileCloud } from "../../ipc";

const TASKS = [
  'Your role has the "Server-to-Server OAuth app" permission (View/Edit): without it the app type isn\'t offered. An admin grants it under User Management → Roles → Role Settings → Advanced features',
  "Develop → Build App → Server-to-Server OAuth App, and name it",
  "App Credentials: copy the Account ID, Client ID and Client Secret",
  "Information: add a short description and a developer contact",
  "Scopes: add every scope the integration calls (admin-level scopes need an admin role)",
  "Activation: activate the app (a token is refused until you do)",
];

const MARKETPLACE: Record<Exclude<ProfileCloud, "sandbox">, string> = {
  commercial: "https://marketplace.zoom.us/",
  government: "https://marketplace.zoomgov.com/",
};

export function MarketplaceStep({ cloud, onNext }: { cloud: ProfileCloud; onNext: () => void }) {
  const [done, setDone] = useState<boolean[]>(TASKS.map(() => false));
  return (
    <div class="step" data-testid="step-marketplace">
      {cloud === "sandbox" && <p class="notice notice--info">The Sandbox already has activated apps: you can skip this step.</p>}
      <ol class="checklist">
        {TASKS.map((task, i) => (
          <li key={task}>
            <label>
              <input type="checkbox" checked={done[i]} onChange={() => setDone(done.map((d, j) => (j === i ? !d : d)))} /> {task}
            </label>
          </li>
        ))}
      </ol>
      <div class="actions">
        {cloud !== "sandbox" && (
          <button type="button" class="button button--link" onClick={() => void ipc.openExternal(MARKETPLACE[cloud])}>
            Open the Zoom App Marketplace ↗
          </button>
        )}
        <button type="button" class="button button--primary" data-testid="wizard-next" onClick={onNext}>
          {done.every(Boolean) || cloud === "sandbox" ? "Continue" : "Continue anyway"}
        </button>
      </div>
    </div>
  );
}
