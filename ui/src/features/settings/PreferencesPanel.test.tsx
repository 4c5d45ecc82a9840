import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { preferencesView } from "../../../test/fixtures";
import { answerIpc } from "../../../test/setup";
import { resolvedTheme } from "../../state/preferences";
import { PreferencesPanel } from "./PreferencesPanel";

describe("Preferences", () => {
  it("saves only what changed, and puts the theme into force at once", async () => {
    const calls = answerIpc({
      get_preferences: () => preferencesView(),
      set_preferences: (args) => args.preferences,
    });
    render(<PreferencesPanel />);
    const save = (await screen.findByTestId("pref-save")) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByTestId("pref-theme"), { target: { value: "dark" } });
    fireEvent.click(save);
    await screen.findByTestId("pref-saved");
    expect(calls.find((c) => c.cmd === "set_preferences")?.args.preferences).toMatchObject({ theme: "dark", request_timeout_secs: 20 });
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(save.disabled).toBe(true);
  });

  it("says what is wrong beside the field, in a sentence, until the value is corrected", async () => {
    answerIpc({
      get_preferences: () => preferencesView(),
      check_preferences: (args) =>
        (args.preferences as { request_timeout_secs: number }).request_timeout_secs > 120
          ? [{ field: "request_timeout", message: "The request timeout must be between 1 and 120 seconds." }]
          : [],
    });
    render(<PreferencesPanel />);
    const timeout = await screen.findByTestId("pref-timeout");
    fireEvent.input(timeout, { target: { value: "500" } });
    const problem = await screen.findByTestId("pref-problem-request_timeout");
    expect(problem.textContent).toBe("The request timeout must be between 1 and 120 seconds.");
    expect(timeout.getAttribute("aria-invalid")).toBe("true");
    expect(timeout.getAttribute("aria-describedby")).toBe(problem.id);
    expect((screen.getByTestId("pref-save") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(timeout, { target: { value: "30" } });
    await waitFor(() => expect(screen.queryByTestId("pref-problem-request_timeout")).toBeNull());
    expect(timeout.getAttribute("aria-invalid")).toBe("false");
  });

  it("previews a theme before Save, and puts the saved one back when left unsaved", async () => {
    answerIpc({ get_preferences: () => preferencesView({ theme: "light" }), check_preferences: () => [] });
    const { unmount } = render(<PreferencesPanel />);
    fireEvent.change(await screen.findByTestId("pref-theme"), { target: { value: "dark" } });
    expect(document.documentElement.dataset.theme).toBe("dark");
    unmount();
    expect(document.documentElement.dataset.theme).toBe("light");
  });

  it("asks for a proxy URL only for a custom proxy, and shows a refusal without losing the entry", async () => {
    answerIpc({
      get_preferences: () => preferencesView(),
      set_preferences: () => {
        throw {
          kind: "failed",
          message: "the proxy 'proxy:3128' is not a URL S2S Desk can use; write it as http://host:port",
          hint: "Nothing was changed; correct the value and save again.",
        };
      },
    });
    render(<PreferencesPanel />);
    expect(screen.queryByTestId("pref-proxy-url")).toBeNull();
    fireEvent.change(await screen.findByTestId("pref-proxy"), { target: { value: "custom" } });
    fireEvent.input(screen.getByTestId("pref-proxy-url"), { target: { value: "proxy:3128" } });
    fireEvent.click(screen.getByTestId("pref-save"));
    expect((await screen.findByTestId("error-notice")).textContent).toContain("http://host:port");
    expect((screen.getByTestId("pref-proxy-url") as HTMLInputElement).value).toBe("proxy:3128");
    expect(screen.queryByTestId("pref-saved")).toBeNull();
  });

  it("says when stored preferences could not be used", async () => {
    answerIpc({ get_preferences: () => preferencesView({}, "The preferences file could not be read, so S2S Desk started with the default preferences.") });
    render(<PreferencesPanel />);
    expect((await screen.findByTestId("preferences-notice")).textContent).toContain("default preferences");
  });

  it("resolves the system theme from the system's setting", () => {
    expect([resolvedTheme("system", true), resolvedTheme("system", false), resolvedTheme("light", true), resolvedTheme("dark", false)]).toEqual([
      "dark",
      "light",
      "light",
      "dark",
    ]);
  });
});

describe("background re-test", () => {
  it("tests every profile once at start-up when the preference is on", async () => {
    const { App } = await import("../../App");
    const { appInfo, profile, profileList, passedRun, testAllBackend } = await import("../../../test/fixtures");
    window.location.hash = "#/overview";
    const calls = answerIpc({
      get_app_info: () => appInfo(),
      get_preferences: () => preferencesView({ background_retest: true }),
      list_profiles: () => profileList([profile("Prod"), profile("Stage")]),
      test_profiles: testAllBackend(() => passedRun()),
    });
    render(<App />);
    await waitFor(() => expect(screen.getByTestId("test-all-progress").getAttribute("data-state")).toBe("done"));
    expect(calls.filter((c) => c.cmd === "test_profiles").map((c) => c.args.ids)).toEqual([["id-Prod", "id-Stage"]]);
  });

  it("leaves profiles alone when the preference is off", async () => {
    const { App } = await import("../../App");
    const { appInfo, profile, profileList } = await import("../../../test/fixtures");
    window.location.hash = "#/overview";
    const calls = answerIpc({
      get_app_info: () => appInfo(),
      get_preferences: () => preferencesView(),
      list_profiles: () => profileList([profile("Prod")]),
    });
    render(<App />);
    await screen.findAllByTestId("profile-row");
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.some((c) => c.cmd === "test_profile")).toBe(false);
  });
});
