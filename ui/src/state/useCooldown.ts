// A pause after an action before it may run again: keeps a stuck or eager button from
// hammering Zoom's token endpoint.
import { useEffect, useRef, useState } from "preact/hooks";

/** Minimum pause between two token tests. */
export const TEST_COOLDOWN_MS = 3000;

/** [cooling down?, start the pause] */
export function useCooldown(ms: number = TEST_COOLDOWN_MS): [boolean, () => void] {
  const [coolingDown, setCoolingDown] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const start = () => {
    setCoolingDown(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCoolingDown(false), ms);
  };
  return [coolingDown, start];
}
