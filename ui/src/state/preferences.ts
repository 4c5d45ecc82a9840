// Preferences, as the Rust side keeps them (tauri-plugin-store), loaded once for every view.
// The theme is also remembered in localStorage, only so the first paint has the right colours
// before the preferences arrive over IPC; the store stays the source of truth.
import { ipc, type Outcome, type Preferences, type PreferencesView, type Theme } from "../ipc";
import { shared, useShared } from "./store";
import type { Loadable } from "./useOutcome";

const THEME_KEY = "s2s-theme";

const view = shared<Loadable<PreferencesView>>({ ok: "loading" });
let loading: Promise<void> | null = null;

function publish(next: Loadable<PreferencesView>) {
  if (next.ok === true) applyTheme(next.value.preferences.theme);
  view.set(next);
}

/** Loads the preferences (once; later calls share the first). */
export function loadPreferences(): Promise<void> {
  loading ??= ipc.preferences().then(publish);
  return loading;
}

/** The preferences and their limits; loads them on first use. */
export function usePreferences(): Loadable<PreferencesView> {
  return useShared(view, () => void loadPreferences());
}

/** Stores `chosen` (the Rust side checks and applies it); every view sees the result. */
export async function savePreferences(chosen: Preferences): Promise<Outcome<Preferences>> {
  const saved = await ipc.setPreferences(chosen);
  const current = view.get();
  if (saved.ok && current.ok === true) publish({ ok: true, value: { ...current.value, preferences: saved.value } });
  return saved;
}

/** Light or dark, as `theme` and the system's setting decide. */
export function resolvedTheme(theme: Theme, systemDark: boolean): "light" | "dark" {
  return theme === "system" ? (systemDark ? "dark" : "light") : theme;
}

/** Sets the page's colours: `data-theme` on <html> names light or dark; "system" follows the
 *  system's setting live. */
export function applyTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage refused (private mode): the preference still applies for this session.
  }
  followTheme(theme);
}

let unfollow: (() => void) | null = null;

function followTheme(theme: Theme) {
  unfollow?.();
  unfollow = null;
  const media = window.matchMedia?.("(prefers-color-scheme: dark)");
  const set = () => (document.documentElement.dataset.theme = resolvedTheme(theme, media?.matches ?? false));
  set();
  if (theme === "system" && media) {
    media.addEventListener("change", set);
    unfollow = () => media.removeEventListener("change", set);
  }
}

/** At start-up, before the first render: the theme last chosen, or the system's. */
export function applyRememberedTheme(): void {
  const remembered = (() => {
    try {
      return localStorage.getItem(THEME_KEY);
    } catch {
      return null; // storage refused: follow the system
    }
  })();
  followTheme(remembered === "light" || remembered === "dark" ? remembered : "system");
}

/** Forgets the preferences (tests start each case afresh). */
export function resetPreferencesStore(): void {
  loading = null;
  view.reset();
}
