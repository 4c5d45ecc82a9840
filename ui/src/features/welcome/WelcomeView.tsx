// First start: what S2S Desk is, and the two ways in — the Sandbox, or the admin's own app.
import { ViewHeader } from "../../components/ViewHeader";
import { SANDBOX_SUBJECT } from "../../state/firstRun";
import type { Go } from "../../state/navigation";

export function WelcomeView({ go }: { go: Go }) {
  return (
    <>
      <ViewHeader title="Welcome to S2S Desk">
        Set up and test your Zoom Server-to-Server OAuth apps, see what their scopes allow and what a role change would take away, and move old JWT integrations
        over.
      </ViewHeader>
      <section class="card welcome" data-testid="welcome">
        <div class="welcome__choice">
          <h2>Try it on the Sandbox</h2>
          <p>The Sandbox is a simulated Zoom running on this computer, with demo apps and users: nothing is sent to Zoom and no account is needed.</p>
          <button type="button" class="button button--primary" data-testid="try-sandbox" onClick={() => go("setup", SANDBOX_SUBJECT)}>
            Try the Sandbox
          </button>
        </div>
        <div class="welcome__choice">
          <h2>Add your Zoom app</h2>
          <p>Have your app's Account ID, Client ID and Client Secret from the Zoom App Marketplace at hand, or create the app as the guide shows.</p>
          <button type="button" class="button" data-testid="add-your-app" onClick={() => go("setup")}>
            Add your Zoom app
          </button>
        </div>
      </section>
    </>
  );
}
