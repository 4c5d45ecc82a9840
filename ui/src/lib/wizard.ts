// The Setup wizard's steps, and which one to revisit after a failed test.
import type { FailureReport } from "../ipc";

export const STEPS = ["App type", "Create the app", "Credentials", "Test token", "Save"] as const;
export type StepIndex = 0 | 1 | 2 | 3 | 4;

/** The step whose fix a failure calls for: credentials for rejected IDs and secrets,
 *  the Marketplace for app state, type and scopes, otherwise the test itself. */
export function stepToRevisit(kind: FailureReport["kind"]): StepIndex {
  switch (kind) {
    case "invalid_input":
    case "invalid_client":
    case "invalid_account":
    case "missing_credentials":
    case "host_refused":
      return 2;
    case "app_disabled":
    case "wrong_app_type":
    case "missing_scope":
      return 1;
    default:
      return 3;
  }
}

/** Answers to "which app type do I need?". */
export type AppTypeAnswers = { actsFor: "account" | "users"; userSignIn: boolean; published: boolean };

/** S2S for internal, account-wide automation; a user-managed OAuth app otherwise.
 *  (https://developers.zoom.us/docs/internal-apps/ and https://developers.zoom.us/docs/integrations/) */
export function recommendAppType(a: AppTypeAnswers): "s2s" | "user_oauth" {
  return a.actsFor === "account" && !a.userSignIn && !a.published ? "s2s" : "user_oauth";
}

/** What a token test may do to the token a deployed service holds (FACTS.md, invalidation:
 *  a new token invalidates the previous one unless Zoom raised the app's tolerance). */
export function invalidationWarning(cloud: string, tokenIndex: number | null, tolerance: number | null): string | null {
  if (cloud === "sandbox") return null;
  if (tokenIndex !== null) return `Tests use the spare token slot ${tokenIndex}, so the token your deployed service holds stays valid.`;
  if (tolerance !== null && tolerance > 1)
    return `Zoom keeps the ${tolerance} newest tokens valid for this app: a test uses one of them, which is safe while fewer than ${tolerance} services hold tokens.`;
  return "Asking Zoom for a new token can invalidate the token your deployed service is using: unless Zoom raised this app's token limit, only the newest token stays valid and the service must fetch a new one. Test when a short interruption is acceptable, or use Validate only.";
}
