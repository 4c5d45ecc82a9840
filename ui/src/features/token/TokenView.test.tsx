import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { answerIpc } from "../../../test/setup";
import { passedRun, profile } from "../../../test/fixtures";
import { TokenView } from "./TokenView";

describe("Test token", () => {
  it("offers the way back to the list when the profile is gone", async () => {
    answerIpc({
      list_profiles: () => ({ profiles: [profile("Prod")], keychain: "memory", notice: null, keychain_problem: null }),
      test_profile: () => {
        throw { kind: "profile_not_found", message: "no profile with id id-Prod", hint: "Reload the profile list." };
      },
    });
    const go = vi.fn();
    render(<TokenView subject="id-Prod" go={go} />);
    const test = await screen.findByTestId("token-test");
    await waitFor(() => expect((test as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(test);
    fireEvent.click(await screen.findByTestId("back-to-profiles"));
    expect(go).toHaveBeenCalledWith("profiles");
  });

  it("checks whether tokens coexist, says the cost first, and warns from then on only under the old rule", async () => {
    let rule: "one_token" | null = null;
    const calls = answerIpc({
      get_app_info: () => ({ name: "S2S Desk", version: "0.1.0", build_profile: "debug", tauri_version: "2", sandbox_url: "http://127.0.0.1:1", coexistence_cost: "The check asks Zoom for two tokens." }),
      list_profiles: () => ({ profiles: [profile("Prod", { cloud: "commercial", token_rule: rule })], keychain: "memory", notice: null, keychain_problem: null }),
      check_token_coexistence: () => ((rule = "one_token"), { result: { outcome: "checked", coexistence: { outcome: "one_token" } }, recorded: "one_token" }),
    });
    render(<TokenView subject="id-Prod" go={vi.fn()} />);
    expect((await screen.findByTestId("coexistence-cost")).textContent).toContain("two tokens");
    expect(screen.queryByTestId("invalidation-warning")).toBeNull();
    fireEvent.click(screen.getByTestId("coexistence-check"));
    expect((await screen.findByTestId("coexistence-result")).textContent).toContain("one-token rule");
    expect(calls.some((c) => c.cmd === "check_token_coexistence")).toBe(true);
    await waitFor(() => expect(screen.getByTestId("invalidation-warning")).toBeTruthy());
  });

  it("calls scopes Zoom renamed (classic → granular) renamed, not lost, and raises no alarm", async () => {
    const run = passedRun(["user:read:list_users:admin"]);
    run.record.renamed_scopes = ["user:read:admin"];
    answerIpc({
      list_profiles: () => ({ profiles: [profile("Prod")], keychain: "memory", notice: null, keychain_problem: null }),
      test_profile: () => run,
    });
    render(<TokenView subject="id-Prod" go={vi.fn()} />);
    const test = await screen.findByTestId("token-test");
    await waitFor(() => expect((test as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(test);
    expect((await screen.findByTestId("renamed-scopes")).textContent).toContain("user:read:admin");
    expect(screen.getByTestId("rate-limit-headers").textContent).toContain("Light · Daily-limit · 999/1000 left");
    expect(screen.queryByTestId("drift-warning")).toBeNull();
  });
});
