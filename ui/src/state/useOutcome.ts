// Runs an IPC call when a component mounts and tracks its Outcome.
import { useEffect, useState } from "preact/hooks";
import type { Outcome } from "../ipc";

/** An Outcome that may still be on its way. */
export type Loadable<T> = { ok: "loading" } | Outcome<T>;

/** Calls `load` once on mount; ignores a result that arrives after unmount. */
export function useOutcome<T>(load: () => Promise<Outcome<T>>): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ ok: "loading" });
  useEffect(() => {
    let live = true;
    void load().then((outcome) => {
      if (live) setState(outcome);
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
