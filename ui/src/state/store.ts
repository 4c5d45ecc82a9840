// A value shared by every component that reads it (the profiles list, the preferences, the
// "Test all" run): set from anywhere, re-rendering each reader. The one pattern behind the
// app-wide stores.
import { useEffect, useState } from "preact/hooks";

export type Shared<T> = {
  /** The value now. */
  get: () => T;
  /** Replaces the value and tells every reader. */
  set: (next: T) => void;
  /** Back to the first value, with no reader (tests start each case afresh). */
  reset: () => void;
  /** Calls `listener` with each new value until the returned function is called. */
  subscribe: (listener: (value: T) => void) => () => void;
};

export function shared<T>(initial: T): Shared<T> {
  let current = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => current,
    set(next) {
      current = next;
      listeners.forEach((listener) => listener(next));
    },
    reset() {
      current = initial;
      listeners.clear();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The shared value, kept current in this component; `onMount` runs when it starts reading
 *  (e.g. to load the value the first time). */
export function useShared<T>(value: Shared<T>, onMount?: () => void): T {
  const [seen, setSeen] = useState(value.get);
  useEffect(() => {
    const unsubscribe = value.subscribe(setSeen);
    setSeen(value.get());
    onMount?.();
    return unsubscribe;
    // Mount only: the store and the loader are module-level and never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return seen;
}
