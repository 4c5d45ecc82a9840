// Changes a form holds that are not saved yet. A view with such changes registers what would be
// lost; leaving it from the sidebar asks first (the shell's LeaveDialog), so a half-filled
// wizard or a changed form is never dropped silently.
import { useLayoutEffect } from "preact/hooks";

const unsaved = new Map<symbol, string>();

/** While `dirty`, leaving the view asks first; `what` says what would be lost ("the values typed in Setup"). */
export function useUnsavedChanges(dirty: boolean, what: string): void {
  // A layout effect: registered in the same task as the keystroke's render, so a click on the
  // sidebar right after typing already knows (a plain effect waits for the next frame).
  useLayoutEffect(() => {
    if (!dirty) return;
    const key = Symbol(what);
    unsaved.set(key, what);
    return () => void unsaved.delete(key);
  }, [dirty, what]);
}

/** What leaving now would lose, if anything. */
export function unsavedChanges(): string | null {
  return [...unsaved.values()][0] ?? null;
}

/** Forgets every registration (tests start each case afresh). */
export function resetUnsaved(): void {
  unsaved.clear();
}
