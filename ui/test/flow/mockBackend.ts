// Stands in for the Rust side in the Chromium flow test, through Tauri's own mockIPC, then
// starts the real UI. Calls are recorded on window so the test can read them.
import { mockIPC } from "@tauri-apps/api/mocks";

type Call = { cmd: string; args: unknown };
const calls: Call[] = [];
(window as unknown as { __ipcCalls: Call[] }).__ipcCalls = calls;

mockIPC((cmd, args) => {
  calls.push({ cmd, args });
  switch (cmd) {
    case "app_info":
      return { name: "S2S Desk", version: "0.1.0", build_profile: "debug", tauri_version: "2.12.5", sandbox_url: "http://127.0.0.1:47001" };
    case "open_external":
      throw { kind: "browser_unavailable", message: "the system browser could not be opened: no browser in the flow test", hint: "Set a default web browser for your desktop, or copy the link." };
    default:
      throw `command ${cmd} not found`;
  }
});

await import("../../src/main");
