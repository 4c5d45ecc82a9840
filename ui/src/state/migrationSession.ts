// The migration in progress, kept for the session so the admin can leave to set up a profile
// and come back to the same scan. Holds no secret: findings are masked, the secret stays in
// the keychain and is only ever read by the backend.
import { useCallback, useEffect, useState } from "preact/hooks";
import type { Journal, NewNames, ScanReport } from "../ipc";
import { DEFAULT_NAMES } from "../lib/migrate";

export type MigrationSession = {
  scanId: number | null;
  report: ScanReport | null;
  profileId: string | null;
  names: NewNames;
  writeSecret: boolean;
  journal: Journal | null;
  /** Profile ids that existed when the admin left to set up the new app's profile. */
  knownProfileIds: string[] | null;
};

const EMPTY: MigrationSession = { scanId: null, report: null, profileId: null, names: DEFAULT_NAMES, writeSecret: false, journal: null, knownProfileIds: null };

let remembered: MigrationSession = EMPTY;

/** Forgets the migration in progress (tests start from a clean slate). */
export function forgetMigrationSession(): void {
  remembered = EMPTY;
}

/** The session's state and an updater; survives switching views, not a restart. */
export function useMigrationSession(): [MigrationSession, (change: Partial<MigrationSession>) => void, () => void] {
  const [session, setSession] = useState<MigrationSession>(remembered);
  useEffect(() => {
    remembered = session;
  }, [session]);
  // Stable across renders, so effects can depend on them.
  const update = useCallback((change: Partial<MigrationSession>) => setSession((s) => ({ ...s, ...change })), []);
  const reset = useCallback(() => setSession(EMPTY), []);
  return [session, update, reset];
}
