// A result that appears below what the admin was looking at (Try a call's answer, the webhook
// report, the coverage table) is brought into view and focused, so it is seen and a screen
// reader reads it, instead of arriving silently under the fold.
import { useEffect, useRef } from "preact/hooks";

/** A ref for the result's container (give it tabIndex={-1}); `shown` is the result, or null. */
export function useReveal<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown === null || shown === undefined || shown === false) return;
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [shown]);
  return ref;
}
