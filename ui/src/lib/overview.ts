// The overview's rules: which badges a profile shows, how rows are filtered and sorted. Pure,
// so they are specified by unit tests; the badges' facts come from the core (ProfileHealth).
import type { Profile, ProfileHealth } from "../ipc";
import { countOf } from "./format";

/** How a badge reads: good news, something to look at, or something broken. */
export type Tone = "ok" | "muted" | "warn" | "risk";

/** One badge: a stable id (for tests and filters), its words, its tone and the longer story. */
export type Badge = { id: string; label: string; tone: Tone; detail: string };

/** A profile with its health, as one overview row. */
export type Row = { profile: Profile; health: ProfileHealth };

/** The badges for one profile, most serious first. */
export function badgesFor(health: ProfileHealth): Badge[] {
  const badges: Badge[] = [];
  if (health.token === "failing") badges.push({ id: "token-failing", label: "Token failing", tone: "risk", detail: "The latest test did not pass." });
  if (health.lost_admin_access) badges.push({ id: "lost-admin-access", label: "Lost admin access", tone: "risk", detail: health.lost_admin_access });
  if (health.missing_scopes.length > 0)
    badges.push({
      id: "scopes-missing",
      label: `${countOf(health.missing_scopes.length, "scope")} missing`,
      tone: "risk",
      detail: `Expected but not granted: ${health.missing_scopes.join(", ")}`,
    });
  if (health.owner_at_risk) badges.push({ id: "owner-at-risk", label: "Owner at risk", tone: "warn", detail: health.owner_at_risk });
  if (health.secret_due && health.secret_age_days !== null)
    badges.push({
      id: "secret-due",
      label: `Secret ${health.secret_age_days} days old`,
      tone: "warn",
      detail: `Rotate the client secret (Rotate secret, on the profile): it is older than the ${health.secret_reminder_days}-day reminder.`,
    });
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

/** Whether a profile needs the admin: anything with a warn or risk badge. */
export function needsAttention(health: ProfileHealth): boolean {
  return badgesFor(health).some((b) => b.tone === "risk" || b.tone === "warn");
}

/** The status filter's choices. */
export type StatusFilter = "all" | "attention" | "failing" | "never_tested" | "passing";

/** What narrows the list: free text (name, IDs, notes, tags), one tag, one status. */
export type Filter = { text: string; tag: string | null; status: StatusFilter };

export function matches({ profile, health }: Row, filter: Filter): boolean {
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

/** How serious a row is: lower sorts first. */
function severity(health: ProfileHealth): number {
  const badges = badgesFor(health);
  if (badges.some((b) => b.tone === "risk")) return 0;
  if (badges.some((b) => b.tone === "warn")) return 1;
  return health.token === "never_tested" ? 2 : 3;
}

const byName = (a: Row, b: Row) => a.profile.name.localeCompare(b.profile.name, undefined, { sensitivity: "base" });

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
export function allTags(profiles: Profile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.tags))].sort();
}

/** The rows of a profile list (health matched by id; a profile without one reads as never tested). */
export function rowsOf(profiles: Profile[], health: ProfileHealth[]): Row[] {
  const byId = new Map(health.map((h) => [h.id, h]));
  return profiles.map((profile) => ({
    profile,
    health: byId.get(profile.id) ?? {
      id: profile.id,
      token: "never_tested",
      tested_unix: null,
      lost_admin_access: null,
      owner_at_risk: null,
      missing_scopes: [],
      secret_age_days: null,
      secret_due: false,
      secret_reminder_days: 90,
    },
  }));
}

/** Tags typed as "prod, eu west": the comma-separated parts. The core normalizes what it stores
 *  (lower-case, dashes, once each), so the saved profile shows the final form. */
export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
