import { describe, expect, it } from "vitest";
import { ipc, toIpcError } from "./index";
import { answerIpc } from "../../test/setup";

describe("ipc", () => {
  it("returns a command's value through the generated bindings", async () => {
    const calls = answerIpc({
      get_app_info: () => ({ name: "S2S Desk", version: "9.9.9", build_profile: "debug", tauri_version: "2.12.5", sandbox_url: "http://127.0.0.1:1" }),
    });
    const outcome = await ipc.appInfo();
    expect(outcome).toEqual({ ok: true, value: expect.objectContaining({ version: "9.9.9" }) });
    expect(calls).toEqual([{ cmd: "get_app_info", args: {} }]);
  });

  it("passes a typed error through with its kind, message and hint", async () => {
    answerIpc({
      open_external: () => {
        throw { kind: "link_not_allowed", message: "not Zoom", hint: "copy it" };
      },
    });
    expect(await ipc.openExternal("https://example.com")).toEqual({ ok: false, error: { kind: "link_not_allowed", message: "not Zoom", hint: "copy it" } });
  });

  it("turns anything else a command rejects with into a failed error", async () => {
    answerIpc({});
    const outcome = await ipc.appInfo();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.kind).toBe("failed");
  });

  it("keeps the message of a plain Error and a string", () => {
    expect(toIpcError(new Error("boom")).message).toBe("boom");
    expect(toIpcError("command get_app_info not found").message).toBe("command get_app_info not found");
    expect(toIpcError({ kind: 7, message: "x" }).kind).toBe("failed");
  });
});
