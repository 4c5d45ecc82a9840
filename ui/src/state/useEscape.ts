// Esc cancels what is open (a confirmation, a dialog) while `active`.
import { useEffect, useRef } from "preact/hooks";

export function useEscape(active: boolean, onEscape: () => void): void {
  // The latest handler, without re-subscribing on every render.
  const latest = useRef(onEscape);
  latest.current = onEscape;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") latest.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active]);
}
