import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { profile } from "../../../test/fixtures";
import { answerIpc } from "../../../test/setup";
import { SECRET_EXPOSURE_MS } from "../../state/clipboard";
import { ExportPanel } from "./ExportPanel";

// A little past the exposure time: Preact starts effects a frame after rendering.
const PAST_EXPOSURE_MS = SECRET_EXPOSURE_MS + 100;

/** Lets `ms` of fake time pass, running what it starts inside act(). */
async function elapse(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const REVEALED = "ZOOM_ACCOUNT_ID=SbxDemoAccount00000001\nZOOM_CLIENT_SECRET=sandboxSecretReportingBot0000001\n";

/** A clipboard that remembers what is on it (jsdom has none). */
function fakeClipboard() {
  let content = "";
  const clipboard = { writeText: vi.fn(async (t: string) => void (content = t)), readText: vi.fn(async () => content) };
  Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true });
  return { clipboard, content: () => content, copyElsewhere: (t: string) => void (content = t) };
}

describe("Export", () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  async function reveal() {
    answerIpc({ export_profile_env: (args) => (args.reveal ? REVEALED : "ZOOM_CLIENT_SECRET=sand…01 (32 chars)\n") });
    render(<ExportPanel profile={profile("Reporting")} />);
    fireEvent.click(screen.getByTestId("export-env-secret"));
    fireEvent.click(screen.getByTestId("export-reveal-yes"));
    expect((await screen.findByTestId("export-text")).textContent).toContain("sandboxSecretReportingBot0000001");
  }

  it("hides a revealed secret again after 30 s", async () => {
    await reveal();
    await elapse(SECRET_EXPOSURE_MS - 1_000);
    expect(screen.getByTestId("export-text")).toBeTruthy();
    await elapse(PAST_EXPOSURE_MS - (SECRET_EXPOSURE_MS - 1_000));
    expect(screen.queryByTestId("export-text")).toBeNull();
    expect(screen.getByTestId("export-note").textContent).toContain("hidden again after 30 s");
  });

  it("clears a copied secret from the clipboard after 30 s", async () => {
    const board = fakeClipboard();
    await reveal();
    fireEvent.click(screen.getByTestId("export-copy"));
    await waitFor(() => expect(board.content()).toBe(REVEALED));
    expect(screen.getByTestId("export-note").textContent).toContain("cleared in 30 s");
    await elapse(PAST_EXPOSURE_MS);
    expect(board.content()).toBe("");
  });

  it("leaves the clipboard alone when the admin copied something else meanwhile", async () => {
    const board = fakeClipboard();
    await reveal();
    fireEvent.click(screen.getByTestId("export-copy"));
    await waitFor(() => expect(board.content()).toBe(REVEALED));
    board.copyElsewhere("a meeting link");
    await elapse(PAST_EXPOSURE_MS);
    expect(board.content()).toBe("a meeting link");
  });

  it("copies a masked export as it is", async () => {
    const board = fakeClipboard();
    answerIpc({ export_profile_env: () => "ZOOM_CLIENT_SECRET=sand…01 (32 chars)\n" });
    render(<ExportPanel profile={profile("Reporting")} />);
    fireEvent.click(screen.getByTestId("export-env"));
    await screen.findByTestId("export-text");
    fireEvent.click(screen.getByTestId("export-copy"));
    await waitFor(() => expect(board.content()).toContain("sand…01"));
    expect(screen.getByTestId("export-note").textContent).toBe("Copied.");
  });

  it("saves a masked export to the file chosen in the save dialog, and never offers to save a revealed secret", async () => {
    const calls = answerIpc({
      export_profile_env: (args) => (args.reveal ? REVEALED : "ZOOM_CLIENT_SECRET=sand…01 (32 chars)\n"),
      choose_export_path: () => "/home/admin/reporting.env",
      save_profile_export: () => null,
    });
    render(<ExportPanel profile={profile("Reporting (prod)")} />);
    fireEvent.click(screen.getByTestId("export-env"));
    fireEvent.click(await screen.findByTestId("export-save"));
    await waitFor(() => expect(screen.getByTestId("export-note").textContent).toBe("Saved to /home/admin/reporting.env."));
    expect(calls.find((c) => c.cmd === "choose_export_path")?.args).toEqual({ suggestedName: "reporting-prod.env" });
    expect(calls.find((c) => c.cmd === "save_profile_export")?.args).toEqual({
      id: "id-Reporting (prod)",
      form: "env_masked",
      path: "/home/admin/reporting.env",
    });
    fireEvent.click(screen.getByTestId("export-env-secret"));
    fireEvent.click(screen.getByTestId("export-reveal-yes"));
    await waitFor(() => expect(screen.getByTestId("export-text").textContent).toContain("sandboxSecretReportingBot0000001"));
    expect(screen.queryByTestId("export-save")).toBeNull();
  });
});
