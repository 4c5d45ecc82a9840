import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { sandboxView } from "../../../test/fixtures";
import { answerIpc } from "../../../test/setup";
import { SandboxPanel } from "./SandboxPanel";

describe("Sandbox panel", () => {
  it("changes a user's role and deactivates an app as an admin would in Zoom", async () => {
    const calls = answerIpc({
      get_sandbox: () => sandboxView(),
      set_sandbox_user_role: () => sandboxView(),
      set_sandbox_app_state: () => sandboxView({ appState: "deactivated" }),
    });
    render(<SandboxPanel go={vi.fn()} />);
    fireEvent.change(await screen.findByTestId("sandbox-role-sbx-admin-0002"), { target: { value: "2" } });
    await waitFor(() => expect(screen.getByTestId("sandbox-note").textContent).toContain("adam.admin@sandbox.example is now Member"));
    fireEvent.click(screen.getByTestId("sandbox-toggle-SbxReportingBot0000001"));
    await waitFor(() => expect(screen.getAllByTestId("sandbox-app")[0]?.getAttribute("data-state")).toBe("deactivated"));
    expect(calls.filter((c) => c.cmd.startsWith("set_sandbox")).map((c) => c.args)).toEqual([
      { userId: "sbx-admin-0002", roleId: "2" },
      { clientId: "SbxReportingBot0000001", appState: "deactivated" },
    ]);
  });

  it("resets only after confirmation, and Esc cancels it", async () => {
    const calls = answerIpc({
      get_sandbox: () => sandboxView(),
      reset_sandbox: () => ({ sandbox: sandboxView(), profiles: [{ id: "p1", name: "Demo", secret_replaced: true }] }),
      list_profiles: () => ({ profiles: [], keychain: "memory", notice: null, keychain_problem: null }),
    });
    render(<SandboxPanel go={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("sandbox-reset"));
    fireEvent.keyDown(document, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("sandbox-reset-confirm-yes")).toBeNull());
    fireEvent.click(screen.getByTestId("sandbox-reset"));
    expect(document.activeElement).toBe(screen.getByTestId("sandbox-reset-confirm-cancel"));
    fireEvent.click(screen.getByTestId("sandbox-reset-confirm-yes"));
    await waitFor(() => expect(screen.getByTestId("sandbox-note").textContent).toContain("Put back with it: Demo (the Sandbox's secret again"));
    expect(calls.filter((c) => c.cmd === "reset_sandbox")).toHaveLength(1);
  });
});
