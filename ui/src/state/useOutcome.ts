// Runs an IPC call when a component mounts and tracks its Outcome; can run it again.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Outcome } from "../ipc";

/** An Outcome that may still be on its way. */
export type Loadable<T> = { ok: "loading" } | Outcome<T>;

/** Calls `load` on mount and on `reload()`; ignores results that arrive after unmount. `load`
 *  must keep its identity (the `ipc` facade's functions do), or every render reloads. */
export function useReloadable<T>(load: () => Promise<Outcome<T>>): [Loadable<T>, () => Promise<void>] {
  const [state, setState] = useState<Loadable<T>>({ ok: "loading" });
  const live = useRef(true);
  const reload = useCallback(async () => {
    const outcome = await load();
    if (live.current) setState(outcome);
  }, [load]);
  useEffect(() => {
    live.current = true;
    void reload();
    return () => {
      live.current = false;
    };
  }, [reload]);
  return [state, reload];
}

/** Calls `load` once on mount. */
export function useOutcome<T>(load: () => Promise<Outcome<T>>): Loadable<T> {
  return useReloadable(load)[0];
}
