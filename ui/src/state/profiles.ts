// The one profiles store: every view reads the same list, loaded once and refreshed after each
// change (and when the window regains focus, since the CLI writes the same file). Views never
// call `ipc.listProfiles` themselves.
import { useEffect, useState } from "preact/hooks";
import { ipc, type ProfileList } from "../ipc";
import type { Loadable } from "./useOutcome";

let current: Loadable<ProfileList> = { ok: "loading" };
let loading: Promise<void> | null = null;
let generation = 0;
const listeners = new Set<(list: Loadable<ProfileList>) => void>();

/** Reads the list again and tells every view; calls made while one is on its way share it. */
export function refreshProfiles(): Promise<void> {
  if (loading) return loading;
  const mine = generation;
  loading = ipc.listProfiles().then((outcome) => {
    loading = null;
    if (mine !== generation) return; // the store was reset meanwhile (tests)
    current = outcome;
    listeners.forEach((listener) => listener(current));
  });
  return loading;
}

/** The list as it is now, for code outside components (first start, background tests). */
export async function profilesNow(): Promise<Loadable<ProfileList>> {
  if (current.ok === "loading") await refreshProfiles();
  return current;
}

/** The profiles list, kept current; loads it on first use. */
export function useProfiles(): Loadable<ProfileList> {
  const [list, setList] = useState(current);
  useEffect(() => {
    listeners.add(setList);
    if (current.ok === "loading") void refreshProfiles();
    else setList(current);
    return () => {
      listeners.delete(setList);
    };
  }, []);
  return list;
}

/** Refreshes the list whenever the window comes back to the front. Call once, from the shell. */
export function useRefreshOnFocus(): void {
  useEffect(() => {
    const refresh = () => void refreshProfiles();
    window.addEventListener("focus", refresh);
    return () => window.removeEventListener("focus", refresh);
  }, []);
}

/** Forgets the list (tests start each case afresh). */
export function resetProfilesStore(): void {
  generation += 1;
  current = { ok: "loading" };
  loading = null;
  listeners.clear();
}
