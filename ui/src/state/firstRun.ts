// First start: with no saved profile, open the Welcome, whose first offer is the Sandbox, so a
// newcomer learns what this is before any form. A deep link (any hash) is left alone.
import { useEffect, useState } from "preact/hooks";
import { profilesNow } from "./profiles";
import type { Go } from "./navigation";

export const SANDBOX_SUBJECT = "sandbox";

/** The setup subject for one Sandbox app ("sandbox:<client id>"); the demo app is SANDBOX_SUBJECT. */
export function sandboxAppSubject(clientId: string): string {
  return `${SANDBOX_SUBJECT}:${clientId}`;
}

/** The Sandbox app a setup subject names: undefined for none, null for the demo app. */
export function sandboxAppOf(subject: string | null): string | null | undefined {
  if (subject === SANDBOX_SUBJECT) return null;
  return subject?.startsWith(`${SANDBOX_SUBJECT}:`) ? subject.slice(SANDBOX_SUBJECT.length + 1) : undefined;
}

/** True while deciding where to start, so the default view does not flash first. */
export function useWelcomeWhenEmpty(go: Go): boolean {
  const [deciding, setDeciding] = useState(() => !window.location.hash);
  useEffect(() => {
    if (!deciding) return;
    void profilesNow().then((outcome) => {
      if (outcome.ok === true && outcome.value.profiles.length === 0 && !window.location.hash) go("welcome");
      setDeciding(false);
    });
  }, [deciding, go]);
  return deciding;
}
