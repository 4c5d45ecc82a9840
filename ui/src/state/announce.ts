// What the last action did, in a sentence: Save, Duplicate, Delete, a finished rotation, a
// migration applied or undone. The shell shows it above the view in a status region, so screen
// readers announce it, and it stays until the admin moves on to another view.
import { shared, useShared } from "./store";

export type Announcement = { text: string; /** Tells two equal messages apart. */ seq: number };

const latest = shared<Announcement | null>(null);
let seq = 0;

/** Says what just happened. */
export function announce(text: string): void {
  seq += 1;
  latest.set({ text, seq });
}

/** Clears the message (the admin moved on). */
export function clearAnnouncement(): void {
  if (latest.get() !== null) latest.set(null);
}

/** The message now, kept current. */
export function useAnnouncement(): Announcement | null {
  return useShared(latest);
}

/** The profile just created or duplicated: its row is scrolled to and marked. */
const newProfile = shared<string | null>(null);

export function highlightProfile(id: string | null): void {
  newProfile.set(id);
}

export function useHighlightedProfile(): string | null {
  return useShared(newProfile);
}

/** Forgets both (tests start each case afresh). */
export function resetAnnouncements(): void {
  latest.reset();
  newProfile.reset();
}
