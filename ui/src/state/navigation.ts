// Which view is showing. The URL hash holds it (#/settings), so reloads and the back
// button keep the admin where they were, and tests can deep-link.
import { useCallback, useEffect, useState } from "preact/hooks";

/** The views in the sidebar, in order, with the symbol a narrow window's rail shows for each. */
export const VIEWS = [
  { id: "overview", label: "Overview", icon: "▦" },
  { id: "setup", label: "Setup", icon: "+" },
  { id: "token", label: "Test token", icon: "✓" },
  { id: "scopes", label: "Scopes & roles", icon: "⚷" },
  { id: "limits", label: "Rate limits", icon: "◔" },
  { id: "rotate", label: "Rotate secret", icon: "↻" },
  { id: "webhooks", label: "Webhooks", icon: "⇄" },
  { id: "migrate", label: "Migrate from JWT", icon: "⇪" },
  { id: "settings", label: "Settings", icon: "⚙" },
] as const;

/** The first-start welcome is a view too, reached only when there is no profile yet. */
export type ViewId = (typeof VIEWS)[number]["id"] | "welcome";

export const DEFAULT_VIEW: ViewId = "overview";

/** A place in the app: a view, and what it is about (e.g. the profile being edited). */
export type Route = { view: ViewId; subject: string | null };

/** The route a hash names (#/setup/<profile id>); the default view for anything else. */
export function routeFromHash(hash: string): Route {
  const [id = "", subject = null] = hash.replace(/^#\/?/, "").split("/");
  const view = id === "welcome" ? "welcome" : (VIEWS.find((v) => v.id === id)?.id ?? DEFAULT_VIEW);
  return { view, subject: subject ? decodeURIComponent(subject) : null };
}

/** The view a hash names. */
export function viewFromHash(hash: string): ViewId {
  return routeFromHash(hash).view;
}

/** The hash for a route. */
export function hashFor(view: ViewId, subject: string | null = null): string {
  return subject ? `#/${view}/${encodeURIComponent(subject)}` : `#/${view}`;
}

/** Moves to a view. */
export type Go = (view: ViewId, subject?: string | null) => void;

/** The current route and a way to change it. */
export function useRoute(): [Route, Go] {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  // Stable across renders, so effects can depend on it.
  const go: Go = useCallback((view, subject = null) => {
    window.location.hash = hashFor(view, subject);
    setRoute({ view, subject });
  }, []);
  return [route, go];
}

/** Where to go when the current task (e.g. setting up a profile) is done; set by the view that sent the admin there. */
let comeBack: ViewId | null = null;

/** Asks the next finished task to return to `view` instead of its default. */
export function comeBackTo(view: ViewId): void {
  comeBack = view;
}

/** The view to return to, once; null when nobody asked. */
export function takeComeBack(): ViewId | null {
  const view = comeBack;
  comeBack = null;
  return view;
}
