import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { answerIpc, sendOnChannel } from "../../../test/setup";
import { entry, failedRun, passedRun, profile, profileList, scopeOverview, testAllBackend } from "../../../test/fixtures";
import type { Profile, ProfileEntry } from "../../ipc";
import { OverviewView } from "./OverviewView";

const list = (profiles: (Profile | ProfileEntry)[]) => profileList(profiles, { keychain: "Secret Service (service app.s2sdesk.desktop)" });

/** The names of the rows shown, in order. */
const names = () => screen.getAllByTestId("profile-row").map((r) => r.getAttribute("data-name"));

/** The badge ids on one row. */
const badgesOf = (name: string) =>
  [
    ...(screen
      .getAllByTestId("profile-row")
      .find((r) => r.getAttribute("data-name") === name)
      ?.querySelectorAll("[data-badge]") ?? []),
  ].map((b) => b.getAttribute("data-badge"));

describe("Overview", () => {
  it("offers the Sandbox when there is no profile", async () => {
    answerIpc({ list_profiles: () => list([]) });
    const go = vi.fn();
    render(<OverviewView go={go} />);
    fireEvent.click(await screen.findByTestId("try-sandbox"));
    expect(go).toHaveBeenCalledWith("setup", "sandbox");
  });

  it("calls a last test that lost admin scopes what it is: lost admin access", async () => {
    const record = { ...passedRun().record, ok: false, summary: "missing: role:read:role:admin", drift: scopeOverview().drift!.drift };
    answerIpc({ list_profiles: () => list([profile("Prod", { history: [record] })]) });
    render(<OverviewView go={vi.fn()} />);
    const last = await screen.findByTestId("last-test");
    expect(last.textContent).toContain("Token issued, but admin access was lost");
    expect(last.textContent).not.toContain("missing:");
    expect(last.textContent).not.toContain("✔");
    expect(screen.getByTestId("lost-admin-access").getAttribute("title")).toBe("The owner's role (Admin) lost privileges.");
  });

  it("explains a badge to the keyboard and screen readers, not only on hover", async () => {
    answerIpc({
      list_profiles: () =>
        list([profile("Prod", { history: [failedRun("invalid_client", "Zoom rejected the Client ID or Client Secret", "Copy them again.").record] })]),
    });
    render(<OverviewView go={vi.fn()} />);
    const badge = (await screen.findAllByTestId("health-badge")).find((b) => b.getAttribute("data-badge") === "token-failing");
    const toggle = badge?.querySelector("button");
    expect(toggle?.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle!);
    expect(toggle?.getAttribute("aria-expanded")).toBe("true");
    const detail = screen.getByTestId("badge-detail");
    expect(detail.hidden).toBe(false);
    expect(detail.textContent).toBe("The latest test did not pass.");
    expect(detail.id).toBe(toggle?.getAttribute("aria-controls"));
  });

  it("offers no Test button for zero shown profiles", async () => {
    answerIpc({ list_profiles: () => list([profile("Prod")]) });
    render(<OverviewView go={vi.fn()} />);
    fireEvent.input(await screen.findByTestId("profile-search"), { target: { value: "no such profile" } });
    expect((screen.getByTestId("test-all") as HTMLButtonElement).disabled).toBe(true);
  });

  it("cancels a delete confirmation with Esc", async () => {
    answerIpc({ list_profiles: () => list([profile("Prod")]) });
    render(<OverviewView go={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("profile-delete"));
    expect(screen.getByTestId("confirm-delete")).toBeTruthy();
    fireEvent.keyDown(document, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("confirm-delete")).toBeNull());
  });

  it("searches by name, IDs and notes", async () => {
    answerIpc({ list_profiles: () => list([profile("Prod", { notes: "billing" }), profile("Stage")]) });
    render(<OverviewView go={vi.fn()} />);
    fireEvent.input(await screen.findByTestId("profile-search"), { target: { value: "BILL" } });
    expect(screen.getAllByTestId("profile-row").map((r) => r.getAttribute("data-name"))).toEqual(["Prod"]);
  });

  it("deletes only after confirmation", async () => {
    let profiles = [profile("Prod")];
    const calls = answerIpc({ list_profiles: () => list(profiles), delete_profile: () => ((profiles = []), null) });
    render(<OverviewView go={vi.fn()} />);
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
    render(<OverviewView go={vi.fn()} />);
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
    render(<OverviewView go={vi.fn()} />);
    expect((await screen.findByTestId("store-notice")).textContent).toContain("cannot be used");
    expect(calls.some((c) => c.cmd === "set_aside_profiles_file")).toBe(false);
    fireEvent.click(screen.getByTestId("set-aside-file"));
    await waitFor(() => expect(screen.queryByTestId("store-notice")).toBeNull());
    expect(calls.some((c) => c.cmd === "set_aside_profiles_file")).toBe(true);
  });

  it("shows each profile's badges, most serious first, with the story on hover and on demand", async () => {
    const lost = profile("Lost", { history: [{ ...passedRun().record, drift: scopeOverview().drift!.drift }] });
    const fresh = profile("Fresh");
    const old = profile("Old", { history: [passedRun().record] });
    answerIpc({
      list_profiles: () =>
        list([
          entry(lost, {
            owner_at_risk: "This app depends on one person's role.",
            missing_scopes: ["meeting:write:meeting:admin"],
            concerns: [
              { concern: "lost_admin_access", urgency: "risk" },
              { concern: "scopes_missing", urgency: "risk" },
              { concern: "owner_at_risk", urgency: "warn" },
            ],
            attention: "risk",
          }),
          entry(fresh, { secret_age_days: 0 }),
          entry(old, { secret_age_days: 120, secret_due: true, concerns: [{ concern: "secret_due", urgency: "warn" }], attention: "warn" }),
        ]),
    });
    render(<OverviewView go={vi.fn()} />);
    await screen.findAllByTestId("profile-row");
    expect(badgesOf("Lost")).toEqual(["lost-admin-access", "scopes-missing", "owner-at-risk", "token-ok"]);
    expect(badgesOf("Fresh")).toEqual(["never-tested", "secret-age"]);
    expect(badgesOf("Old")).toEqual(["secret-due", "token-ok"]);
    const missing = screen.getAllByTestId("health-badge").find((b) => b.getAttribute("data-badge") === "scopes-missing");
    expect(missing?.textContent).toBe("1 scope missing");
    expect(missing?.querySelector("button")?.getAttribute("title")).toBe("Expected but not granted: meeting:write:meeting:admin");
    expect(screen.getByTestId("overview-summary").textContent).toBe("3 profiles · 2 need attention");
  });

  it("sorts what needs attention first by default, and by name, last test or secret age on request", async () => {
    const a = profile("Alpha", { history: [{ ...passedRun().record, at_unix: 100 }] });
    const b = profile("bravo", { history: [{ ...failedRun("invalid_client", "rejected", "fix").record, at_unix: 50 }] });
    const c = profile("Charlie");
    answerIpc({ list_profiles: () => list([entry(a, { secret_age_days: 5 }), b, entry(c, { secret_age_days: 40 })]) });
    render(<OverviewView go={vi.fn()} />);
    await screen.findAllByTestId("profile-row");
    expect(names()).toEqual(["bravo", "Charlie", "Alpha"]);
    fireEvent.change(screen.getByTestId("sort"), { target: { value: "name" } });
    expect(names()).toEqual(["Alpha", "bravo", "Charlie"]);
    fireEvent.change(screen.getByTestId("sort"), { target: { value: "tested" } });
    expect(names()).toEqual(["Alpha", "bravo", "Charlie"]);
    fireEvent.change(screen.getByTestId("sort"), { target: { value: "secret_age" } });
    expect(names()).toEqual(["Charlie", "Alpha", "bravo"]);
  });

  it("filters by tag and status, and offers to clear filters that hide everything", async () => {
    const prod = profile("Prod", { tags: ["prod"], history: [passedRun().record] });
    const stage = profile("Stage", { tags: ["staging"] });
    answerIpc({ list_profiles: () => list([prod, stage]) });
    render(<OverviewView go={vi.fn()} />);
    await screen.findAllByTestId("profile-row");
    expect(screen.getAllByTestId("profile-tag").map((t) => t.textContent)).toEqual(["staging", "prod"]);
    fireEvent.change(screen.getByTestId("filter-tag"), { target: { value: "staging" } });
    expect(names()).toEqual(["Stage"]);
    expect(screen.getByTestId("test-all").textContent).toBe("Test 1 shown profile");
    fireEvent.change(screen.getByTestId("filter-status"), { target: { value: "passing" } });
    expect(screen.queryAllByTestId("profile-row")).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Clear the filters" }));
    expect(names()).toHaveLength(2);
    fireEvent.input(screen.getByTestId("profile-search"), { target: { value: "PROD" } });
    expect(names()).toEqual(["Prod"]);
  });

  it("tests all with progress, explains each failure on its row and opens its full result", async () => {
    const rejected = failedRun("invalid_client", "Zoom rejected the Client ID or Client Secret", "Copy the Client Secret again.");
    const calls = answerIpc({
      list_profiles: () => list([profile("Prod"), profile("Staging")]),
      test_profiles: testAllBackend((id) => (id === "id-Staging" ? rejected : passedRun())),
    });
    const go = vi.fn();
    render(<OverviewView go={go} />);
    fireEvent.click(await screen.findByTestId("test-all"));
    await waitFor(() => expect(screen.getByTestId("test-all-progress").getAttribute("data-state")).toBe("done"));
    expect(screen.getByTestId("test-all-progress").textContent).toBe("Tested 2 profiles: 1 passed, 1 did not");
    // One call: the core tests them together, each account at its pace.
    expect(calls.filter((c) => c.cmd === "test_profiles").map((c) => c.args.ids)).toEqual([["id-Prod", "id-Staging"]]);
    const results = screen.getAllByTestId("row-result").map((r) => r.textContent);
    expect(results).toContain("✘ Zoom rejected the Client ID or Client Secret. Copy the Client Secret again. See the full result →");
    expect(results).toContain("✔ Passed just now See the full result →");
    const staging = screen.getAllByTestId("profile-row").find((r) => r.getAttribute("data-name") === "Staging");
    fireEvent.click(staging!.querySelector('[data-testid="row-result-open"]')!);
    expect(go).toHaveBeenCalledWith("token", "id-Staging");
  });

  it("cancels Test all: the core stops what has not started", async () => {
    let release: () => void = () => {};
    const calls = answerIpc({
      list_profiles: () => list([profile("A"), profile("B"), profile("C")]),
      // One result, then the run waits until released; the cancel reached the core meanwhile.
      test_profiles: (args) => {
        sendOnChannel(args.onEvent, { event: "started", total: 3, accounts: [], paced_ms: 2000 });
        sendOnChannel(args.onEvent, { event: "tested", id: "id-A", name: "A", run: passedRun() });
        return new Promise((resolve) => {
          release = () => {
            sendOnChannel(args.onEvent, { event: "finished", tested: 1, passed: 1, cancelled: true, elapsed_ms: 5 });
            resolve(null);
          };
        });
      },
      cancel_test_all: () => true,
    });
    render(<OverviewView go={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("test-all"));
    await waitFor(() => expect(screen.getByTestId("test-all-progress").getAttribute("data-state")).toBe("running"));
    fireEvent.click(screen.getByTestId("test-all-cancel"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "cancel_test_all")).toBe(true));
    release();
    await waitFor(() => expect(screen.getByTestId("test-all-progress").getAttribute("data-state")).toBe("cancelled"));
    expect(screen.getByTestId("test-all-progress").textContent).toBe("Cancelled after 1 of 3: 1 passed, 0 did not");
  });
});
