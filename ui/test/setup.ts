// Vitest setup: each test starts with no IPC mock, empty stores and an empty document.
// `answerIpc` is the one way tests stand in for the Rust side: it answers through Tauri's own
// mockIPC, so calls still go through the generated bindings and the ipc facade.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/preact";
import { afterEach } from "vitest";
import { resetAnnouncements } from "../src/state/announce";
import { resetKept } from "../src/state/kept";
import { resetPreferencesStore } from "../src/state/preferences";
import { resetProfilesStore } from "../src/state/profiles";
import { resetTestRuns } from "../src/state/testRuns";
import { resetUnsaved } from "../src/state/unsaved";

// jsdom lays nothing out, so it has no scrolling; the real window (E2E) checks that results
// are scrolled to.
Element.prototype.scrollIntoView ??= () => {};

afterEach(() => {
  cleanup();
  clearMocks();
  // The app-wide stores outlive components; each test starts without them.
  resetProfilesStore();
  resetPreferencesStore();
  resetTestRuns();
  resetAnnouncements();
  resetKept();
  resetUnsaved();
  window.location.hash = "";
});

type Handler = (args: Record<string, unknown>) => unknown;

/** A recorded IPC call. */
export type IpcCall = { cmd: string; args: Record<string, unknown> };

/** Answers commands with `handlers`; a command without a handler fails as Tauri would. Returns the calls made. */
export function answerIpc(handlers: Record<string, Handler>): IpcCall[] {
  const calls: IpcCall[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) throw `command ${cmd} not found`;
    return handler(args);
  });
  return calls;
}

export { sendOnChannel } from "./channels";
