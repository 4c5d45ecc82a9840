// Token tests run from anywhere in the app (one profile, "Test all", the background re-test on
// start-up). Each profile's latest run of this session is remembered, so a result in the
// overview opens in Test token in full. "Test all" is one shared run with progress and cancel,
// so leaving the overview neither stops nor duplicates it.
import { useEffect } from "preact/hooks";
import { ipc, type IpcError, type Outcome, type Profile, type TestRun } from "../ipc";
import { countOf } from "../lib/format";
import { usePreferences } from "./preferences";
import { profilesNow, refreshProfiles } from "./profiles";
import { shared, useShared } from "./store";

const runs = new Map<string, TestRun>();

/** The latest run of this profile in this session, if any. */
export function lastRun(id: string): TestRun | null {
  return runs.get(id) ?? null;
}

/** Forgets these profiles' runs of this session (the Sandbox they ran against was reset). */
export function forgetRuns(ids: string[]): void {
  for (const id of ids) runs.delete(id);
}

/** Tests one saved profile, remembers the run and refreshes the profiles list. */
export async function testProfile(id: string): Promise<Outcome<TestRun>> {
  const outcome = await ipc.testProfile(id);
  if (outcome.ok) runs.set(id, outcome.value);
  await refreshProfiles();
  return outcome;
}

/** One profile "Test all" tested, and how it went. */
export type AllResult = { id: string; name: string; ok: boolean; why: string | null; error: IpcError | null };

/** Where a "Test all" run is. */
export type AllProgress = {
  total: number;
  results: AllResult[];
  /** The profile being tested now; null once finished. */
  current: string | null;
  cancelled: boolean;
  /** Started by the background re-test preference, not by the admin. */
  background: boolean;
};

/** Why a test did not pass, in one line; null when it passed. */
export function whyNotPassed(outcome: Outcome<TestRun>): string | null {
  if (!outcome.ok) return outcome.error.message;
  const { result, record } = outcome.value;
  if (result.outcome === "failed") return `${result.failure.message}. ${result.failure.advice}`;
  // The cause is a paragraph; the row says what happened and the full result says why.
  if (record.drift) return `Lost admin access: ${countOf(record.drift.lost_scopes.length, "admin scope")} removed`;
  return record.ok ? null : record.summary;
}

const progress = shared<AllProgress | null>(null);
let cancelRequested = false;

/** Tests `profiles` one after another (never in parallel: Zoom rate-limits token requests per
 *  account). Does nothing while another run is on. */
export async function testAll(profiles: Profile[], background = false): Promise<void> {
  if (progress.get()?.current) return;
  cancelRequested = false;
  let state: AllProgress = { total: profiles.length, results: [], current: null, cancelled: false, background };
  for (const p of profiles) {
    if (cancelRequested) {
      state = { ...state, cancelled: true };
      break;
    }
    progress.set({ ...state, current: p.id });
    const outcome = await testProfile(p.id);
    const why = whyNotPassed(outcome);
    state = { ...state, results: [...state.results, { id: p.id, name: p.name, ok: why === null, why, error: outcome.ok ? null : outcome.error }] };
  }
  progress.set({ ...state, current: null });
}

/** Stops a "Test all" run after the test in progress (a token request already sent can't be recalled). */
export function cancelTestAll(): void {
  if (progress.get()?.current) cancelRequested = true;
}

/** The current or last "Test all" run; null before the first. */
export function useTestAll(): AllProgress | null {
  return useShared(progress);
}

let startUpDecided = false;

/** With the "background re-test" preference on, tests every profile once when the app starts,
 *  so the overview's badges are current. Turning the preference on later waits for the next
 *  start. Call once, from the shell. */
export function useBackgroundRetestOnStart(): void {
  const preferences = usePreferences();
  useEffect(() => {
    if (preferences.ok === "loading" || startUpDecided) return;
    startUpDecided = true;
    if (preferences.ok !== true || !preferences.value.preferences.background_retest) return;
    void profilesNow().then((list) => {
      if (list.ok === true && list.value.profiles.length > 0) void testAll(list.value.profiles, true);
    });
  }, [preferences]);
}

/** Forgets runs and progress (tests start each case afresh). */
export function resetTestRuns(): void {
  runs.clear();
  progress.reset();
  cancelRequested = false;
  startUpDecided = false;
}
