import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { answerIpc } from "../../../test/setup";
import { passedRun, profile, scopeOverview } from "../../../test/fixtures";
import { ProfilesView } from "./ProfilesView";

const list = (profiles: ReturnType<typeof profile>[]) => ({
  profiles,
  keychain: "Secret Service (service app.s2sdesk.desktop)",
  notice: null,
  keychain_problem: null,
});

describe("Profiles", () => {
  it("offers the Sandbox when there is no profile", async () => {
    answerIpc({ list_profiles: () => list([]) });
    const go = vi.fn();
    render(<ProfilesView go={go} />);
    fireEvent.click(await screen.findByTestId("try-sandbox"));
    expect(go).toHaveBeenCalledWith("setup", "sandbox");
  });

  it("calls a last test that lost admin scopes what it is: lost admin access", async () => {
    const record = { ...passedRun().record, ok: false, summary: "missing: role:read:role:admin", drift: scopeOverview().drift!.drift };
    answerIpc({ list_profiles: () => list([profile("Prod", { history: [record] })]) });
    render(<ProfilesView go={vi.fn()} />);
    const last = await screen.findByTestId("last-test");
    expect(last.textContent).toContain("Lost admin access");
    expect(last.textContent).not.toContain("missing:");
    expect(screen.getByTestId("lost-admin-access").getAttribute("title")).toBe("The owner's role (Admin) lost privileges.");
  });

  it("cancels a delete confirmation with Esc", async () => {
    answerIpc({ list_profiles: () => list([profile("Prod")]) });
    render(<ProfilesView go={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("profile-delete"));
    expect(screen.getByTestId("confirm-delete")).toBeTruthy();
    fireEvent.keyDown(document, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("confirm-delete")).toBeNull());
  });

  it("searches by name, IDs and notes", async () => {
    answerIpc({ list_profiles: () => list([profile("Prod", { notes: "billing" }), profile("Stage")]) });
    render(<ProfilesView go={vi.fn()} />);
    fireEvent.input(await screen.findByTestId("profile-search"), { target: { value: "BILL" } });
    expect(screen.getAllByTestId("profile-row").map((r) => r.getAttribute("data-name"))).toEqual(["Prod"]);
  });

  it("deletes only after confirmation", async () => {
    let profiles = [profile("Prod")];
    const calls = answerIpc({ list_profiles: () => list(profiles), delete_profile: () => ((profiles = []), null) });
    render(<ProfilesView go={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("profile-delete"));
    expect(calls.some((c) => c.cmd === "delete_profile")).toBe(false);
    expect(screen.getByTestId("confirm-delete").textContent).toContain("keychain entry");
    fireEvent.click(screen.getByTestId("confirm-delete-yes"));
    await waitFor(() => expect(screen.getByTestId("profiles-empty")).toBeTruthy());
    expect(calls).toContainEqual({ cmd: "delete_profile", args: { id: "id-Prod" } });
  });

  it("says what to do when no keychain answers", async () => {
    const problem = {
      kind: "keychain_unavailable",
      message: "the system keychain is not available",
      hint: "Start your desktop's keyring, then restart S2S Desk.",
    };
    answerIpc({ list_profiles: () => ({ ...list([]), keychain_problem: problem }) });
    render(<ProfilesView go={vi.fn()} />);
    const notice = await screen.findByTestId("error-notice");
    expect(notice.getAttribute("data-kind")).toBe("keychain_unavailable");
    expect(screen.getByTestId("error-hint").textContent).toContain("Start your desktop's keyring");
    expect(screen.getByTestId("keychain-help").textContent).toContain("never in a file");
  });

  it("leaves an unusable profiles file alone until the admin sets it aside", async () => {
    let notice: string | null = "the profiles file cannot be used: it is not valid JSON";
    const calls = answerIpc({
      list_profiles: () => ({ ...list([]), notice }),
      set_aside_profiles_file: () => ((notice = null), "/data/profiles.json.unreadable-1"),
    });
    render(<ProfilesView go={vi.fn()} />);
    expect((await screen.findByTestId("store-notice")).textContent).toContain("cannot be used");
    expect(calls.some((c) => c.cmd === "set_aside_profiles_file")).toBe(false);
    fireEvent.click(screen.getByTestId("set-aside-file"));
    await waitFor(() => expect(screen.queryByTestId("store-notice")).toBeNull());
    expect(calls.some((c) => c.cmd === "set_aside_profiles_file")).toBe(true);
  });
});
