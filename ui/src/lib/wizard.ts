// The Setup wizard's steps, and which one to revisit after a failed test.
import type { FailureReport, TokenRule } from "../ipc";

export const STEPS = ["App type", "Create the app", "Credentials", "Test token", "Save"] as const;
export type StepIndex = 0 | 1 | 2 | 3 | 4;

/** The step whose fix a failure calls for: credentials for rejected IDs and secrets, the
 *  Marketplace for app state, type and scopes. None when no earlier step can fix it (a rate
 *  limit, a timeout, Zoom's own outage): offering one would send the admin to nothing to fix. */
export function stepToRevisit(kind: FailureReport["kind"]): StepIndex | null {
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
      return null;
  }
}

/** The form field (its element id) a failure calls to fix, so "Go to the step to fix" lands on
 *  it: the value the core flagged, else the one the failure names (invalid_client: the secret,
 *  the value most often pasted wrong). */
export function fieldToFix(failure: Pick<FailureReport, "kind" | "issues">): string | null {
  const flagged = failure.issues.find((i) => i.severity === "error")?.field;
  if (flagged) return FIELD_IDS[flagged];
  switch (failure.kind) {
    case "invalid_account":
      return "account-id";
    case "invalid_client":
    case "missing_credentials":
      return "client-secret";
    case "host_refused":
      return "profile-cloud";
    default:
      return null;
  }
}

/** The element id of each credential field. */
export const FIELD_IDS = { account_id: "account-id", client_id: "client-id", client_secret: "client-secret" } as const;

/** Answers to "which app type do I need?". */
export type AppTypeAnswers = { actsFor: "account" | "users"; userSignIn: boolean; published: boolean };

/** S2S for internal, account-wide automation; a user-managed OAuth app otherwise.
 *  (https://developers.zoom.us/docs/internal-apps/ and https://developers.zoom.us/docs/integrations/) */
export function recommendAppType(a: AppTypeAnswers): "s2s" | "user_oauth" {
  return a.actsFor === "account" && !a.userSignIn && !a.published ? "s2s" : "user_oauth";
}

/** What a token test may do to the token a deployed service holds. Since June 2023 an S2S app's
 *  tokens coexist (FACTS.md, "Multiple live tokens"), so only an app known to still follow the
 *  old one-token rule (its coexistence check said so) is warned. */
export function invalidationWarning(cloud: string, tokenRule: TokenRule | null | undefined): string | null {
  if (cloud === "sandbox" || tokenRule !== "one_token") return null;
  return "This app still follows the old one-token rule: a new token invalidates the token your deployed service is using, and the service must fetch a new one. Test when a short interruption is acceptable, or use Validate only.";
}
