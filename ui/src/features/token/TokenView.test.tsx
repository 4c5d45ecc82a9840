import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { answerIpc } from "../../../test/setup";
import { appInfo, passedRun, profile, profileList, scopeOverview } from "../../../test/fixtures";
import type { Profile } from "../../ipc";
import { TokenView } from "./TokenView";

const APP_INFO = appInfo();

/** list_profiles' answer for these profiles. */
function listOf(...profiles: Profile[]) {
  return profileList(profiles);
}

describe("Test token", () => {
  it("offers the way back to the list when the profile is gone", async () => {
    answerIpc({
      list_profiles: () => listOf(profile("Prod")),
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
    expect(go).toHaveBeenCalledWith("overview");
  });

  it("checks whether tokens coexist, says the cost first, and warns from then on only under the old rule", async () => {
    let rule: "one_token" | null = null;
    const calls = answerIpc({
      get_app_info: () => appInfo({ coexistence_cost: "The check asks Zoom for two tokens." }),
      list_profiles: () => profileList([profile("Prod", { cloud: "commercial", token_rule: rule })]),
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
      list_profiles: () => listOf(profile("Prod")),
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

  it("shows each past test's exact time on hover, and a lost admin scope as lost admin access", async () => {
    const drift = scopeOverview().drift!.drift;
    const at = Date.UTC(2026, 10, 30, 9, 5, 7) / 1000;
    const run = passedRun();
    answerIpc({
      list_profiles: () =>
        profileList([profile("Prod", { history: [{ ...run.record, at_unix: at, ok: false, summary: "missing: role:read:role:admin", drift }] })]),
      get_app_info: () => APP_INFO,
    });
    render(<TokenView subject="id-Prod" go={vi.fn()} />);
    const history = await screen.findByTestId("history");
    expect(history.querySelector("time")?.getAttribute("title")).toBe("2026-11-30 09:05:07 UTC");
    expect(screen.getByTestId("lost-admin-access").textContent).toBe("lost admin access: 1 admin scope removed");
  });

  it("tries a call after a passing test, shows the scopes an operation takes, and sends a change only once it is confirmed", async () => {
    const calls = answerIpc({
      list_profiles: () => listOf(profile("Prod")),
      test_profile: () => passedRun(),
      get_app_info: () => APP_INFO,
      list_catalog_operations: () => [
        {
          method: "GET",
          path: "/users",
          operation_id: "users",
          summary: "List users",
          variant: "endpoints",
          accepted_scopes: ["user:read:admin", "user:read:list_users:admin"],
        },
      ],
      try_call: (args) => {
        const request = args.request as { method: string; path: string };
        return request.method === "GET"
          ? {
              outcome: "answered",
              method: "GET",
              path: "/v2/users/me",
              operation: { method: "GET", path: "/users/{userId}", operation_id: "user", summary: "Get a user", variant: "endpoints" },
              authorized_by: ["user:read:user:admin"],
              answer: {
                status: 200,
                latency_ms: 4,
                zoom_error: null,
                explanation: null,
                rate_limit: { category: "Light", limit_type: "QPS", limit: 80, remaining: 79, retry_after_secs: null },
                body: '{ "id": "abc" }',
              },
            }
          : {
              outcome: "answered",
              method: "DELETE",
              path: "/v2/meetings/1",
              operation: null,
              authorized_by: [],
              answer: {
                status: 400,
                latency_ms: 4,
                zoom_error: "4711: Invalid access token, does not contain scopes:[meeting:delete:meeting:admin].",
                explanation:
                  "The token lacks the scope this call needs (meeting:delete:meeting:admin). Add it to the app in the Marketplace (Scopes), then test again: a new token carries it.",
                rate_limit: { category: null, limit_type: null, limit: null, remaining: null, retry_after_secs: null },
                body: "{}",
              },
            };
      },
    });
    render(<TokenView subject="id-Prod" go={vi.fn()} />);
    const test = await screen.findByTestId("token-test");
    await waitFor(() => expect((test as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(test);
    fireEvent.click(await screen.findByTestId("try-send"));
    const result = await screen.findByTestId("try-result");
    expect(result.getAttribute("data-status")).toBe("200");
    expect(screen.getByTestId("try-authorized").textContent).toBe("Authorized by user:read:user:admin");
    expect(result.textContent).toContain("Light · QPS · 79/80 left");

    // Picking an operation shows the scopes that authorize it.
    fireEvent.input(screen.getByTestId("try-path"), { target: { value: "GET /users" } });
    await waitFor(() =>
      expect(screen.getByTestId("try-accepted").textContent).toBe(
        "users: List users. Any one of these scopes authorizes it: user:read:adminuser:read:list_users:admin",
      ),
    );

    fireEvent.change(screen.getByTestId("try-method"), { target: { value: "DELETE" } });
    fireEvent.input(screen.getByTestId("try-path"), { target: { value: "/meetings/1" } });
    const send = screen.getByTestId("try-send") as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByTestId("try-confirm").querySelector("input") as HTMLInputElement);
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    await waitFor(() => expect(screen.getByTestId("try-explanation").textContent).toContain("lacks the scope"));
    expect(calls.filter((c) => c.cmd === "try_call").map((c) => c.args.request)).toEqual([
      { method: "GET", path: "/users/me", confirmed: false },
      { method: "DELETE", path: "/meetings/1", confirmed: true },
    ]);
  });
});
