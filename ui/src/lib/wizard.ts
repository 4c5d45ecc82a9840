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
