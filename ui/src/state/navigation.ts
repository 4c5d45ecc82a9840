// Which view is showing. The URL hash holds it (#/settings), so reloads and the back
// button keep the admin where they were, and tests can deep-link.
import { useEffect, useState } from "preact/hooks";

/** Every view, in sidebar order. */
export const VIEWS = [
  { id: "profiles", label: "Profiles" },
  { id: "setup", label: "Setup" },
  { id: "token", label: "Test token" },
  { id: "scopes", label: "Scopes & roles" },
  { id: "migrate", label: "Migrate from JWT" },
  { id: "settings", label: "Settings" },
] as const;

export type ViewId = (typeof VIEWS)[number]["id"];

export const DEFAULT_VIEW: ViewId = "profiles";

/** The view a hash names; the default view for anything else. */
export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, "");
  return VIEWS.find((view) => view.id === id)?.id ?? DEFAULT_VIEW;
}

/** The hash for a view. */
export function hashFor(view: ViewId): string {
  return `#/${view}`;
}

/** The current view and a way to change it. */
export function useView(): [ViewId, (view: ViewId) => void] {
  const [view, setView] = useState(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => setView(viewFromHash(window.location.hash));
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  const go = (next: ViewId) => {
    window.location.hash = hashFor(next);
    setView(next);
  };
  return [view, go];
}
