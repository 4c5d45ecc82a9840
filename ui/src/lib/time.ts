// Time formatting for expiry countdowns and test history.
import { countOf } from "./format";

/** "59:58", "1:02:03", or "expired" once `seconds` reaches zero. */
export function formatCountdown(seconds: number): string {
  if (seconds <= 0) return "expired";
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function timeAgo(thenUnix: number, nowMs: number = Date.now()): string {
  const seconds = Math.max(0, Math.floor(nowMs / 1000 - thenUnix));
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${countOf(Math.floor(seconds / 86400), "day")} ago`;
}

/** "2026-11-30 20:35:15 UTC": the exact moment, for hover text and exports. UTC because Zoom's
 *  daily limits reset at 00:00 UTC. */
export function exactTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
