// A pause after an action before it may run again: keeps a stuck or eager button from
// hammering Zoom's token endpoint, and honours Zoom's Retry-After when it rate limits us.
import { useEffect, useRef, useState } from "preact/hooks";
import type { TestRun } from "../ipc";

/** Minimum pause between two token tests. */
export const TEST_COOLDOWN_MS = 3000;

/** The pause after a test: Zoom's Retry-After when it gave one, never less than the minimum. */
export function cooldownAfter(run: TestRun | null): number {
  const retryAfterSecs = run?.result.outcome === "failed" ? (run.result.failure.retry_after_secs ?? 0) : 0;
  return Math.max(TEST_COOLDOWN_MS, retryAfterSecs * 1000);
}

/** [whole seconds left (0 = ready), start a pause of `ms`] — the seconds tick live. */
export function useCooldown(): [number, (ms?: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);
  const start = (ms: number = TEST_COOLDOWN_MS) => {
    stop();
    const end = Date.now() + ms;
    setUntil(end);
    setNow(Date.now());
    timer.current = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= end) stop();
    }, 250);
  };
  return [Math.max(0, Math.ceil((until - now) / 1000)), start];
}
