// The overview's words and list controls: how each of the core's findings reads as a badge, and
// how rows are filtered and sorted. What needs the admin, and how urgently, is the core's
// (ProfileHealth.concerns and .attention); this file only words it.
import type { Concern, ProfileEntry, ProfileHealth } from "../ipc";
import { countOf } from "./format";

/** How a badge reads: good news, something to look at, or something broken. */
export type Tone = "ok" | "muted" | "warn" | "risk";

/** One badge: a stable id (for tests and filters), its words, its tone and the longer story. */
export type Badge = { id: string; label: string; tone: Tone; detail: string };

/** A profile with its health, as one overview row. */
export type Row = ProfileEntry;

/** The words for one of the core's concerns. */
function concernBadge(concern: Concern, health: ProfileHealth): { id: string; label: string; detail: string } {
  switch (concern) {
    case "token_failing":
      return { id: "token-failing", label: "Token failing", detail: "The latest test did not pass." };
    case "lost_admin_access":
      return { id: "lost-admin-access", label: "Lost admin access", detail: health.lost_admin_access ?? "" };
    case "scopes_missing":
      return {
        id: "scopes-missing",
        label: `${countOf(health.missing_scopes.length, "scope")} missing`,
        detail: `Expected but not granted: ${health.missing_scopes.join(", ")}`,
      };
    case "owner_at_risk":
      return { id: "owner-at-risk", label: "Owner at risk", detail: health.owner_at_risk ?? "" };
    case "secret_due":
      return {
        id: "secret-due",
        label: `Secret ${health.secret_age_days ?? "?"} days old`,
        detail: `Rotate the client secret (Rotate secret, on the profile): it is older than the ${health.secret_reminder_days}-day reminder.`,
      };
    case "owner_gone":
      return { id: "owner-gone", label: "Owner left", detail: health.owner_message ?? "" };
    case "owner_deactivated":
      return { id: "owner-deactivated", label: "Owner deactivated", detail: health.owner_message ?? "" };
    case "transfer_pending":
    case "transfer_urgent":
      return {
        id: concern === "transfer_urgent" ? "transfer-urgent" : "transfer-pending",
        label: health.transfer?.lapsed ? "Transfer cancelled" : `Transfer: ${countOf(health.transfer?.days_left ?? 0, "day")} left`,
        detail: health.transfer?.message ?? "",
      };
  }
}

/** The badges for one profile: the core's concerns, most urgent first, then the facts. */
export function badgesFor(health: ProfileHealth): Badge[] {
  const badges: Badge[] = health.concerns.map(({ concern, urgency }) => ({ ...concernBadge(concern, health), tone: urgency }));
  if (health.token === "passing") badges.push({ id: "token-ok", label: "Token OK", tone: "ok", detail: "The latest test passed." });
  if (health.token === "never_tested")
    badges.push({ id: "never-tested", label: "Never tested", tone: "muted", detail: "Test it to see its scopes and health." });
  if (!health.secret_due && health.secret_age_days !== null)
    badges.push({
      id: "secret-age",
      label: `Secret ${health.secret_age_days === 0 ? "stored today" : `${countOf(health.secret_age_days, "day")} old`}`,
      tone: "muted",
      detail: "Days since the client secret was stored.",
    });
  return badges;
}

/** Whether a profile needs the admin (the core's word). */
export function needsAttention(health: ProfileHealth): boolean {
  return health.attention !== null;
}

/** The status filter's choices. */
export type StatusFilter = "all" | "attention" | "failing" | "never_tested" | "passing";

/** What narrows the list: free text (name, IDs, notes, tags), one tag, one status. */
export type Filter = { text: string; tag: string | null; status: StatusFilter };

export function matches(profile: Row, filter: Filter): boolean {
  const health = profile.health;
  const q = filter.text.trim().toLowerCase();
  const textOk = !q || [profile.name, profile.account_id, profile.client_id, profile.notes, ...profile.tags].some((f) => f.toLowerCase().includes(q));
  const tagOk = filter.tag === null || profile.tags.includes(filter.tag);
  const statusOk =
    filter.status === "all" ||
    (filter.status === "attention" ? needsAttention(health) : filter.status === "passing" ? health.token === "passing" : health.token === filter.status);
  return textOk && tagOk && statusOk;
}

/** The sort choices. */
export type SortKey = "attention" | "name" | "tested" | "secret_age";

/** How serious a row is, lower first: the core's urgency, then never tested, then the rest. */
function severity(health: ProfileHealth): number {
  if (health.attention === "risk") return 0;
  if (health.attention === "warn") return 1;
  return health.token === "never_tested" ? 2 : 3;
}

const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" });

/** Rows in the chosen order; ties by name. "tested" is newest first, never-tested last;
 *  "secret_age" is oldest first, unknown last. */
export function sortRows(rows: Row[], key: SortKey): Row[] {
  const compare: Record<SortKey, (a: Row, b: Row) => number> = {
    attention: (a, b) => severity(a.health) - severity(b.health),
    name: () => 0,
    tested: (a, b) => (b.health.tested_unix ?? -Infinity) - (a.health.tested_unix ?? -Infinity),
    secret_age: (a, b) => (b.health.secret_age_days ?? -1) - (a.health.secret_age_days ?? -1),
  };
  return [...rows].sort((a, b) => compare[key](a, b) || byName(a, b));
}

/** Every tag in use, alphabetically. */
export function allTags(profiles: readonly { tags: string[] }[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.tags))].sort();
}

/** Tags typed as "prod, eu west": the comma-separated parts. The core normalizes what it stores
 *  (lower-case, dashes, once each), so the saved profile shows the final form. */
export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
