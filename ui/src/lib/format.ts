// Pure formatting helpers for the shell; no IPC, no DOM.
import type { AppInfo, RateLimitInfo } from "../ipc";

/** "v0.1.0 · debug build" */
export function describeBuild(info: Pick<AppInfo, "version" | "build_profile">): string {
  return `v${info.version} · ${info.build_profile} build`;
}

/** "127.0.0.1:4123" from "http://127.0.0.1:4123"; the input itself when it is not a URL. */
export function hostAndPort(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** "1 file", "2 files", "0 files": a count with its noun in the right number. */
export function countOf(n: number, noun: string, plural: string = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}

/** "Light · Daily-limit · 999/1000 left" from Zoom's rate-limit headers; null when Zoom sent none. */
export function describeRateLimit(r: RateLimitInfo | null): string | null {
  if (!r || (r.limit === null && r.category === null)) return null;
  const budget = r.limit === null ? "" : ` · ${r.remaining ?? "?"}/${r.limit} left`;
  return `${[r.category, r.limit_type].filter(Boolean).join(" · ")}${budget}`;
}

/** A message from the core as a sentence: capital first letter, full stop. */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
