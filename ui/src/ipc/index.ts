// The only module that imports the generated bindings or @tauri-apps/*. Views and state call
// `ipc.*` and always get an `Outcome`: a value, or an `IpcError` with a stable `kind`, a
// `message` and maybe a `hint`. Rejections that are not IpcErrors (a missing command, a Rust
// panic, no Tauri at all) become kind "internal" here, so every view has one error shape.
import { commands, type AppInfo, type ErrorKind, type IpcError as GeneratedIpcError } from "./bindings";

export type { AppInfo, ErrorKind };

/** An error as views see it (the generated type, with `hint` always present). */
export type IpcError = { kind: ErrorKind; message: string; hint: string | null };

/** What every `ipc.*` call resolves to; it never rejects. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: IpcError };

const ERROR_KINDS: readonly ErrorKind[] = ["internal", "link_not_allowed", "browser_unavailable"];

/** Whether `value` has the wire shape of an IpcError. */
export function isIpcError(value: unknown): value is GeneratedIpcError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ERROR_KINDS.includes(candidate.kind as ErrorKind) && typeof candidate.message === "string";
}

/** Any rejection, as an IpcError. */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) return { kind: reason.kind, message: reason.message, hint: reason.hint ?? null };
  const message = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "Something unexpected happened.";
  return { kind: "internal", message, hint: "Try again; if it keeps happening, restart S2S Desk and report what you did." };
}

type Typed<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: GeneratedIpcError }>;

async function settle<T>(call: () => Typed<T>): Promise<Outcome<T>> {
  try {
    const result = await call();
    return result.status === "ok" ? { ok: true, value: result.data } : { ok: false, error: toIpcError(result.error) };
  } catch (reason) {
    return { ok: false, error: toIpcError(reason) };
  }
}

async function settlePlain<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (reason) {
    return { ok: false, error: toIpcError(reason) };
  }
}

/** The app's commands, as Outcomes. */
export const ipc = {
  appInfo: (): Promise<Outcome<AppInfo>> => settlePlain(() => commands.appInfo()),
  openExternal: (url: string): Promise<Outcome<null>> => settle(() => commands.openExternal(url)),
};
