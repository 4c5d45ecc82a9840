import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { answerIpc } from "../../../test/setup";
import { failedRun, passedRun, profile, scopeOverview } from "../../../test/fixtures";
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

  it("ends Test all with each failure explained and a way into its result", async () => {
    const rejected = failedRun("invalid_client", "Zoom rejected the Client ID or Client Secret", "Copy the Client Secret again.");
    answerIpc({
      list_profiles: () => ({ profiles: [profile("Prod"), profile("Staging")], keychain: "memory", notice: null, keychain_problem: null }),
      test_profile: (args) => (args.id === "id-Staging" ? rejected : passedRun()),
      get_app_info: () => ({ name: "S2S Desk", version: "0.1.0", build_profile: "debug", tauri_version: "2", sandbox_url: "http://127.0.0.1:1", coexistence_cost: "" }),
    });
    render(<TokenView subject="id-Prod" go={vi.fn()} />);
    const all = await screen.findByTestId("token-test-all");
    await waitFor(() => expect((all as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(all);
    const failures = await screen.findByTestId("test-all-failures");
    expect(failures.textContent).toBe("Staging Zoom rejected the Client ID or Client Secret. Copy the Client Secret again.");
    fireEvent.click(screen.getByRole("button", { name: "Staging" }));
    expect((await screen.findByTestId("test-result")).getAttribute("data-kind")).toBe("invalid_client");
    expect((screen.getByTestId("token-profile") as HTMLSelectElement).value).toBe("id-Staging");
  });

  it("shows each past test's exact time on hover, and a lost admin scope as lost admin access", async () => {
    const drift = scopeOverview().drift!.drift;
    const at = Date.UTC(2026, 10, 30, 9, 5, 7) / 1000;
    const run = passedRun();
    answerIpc({
      list_profiles: () => ({ profiles: [profile("Prod", { history: [{ ...run.record, at_unix: at, ok: false, summary: "missing: role:read:role:admin", drift }] })], keychain: "memory", notice: null, keychain_problem: null }),
      get_app_info: () => ({ name: "S2S Desk", version: "0.1.0", build_profile: "debug", tauri_version: "2", sandbox_url: "http://127.0.0.1:1", coexistence_cost: "" }),
    });
    render(<TokenView subject="id-Prod" go={vi.fn()} />);
    const history = await screen.findByTestId("history");
    expect(history.querySelector("time")?.getAttribute("title")).toBe("2026-11-30 09:05:07 UTC");
    expect(screen.getByTestId("lost-admin-access").textContent).toBe("lost admin access: 1 admin scope removed");
  });
});
