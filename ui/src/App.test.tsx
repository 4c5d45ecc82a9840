import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { answerIpc } from "../test/setup";
import { ZOOM_GUIDES } from "./features/settings/SettingsView";
import { profile, sandboxView, profileList, preferencesView, sandboxDemoApp } from "../test/fixtures";

const INFO = { name: "S2S Desk", version: "0.1.0", build_profile: "debug", tauri_version: "2.12.5", sandbox_url: "http://127.0.0.1:43210" };

describe("App shell", () => {
  it("opens on the Overview and moves to the view whose sidebar item is clicked", async () => {
    answerIpc({ get_app_info: () => INFO, list_profiles: () => profileList([profile("Prod")]) });
    render(<App />);
    await waitFor(() => expect(screen.getByTestId("view-title").textContent).toBe("Overview"));
    fireEvent.click(screen.getByTestId("nav-scopes"));
    expect(screen.getByTestId("view-title").textContent).toBe("Scopes & roles");
    expect(screen.getByTestId("nav-scopes").getAttribute("aria-current")).toBe("page");
    expect(window.location.hash).toBe("#/scopes");
  });

  it("skips the sidebar to the view without leaving it", async () => {
    answerIpc({ get_app_info: () => INFO, list_profiles: () => profileList([profile("Prod")]) });
    window.location.hash = "#/scopes";
    render(<App />);
    fireEvent.click(screen.getByTestId("skip-link"));
    expect(document.activeElement?.id).toBe("main");
    expect(window.location.hash).toBe("#/scopes");
  });

  it("shows get_app_info in Settings and the Sandbox in the sidebar", async () => {
    answerIpc({ get_app_info: () => INFO });
    window.location.hash = "#/settings";
    render(<App />);
    await waitFor(() => expect(screen.getByTestId("app-info-version").textContent).toBe("0.1.0"));
    expect(screen.getByTestId("app-info-profile").textContent).toBe("debug");
    expect(screen.getByTestId("sidebar-status").textContent).toContain("Sandbox127.0.0.1:43210");
  });

  it("shows a command's typed error with its hint and kind, and dismisses it", async () => {
    const calls = answerIpc({
      get_app_info: () => INFO,
      get_sandbox: () => sandboxView(),
      get_preferences: () => preferencesView(),
      open_external: () => {
        throw { kind: "failed", message: "the system browser could not be opened", hint: "Set a default web browser." };
      },
    });
    window.location.hash = "#/settings";
    render(<App />);
    fireEvent.click(screen.getByText(/Server-to-Server OAuth guide/));
    const notice = await screen.findByTestId("error-notice");
    expect(notice.getAttribute("data-kind")).toBe("failed");
    expect(screen.getByTestId("error-hint").textContent).toBe("Set a default web browser.");
    expect(calls).toContainEqual({ cmd: "open_external", args: { url: ZOOM_GUIDES[0].url } });
    fireEvent.click(screen.getByLabelText("Dismiss"));
    expect(screen.queryByTestId("error-notice")).toBeNull();
  });

  it("says so when the backend cannot answer", async () => {
    answerIpc({});
    window.location.hash = "#/settings";
    render(<App />);
    expect((await within(screen.getByTestId("app-info")).findByTestId("error-notice")).getAttribute("data-kind")).toBe("failed");
    expect(screen.getByTestId("sidebar-status").textContent).toContain("Backend unavailable");
  });
});

describe("first start", () => {
  it("welcomes a newcomer with the Sandbox first, without showing the Overview first", async () => {
    answerIpc({
      get_app_info: () => INFO,
      list_profiles: () => profileList([]),
      validate_credentials: () => [],
      get_sandbox_demo_app: () => sandboxDemoApp(),
    });
    render(<App />);
    expect(screen.queryByTestId("view-title")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("view-title").textContent).toBe("Welcome to S2S Desk"));
    expect(window.location.hash).toBe("#/welcome");
    expect(screen.getByTestId("welcome").textContent).toContain("simulated Zoom running on this computer");
    expect(screen.getByTestId("try-sandbox").className).toContain("button--primary");
    fireEvent.click(screen.getByTestId("try-sandbox"));
    await waitFor(() => expect(screen.getByTestId("view-title").textContent).toBe("Setup"));
    expect(window.location.hash).toBe("#/setup/sandbox");
    await waitFor(() => expect((screen.getByTestId("field-account_id") as HTMLInputElement).value).toBe("SbxDemoAccount00000001"));
  });
});
