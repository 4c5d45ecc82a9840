// The one profiles store: every view reads the same list, loaded once and refreshed after each
// change (and when the window regains focus, since the CLI writes the same file). Views never
// call `ipc.listProfiles` themselves.
import { useEffect } from "preact/hooks";
import { ipc, type ProfileList } from "../ipc";
import { shared, useShared } from "./store";
import type { Loadable } from "./useOutcome";

const list = shared<Loadable<ProfileList>>({ ok: "loading" });
let loading: Promise<void> | null = null;
let generation = 0;

/** Reads the list again and tells every view; calls made while one is on its way share it. */
export function refreshProfiles(): Promise<void> {
  if (loading) return loading;
  const mine = generation;
  loading = ipc.listProfiles().then((outcome) => {
    loading = null;
    if (mine === generation) list.set(outcome); // else the store was reset meanwhile (tests)
  });
  return loading;
}

/** The list as it is now, for code outside components (first start, background tests). */
export async function profilesNow(): Promise<Loadable<ProfileList>> {
  if (list.get().ok === "loading") await refreshProfiles();
  return list.get();
}

/** The profiles list, kept current; loads it on first use. */
export function useProfiles(): Loadable<ProfileList> {
  return useShared(list, () => {
    if (list.get().ok === "loading") void refreshProfiles();
  });
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
  loading = null;
  list.reset();
}
