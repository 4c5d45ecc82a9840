// Words for the migration screens: what each kind of finding and each flag means — the core's,
// exported with the bindings.
import { DEFAULT_NEW_NAMES, FLAG_WORDS, LEGACY_KIND_LABELS, type Finding, type Flag, type FlagWords, type LegacyKind, type NewNames } from "../ipc";

/** The names the new settings get unless the admin changes them (the core's default). */
export const DEFAULT_NAMES: NewNames = { ...DEFAULT_NEW_NAMES };

/** What a kind of finding is called (the core's word, as the CLI and the report say it). */
export function kindLabel(kind: LegacyKind): string {
  return LEGACY_KIND_LABELS[kind];
}

/** A flag's badge: short text, tone, and the sentence behind it (the core's words). */
export function flagLabel(flag: Flag): FlagWords {
  return FLAG_WORDS[flag];
}

/** The findings the migration acts on (SDK tokens are reported, not migrated). */
export function migratable(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.flags.includes("sdk_token_not_migrated"));
}

/** "2024-09-13" from Unix seconds. */
export function day(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 10);
}
