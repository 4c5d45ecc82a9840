import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { profile, profileList } from "../../../test/fixtures";
import { answerIpc } from "../../../test/setup";
import type { ConsumerLine, Rotation, RotationStatus } from "../../ipc";
import { RotationView } from "./RotationView";

const reporting = profile("Reporting");

function status(extra: Partial<RotationStatus> = {}): RotationStatus {
  return {
    profile_id: reporting.id,
    rotation: null,
    previous_kept: false,
    summary: "no rotation in progress",
    api_unavailable: { reason: "no_app_id", message: "no App ID: give the app's App ID (Marketplace → Manage → your app); it is not the Client ID" },
    app_id: null,
    cancel_refused: null,
    consumers: [],
    ...extra,
  };
}

const switched: Rotation = {
  via: { path: "manual" },
  stage: "switched",
  started_unix: 1_788_220_800,
  keep_previous_until_unix: null,
  tested_unix: 1_788_220_801,
};

describe("Rotate secret", () => {
  it("resumes on opening, tests a pasted secret and shows the old one kept until finished", async () => {
    let current = status();
    const calls = answerIpc({
      list_profiles: () => profileList([reporting]),
      rotate_secret: (args) => {
        const request = args.request as { action: string };
        if (request.action === "start_manual")
          current = status({
            rotation: switched,
            previous_kept: true,
            summary: "rotation in progress: new secret tested and in use, old one still kept until you finish the rotation",
          });
        if (request.action === "finish") current = status();
        return current;
      },
      get_rotation_status: () => current,
    });
    render(<RotationView subject={reporting.id} go={vi.fn()} />);
    expect((await screen.findByTestId("rotation-summary")).textContent).toBe("No rotation in progress.");
    expect(calls[1]).toEqual({ cmd: "rotate_secret", args: { id: reporting.id, request: { action: "resume" } } });
    expect(screen.getByTestId("rotation-api-unavailable").textContent).toContain("not the Client ID");

    fireEvent.input(screen.getByTestId("rotation-new-secret"), { target: { value: "newSecretFromTheMarketplace00001" } });
    fireEvent.click(screen.getByTestId("rotation-start-manual"));
    expect((await screen.findByTestId("rotation-keep-until")).textContent).toBe("until you finish the rotation");
    expect(screen.getByTestId("rotation-summary").textContent).toContain("old one still kept");
    expect(screen.getByTestId("rotation-progress").dataset.stage).toBe("switched");

    fireEvent.click(screen.getByTestId("rotation-finish"));
    await waitFor(() => expect(screen.getByTestId("rotation-summary").textContent).toBe("No rotation in progress."));
    expect(calls.filter((c) => c.cmd === "rotate_secret").map((c) => (c.args.request as { action: string }).action)).toEqual([
      "resume",
      "start_manual",
      "finish",
    ]);
  });

  it("says why a secret was rejected and that nothing was stored, keeping the field to correct", async () => {
    answerIpc({
      list_profiles: () => profileList([reporting]),
      rotate_secret: (args) => {
        if ((args.request as { action: string }).action === "resume") return status();
        throw {
          kind: "failed",
          message: "Zoom did not accept the new client secret: Invalid client_id or client_secret",
          hint: "Nothing was stored; the profile keeps its current secret.",
        };
      },
      get_rotation_status: () => status(),
    });
    render(<RotationView subject={reporting.id} go={vi.fn()} />);
    const field = (await screen.findByTestId("rotation-new-secret")) as HTMLInputElement;
    fireEvent.input(field, { target: { value: "wrong" } });
    fireEvent.click(screen.getByTestId("rotation-start-manual"));
    expect((await screen.findByTestId("error-hint")).textContent).toContain("Nothing was stored");
    expect(field.value).toBe("wrong");
  });

  it("offers Zoom's API once it is available, with the overlap chosen", async () => {
    const calls = answerIpc({
      list_profiles: () => profileList([profile("Reporting", { app_id: "SbxAppReportingBot0001" })]),
      rotate_secret: () => status({ api_unavailable: null, app_id: "SbxAppReportingBot0001" }),
      get_rotation_status: () => status({ api_unavailable: null }),
    });
    render(<RotationView subject={reporting.id} go={vi.fn()} />);
    fireEvent.change(await screen.findByTestId("rotation-overlap"), { target: { value: String(7 * 86_400) } });
    const before = Math.floor(Date.now() / 1000);
    fireEvent.click(screen.getByTestId("rotation-start-api"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "rotate_secret")).toHaveLength(2));
    const request = calls.filter((c) => c.cmd === "rotate_secret")[1]?.args.request as { action: string; revoke_old_unix: number };
    expect(request.action).toBe("start_api");
    expect(request.revoke_old_unix - before).toBeGreaterThanOrEqual(7 * 86_400);
    expect(request.revoke_old_unix - before).toBeLessThan(7 * 86_400 + 5);
  });

  it("offers no Cancel when cancelling could lose the only secret Zoom accepts, and says why", async () => {
    const staged: Rotation = {
      via: { path: "api", app_id: "SbxAppReportingBot0001" },
      stage: "started",
      started_unix: 1_788_220_800,
      keep_previous_until_unix: 1_788_307_200,
      tested_unix: null,
    };
    const why =
      "Zoom already issued the new secret and revokes the current one at 2026-09-02 00:00 UTC: cancelling would throw away the only secret that works after then";
    answerIpc({
      list_profiles: () => profileList([reporting]),
      rotate_secret: () => {
        throw { kind: "failed", message: "Zoom's token endpoint answered 503", hint: "The new secret stays staged, not in use: resume to test it again." };
      },
      get_rotation_status: () => status({ rotation: staged, summary: "rotation in progress", cancel_refused: why }),
    });
    render(<RotationView subject={reporting.id} go={vi.fn()} />);
    expect((await screen.findByTestId("rotation-cancel-refused")).textContent).toContain("only secret that works");
    expect(screen.queryByTestId("rotation-cancel")).toBeNull();
    expect(screen.getByTestId("rotation-resume")).toBeTruthy();
  });

  it("saves the App ID and a reminder period, and refuses a period that is not whole days", async () => {
    const calls = answerIpc({
      list_profiles: () => profileList([reporting]),
      rotate_secret: () => status(),
      get_rotation_status: () => status(),
      set_rotation_settings: () => reporting,
    });
    render(<RotationView subject={reporting.id} go={vi.fn()} />);
    fireEvent.input(await screen.findByTestId("rotation-reminder"), { target: { value: "1.5" } });
    expect((screen.getByTestId("rotation-settings-save") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByTestId("rotation-reminder"), { target: { value: "30" } });
    fireEvent.input(screen.getByTestId("rotation-app-id"), { target: { value: " SbxAppReportingBot0001 " } });
    fireEvent.click(screen.getByTestId("rotation-settings-save"));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "set_rotation_settings")?.args).toEqual({ id: reporting.id, appId: "SbxAppReportingBot0001", reminderDays: 30 }),
    );
  });

  it("gives the new secret to every deployment, retries a failed one alone, and finishes early only when told", async () => {
    const line = (id: string, label: string, state: ConsumerLine["state"], extra: Partial<ConsumerLine> = {}): ConsumerLine => ({
      id,
      label,
      destination: `secret-tool store --label ${label}`,
      check: null,
      state,
      state_words: state.replace("_", " "),
      detail: null,
      advice: null,
      ...extra,
    });
    let lines = [line("c1", "Vault", "pending"), line("c2", "Staging", "pending")];
    const current = () => status({ rotation: switched, previous_kept: true, summary: "rotation in progress", consumers: lines });
    const calls = answerIpc({
      list_profiles: () => profileList([reporting]),
      rotate_secret: (args) => {
        const request = args.request as { action: string; only?: string[] | null; force?: boolean };
        if (request.action === "update_consumers" && request.only === null)
          lines = [
            line("c1", "Vault", "checked"),
            line("c2", "Staging", "update_failed", { detail: "exited with status 1: staging is not reachable", advice: "Run the command by hand to see why." }),
          ];
        if (request.action === "update_consumers" && request.only?.[0] === "c2") lines = [line("c1", "Vault", "checked"), line("c2", "Staging", "updated")];
        if (request.action === "finish") return status();
        return current();
      },
      get_rotation_status: () => current(),
    });
    render(<RotationView subject={reporting.id} go={vi.fn()} />);
    const checklist = await screen.findByTestId("consumer-checklist");
    expect(checklist.textContent).toContain("secret-tool store --label Vault");
    expect(screen.queryByTestId("rotation-finish")).toBeNull();

    fireEvent.click(screen.getByTestId("consumers-update"));
    await waitFor(() => expect(screen.getAllByTestId("consumer-line").map((l) => l.dataset.state)).toEqual(["checked", "update_failed"]));
    expect(screen.getByTestId("consumer-detail").textContent).toBe("exited with status 1: staging is not reachable");

    fireEvent.click(screen.getByTestId("rotation-finish-anyway"));
    expect(screen.getByTestId("rotation-finish-anyway-confirm").textContent).toContain("1 deployment may still use the old secret");
    expect(document.activeElement).toBe(screen.getByTestId("rotation-finish-anyway-confirm-cancel"));
    fireEvent.click(screen.getByTestId("rotation-finish-anyway-confirm-cancel"));

    fireEvent.click(screen.getByTestId("consumer-retry"));
    await waitFor(() => expect(screen.getAllByTestId("consumer-line").map((l) => l.dataset.state)).toEqual(["checked", "updated"]));
    fireEvent.click(screen.getByTestId("rotation-finish"));
    await waitFor(() => expect(screen.getByTestId("rotation-summary").textContent).toBe("No rotation in progress."));
    expect(calls.filter((c) => c.cmd === "rotate_secret").map((c) => c.args.request)).toEqual([
      { action: "resume" },
      { action: "update_consumers", only: null },
      { action: "update_consumers", only: ["c2"] },
      { action: "finish", force: false },
    ]);
  });
});
