// A moment as "5 min ago", with the exact time on hover and for assistive technology.
import { exactTime, timeAgo } from "../lib/time";

export function When({ unix }: { unix: number }) {
  return (
    <time dateTime={new Date(unix * 1000).toISOString()} title={exactTime(unix)} data-testid="when">
      {timeAgo(unix)}
    </time>
  );
}
