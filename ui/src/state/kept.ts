// A field's value that survives leaving its view and coming back (the calls pasted for coverage
// or rate limits, a project path, a receiver URL), for this session only, in memory. Never for
// a secret: those stay in their field until handed to the keychain.
import { useCallback, useState } from "preact/hooks";

const kept = new Map<string, unknown>();

/** `useState`, whose value is kept under `key` while the app runs. */
export function useKeptState<T>(key: string, initial: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => (kept.has(key) ? (kept.get(key) as T) : initial));
  const set = useCallback(
    (next: T) => {
      kept.set(key, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}

/** Forgets every kept value (tests start each case afresh). */
export function resetKept(): void {
  kept.clear();
}
