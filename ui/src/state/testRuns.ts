// Token tests run from anywhere in the app (one profile, "Test all", the background re-test on
// start-up). Each profile's latest run of this session is remembered, so a result in the
// overview opens in Test token in full. "Test all" is one shared run with progress and cancel,
// so leaving the overview neither stops nor duplicates it; the core paces it per account.
import { useEffect } from "preact/hooks";
import { ipc, type AccountPace, type IpcError, type Outcome, type Profile, type TestRun } from "../ipc";
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
  /** Still testing. */
  running: boolean;
  cancelled: boolean;
  /** Started by the background re-test preference, not by the admin. */
  background: boolean;
  /** Each account's pace, as the core planned it (empty until it has). */
  accounts: AccountPace[];
  /** The run as a whole failed to start or to record (another run on, the file unwritable). */
  error: IpcError | null;
};

/** Why a test did not pass, in one line (the core's words); null when it passed. */
export function whyNotPassed(outcome: Outcome<TestRun>): string | null {
  if (!outcome.ok) return outcome.error.message;
  return outcome.value.why_not_passed;
}

const progress = shared<AllProgress | null>(null);

/** Results are shown a few times a second, not one render per result: with hundreds of
 *  profiles, scrolling and filtering stay smooth while the run goes on. */
const SHOW_EVERY_MS = 250;

/** Tests `profiles` at once, each account paced within its rate limits by the core (Zoom
 *  limits calls per account); results arrive as they come. Does nothing while a run is on. */
export async function testAll(profiles: Profile[], background = false): Promise<void> {
  if (progress.get()?.running) return;
  let state: AllProgress = { total: profiles.length, results: [], running: true, cancelled: false, background, accounts: [], error: null };
  progress.set(state);
  let pending: AllResult[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const show = () => {
    timer = null;
    if (pending.length === 0) return;
    state = { ...state, results: [...state.results, ...pending] };
    pending = [];
    progress.set(state);
  };
  const outcome = await ipc.testProfiles(
    profiles.map((p) => p.id),
    (event) => {
      if (event.event === "started") {
        state = { ...state, total: event.total, accounts: event.accounts };
        progress.set(state);
      } else if (event.event === "tested") {
        runs.set(event.id, event.run);
        pending.push({ id: event.id, name: event.name, ok: event.run.why_not_passed === null, why: event.run.why_not_passed, error: null });
        timer ??= setTimeout(show, SHOW_EVERY_MS);
      } else {
        state = { ...state, cancelled: event.cancelled };
      }
    },
  );
  if (timer) clearTimeout(timer);
  show();
  progress.set({ ...state, running: false, error: outcome.ok ? null : outcome.error });
  await refreshProfiles();
}

/** Stops a "Test all" run after the tests already sent (a token request already sent can't be recalled). */
export function cancelTestAll(): void {
  if (progress.get()?.running) void ipc.cancelTestAll();
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
  startUpDecided = false;
}
