// Words for the Scopes view: where the owner's role came from, how a scope stands with it, and
// turning the role picker's state into the RoleChoice the backend judges by.
import type { RoleChoice, RoleSource, ScopeVerdict } from "../ipc";

/** The picker's modes; "last_test" is what Zoom reported. */
export type RoleMode = "last_test" | "owner" | "admin" | "member" | "custom" | "pasted";

export type RolePick = { mode: RoleMode; customName: string; privileges: string[]; pasted: string };

export const INITIAL_PICK: RolePick = { mode: "last_test", customName: "", privileges: [], pasted: "" };

/** The backend's RoleChoice for a pick; null while a custom or pasted role has nothing in it
 *  yet, since there is no role to judge (an empty role would fail every scope). */
export function choiceOf(pick: RolePick): RoleChoice | null {
  switch (pick.mode) {
    case "last_test":
      return { from: "last_test" };
    case "owner":
    case "admin":
    case "member":
      return { from: "builtin", kind: pick.mode };
    case "custom":
      return pick.privileges.length === 0 ? null : { from: "custom", name: pick.customName, privileges: pick.privileges };
    case "pasted":
      return pick.pasted.trim() === "" ? null : { from: "pasted", json: pick.pasted };
  }
}

/** "Read from Zoom at the last test", "Picked by you", "Pasted from Zoom's Roles API". */
export function sourceLabel(source: RoleSource): string {
  switch (source) {
    case "zoom_api":
      return "Read from Zoom with the app's token at the last test";
    case "picked":
      return "Picked by you";
    case "pasted":
      return "Pasted from Zoom's Roles API";
  }
}

/** The badge for a verdict: "Allowed by role", "At risk", "Unknown", with "inferred" when not documented. */
export function standingLabel(verdict: ScopeVerdict): { text: string; tone: "ok" | "risk" | "unknown"; inferred: boolean } {
  const inferred = !verdict.documented;
  switch (verdict.standing) {
    case "allowed":
      return { text: "Allowed by role", tone: "ok", inferred };
    case "at_risk":
      return { text: "At risk", tone: "risk", inferred };
    case "unknown":
      return { text: "Role unknown", tone: "unknown", inferred };
  }
}
