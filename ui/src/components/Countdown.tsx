// A live "expires in" countdown to a Unix time.
import { formatCountdown } from "../lib/time";
import { useNow } from "../state/useNow";

export function Countdown({ untilUnix }: { untilUnix: number }) {
  const now = useNow();
  const left = untilUnix - now / 1000;
  return (
    <span class={left > 0 ? "countdown" : "countdown countdown--expired"} data-testid="expiry-countdown">
      {formatCountdown(left)}
    </span>
  );
}
