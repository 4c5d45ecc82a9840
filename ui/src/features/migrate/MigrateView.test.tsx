import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { passedRun, profile, profileList } from "../../../test/fixtures";
import { answerIpc, sendOnChannel } from "../../../test/setup";
import { forgetMigrationSession } from "../../state/migrationSession";
import { takeComeBack } from "../../state/navigation";
import { refreshProfiles } from "../../state/profiles";
import { MigrateView } from "./MigrateView";

beforeEach(forgetMigrationSession);

const report = {
  root: "/tmp/legacy",
  progress: { files_seen: 3, files_scanned: 3, bytes_scanned: 300, findings: 2 },
  skipped_binary: 0,
  skipped_large: 0,
  findings: [
    {
      file: ".env",
      line: 2,
      kind: "api_key",
      key: "ZOOM_API_KEY",
      masked: "Lega…89 (22 chars)",
      reference: null,
      jwt: null,
      flags: ["committed_to_git"],
      format: { format: "env" },
      rewritable: true,
    },
    {
      file: ".env",
      line: 3,
      kind: "api_secret",
      key: "ZOOM_API_SECRET",
      masked: "Le… (27 chars)",
      reference: null,
      jwt: null,
      flags: [],
      format: { format: "env" },
      rewritable: true,
    },
  ],
  calls: [
    {
      file: "src/users.js",
      line: 2,
      call: "GET /users",
      method_seen: true,
      operation: { method: "GET", path: "/users", operation_id: "users", summary: "List users", variant: "endpoints" },
      source: "url",
    },
  ],
  languages: ["java_script"],
  scopes: [{ scope: "user:read:list_users:admin", level: "admin", granular: true, covers: ["GET /users"] }],
  config_files: [{ file: ".env", format: { format: "env" }, sha256: "ab" }],
  git_repository: true,
  cancelled: false,
  duration_ms: 12,
};

const plan = (ready: boolean) => ({
  previews: [
    { file: ".env", preview: "--- .env\n+++ .env (migrated)\n@@ line 2 @@\n-ZOOM_API_KEY=Lega…\n+ZOOM_ACCOUNT_ID=SbxDemoAccount00000001\n", replaced: 2 },
  ],
  guidance: [{ language: "java_script", name: "JavaScript", before: "jwt.sign(...)", after: "grant_type: account_credentials" }],
  readiness: {
    tested: ready,
    token_ok: ready,
    missing_scopes: [],
    ready,
    message: ready ? "Ready: the new app's token works." : "Test the new app's token first.",
  },
  still_to_do: [
    { kind: "placeholder", text: "Replace REPLACE_WITH_ZOOM_CLIENT_SECRET with the new app's Client Secret, from your secret store in .env.", files: [".env"] },
    { kind: "code", text: "Change the code as the guidance shows.", files: [] },
    { kind: "committed_secret", text: "The JWT credentials are committed to git in .env.", files: [".env"] },
  ],
});

const journal = {
  root: "/tmp/legacy",
  backup_dir: "/tmp/legacy/.s2s-desk-migration/1",
  applied_unix: 1,
  files: [{ file: ".env", sha256_before: "a", sha256_after: "b" }],
};
const list = profileList([profile("New app")]);

describe("Migrate from JWT", () => {
  it("counts in words a person would write: 1 file, not 1 files", async () => {
    const one = { ...report, progress: { ...report.progress, files_seen: 1, files_scanned: 1 }, skipped_binary: 1 };
    answerIpc({
      list_profiles: () => list,
      // The result arrives before the scan's id does (a one-file project): it waits for the id.
      start_migration_scan: (args) => (sendOnChannel(args.onUpdate, { state: "done", report: one }), 7),
      plan_migration: () => plan(false),
    });
    render(<MigrateView go={vi.fn()} />);
    fireEvent.input(screen.getByTestId("migrate-path"), { target: { value: "/tmp/legacy" } });
    fireEvent.click(screen.getByTestId("migrate-scan-start"));
    const findings = await screen.findByTestId("migrate-findings", {}, { timeout: 2000 });
    expect(findings.textContent).toContain("1 file scanned in 12 ms · 1 binary skipped");
  });

  it("scans with progress, shows findings, and applies only once the new app is ready", async () => {
    let tested = false;
    let channel: unknown = null;
    const calls = answerIpc({
      // After its test, the new app's history holds it, as the backend records it.
      list_profiles: () => (tested ? { ...list, profiles: [profile("New app", { history: [passedRun().record] })] } : list),
      start_migration_scan: (args) => ((channel = args.onUpdate), 7),
      plan_migration: () => plan(tested),
      test_profile: () => ((tested = true), passedRun()),
      apply_migration: () => journal,
      undo_migration: () => ({ journal, reports_removed: ["s2s-desk-migration-report.md", "s2s-desk-migration-report.html"] }),
      get_migration_report: () => ({ markdown: "# report", html: "<h1>report</h1>", saved_to: "/tmp/legacy/s2s-desk-migration-report.md" }),
    });
    render(<MigrateView go={vi.fn()} />);
    fireEvent.input(screen.getByTestId("migrate-path"), { target: { value: "/tmp/legacy" } });
    fireEvent.click(screen.getByTestId("migrate-scan-start"));
    await waitFor(() => expect(channel).not.toBeNull());
    sendOnChannel(channel, { state: "running", progress: { files_seen: 1, files_scanned: 1, bytes_scanned: 2048, findings: 1 } });
    await waitFor(() => expect(screen.getByTestId("migrate-progress").textContent).toContain("1 files · 2 KB · 1 findings"));
    sendOnChannel(channel, { state: "done", report });
    await waitFor(() => expect(screen.getAllByTestId("migrate-finding")).toHaveLength(2), { timeout: 2000 });
    expect(calls.some((c) => c.cmd === "get_migration_scan")).toBe(false); // told, never polled
    expect(screen.getByTestId("migrate-findings").textContent).toContain("committed to git");
    expect(screen.getByTestId("migrate-scopes").textContent).toContain("user:read:list_users:admin");
    expect(screen.getByTestId("migrate-admin-note").textContent).toContain("admin privileges");

    const applyButton = (await screen.findByTestId("migrate-apply")) as HTMLButtonElement;
    expect(applyButton.disabled).toBe(true);
    fireEvent.change(screen.getByTestId("migrate-profile"), { target: { value: "id-New app" } });
    fireEvent.click(screen.getByTestId("migrate-test"));
    await waitFor(() => expect(screen.getByTestId("migrate-readiness").getAttribute("data-ready")).toBe("true"));
    fireEvent.click(screen.getByTestId("migrate-apply"));
    expect((await screen.findByTestId("migrate-applied")).textContent).toContain("1 file migrated");
    expect(calls.find((c) => c.cmd === "apply_migration")?.args).toEqual({
      id: 7,
      choices: {
        names: { account_id: "ZOOM_ACCOUNT_ID", client_id: "ZOOM_CLIENT_ID", client_secret: "ZOOM_CLIENT_SECRET" },
        profile_id: "id-New app",
        write_secret: false,
      },
    });
    // What is left, as the core lists it: every placeholder, the code, the committed JWT.
    const steps = screen.getAllByTestId("migrate-todo-step").map((s) => s.getAttribute("data-kind"));
    expect(steps).toEqual(["placeholder", "code", "committed_secret"]);
    fireEvent.click(screen.getByTestId("migrate-report-save"));
    await waitFor(() => expect(screen.getByTestId("migrate-report").textContent).toContain("Saved to"));

    fireEvent.click(screen.getByTestId("migrate-undo"));
    const undoneText = (await screen.findByTestId("migrate-undone")).textContent ?? "";
    expect(undoneText).toContain("Undone: 1 file restored");
    // The report saved while applied went with the migration it described.
    expect(undoneText).toContain("s2s-desk-migration-report.md");
    expect(screen.queryByTestId("migrate-applied")).toBeNull();
    expect(screen.queryByTestId("migrate-report-saved")).toBeNull();
    expect(screen.queryByTestId("migrate-report-stale")).toBeNull();
  });

  it("offers nothing to write for a project whose JWT settings are only in code", async () => {
    answerIpc({
      list_profiles: () => list,
      start_migration_scan: (args) => (setTimeout(() => sendOnChannel(args.onUpdate, { state: "done", report })), 7),
      plan_migration: () => ({ ...plan(true), previews: [] }),
    });
    render(<MigrateView go={vi.fn()} />);
    fireEvent.input(screen.getByTestId("migrate-path"), { target: { value: "/tmp/legacy" } });
    fireEvent.click(screen.getByTestId("migrate-scan-start"));
    const configs = await screen.findByTestId("migrate-configs", {}, { timeout: 2000 });
    expect(configs.textContent).toContain("found only in code");
    expect(screen.queryByTestId("migrate-apply")).toBeNull();
    expect(screen.queryByTestId("migrate-write-secret")).toBeNull();
    expect(screen.queryByTestId("migrate-name-client_secret")).toBeNull();
  });

  it("fills the path from the native folder dialog", async () => {
    const calls = answerIpc({ list_profiles: () => list, choose_path_to_scan: () => "/home/admin/zoom-bot" });
    render(<MigrateView go={vi.fn()} />);
    fireEvent.click(screen.getByTestId("migrate-browse"));
    await waitFor(() => expect((screen.getByTestId("migrate-path") as HTMLInputElement).value).toBe("/home/admin/zoom-bot"));
    expect(calls.find((c) => c.cmd === "choose_path_to_scan")?.args).toEqual({ directory: true });
  });

  it("sends the admin to set up the new app's profile and picks it on the way back", async () => {
    let profiles = [profile("Old app")];
    answerIpc({
      list_profiles: () => ({ ...list, profiles }),
      start_migration_scan: (args) => (setTimeout(() => sendOnChannel(args.onUpdate, { state: "done", report })), 1),
      plan_migration: () => plan(false),
    });
    const go = vi.fn();
    const first = render(<MigrateView go={go} />);
    fireEvent.input(screen.getByTestId("migrate-path"), { target: { value: "/tmp/legacy" } });
    fireEvent.click(screen.getByTestId("migrate-scan-start"));
    fireEvent.click(await screen.findByTestId("migrate-new-profile"));
    expect(go).toHaveBeenCalledWith("setup");
    expect(takeComeBack()).toBe("migrate");
    first.unmount();

    // Saving in Setup refreshes the shared profiles list before coming back.
    profiles = [profile("Old app"), profile("New S2S app")];
    await refreshProfiles();
    render(<MigrateView go={go} />);
    await waitFor(() => expect((screen.getByTestId("migrate-profile") as HTMLSelectElement).value).toBe("id-New S2S app"));
  });

  it("cancels a running scan", async () => {
    const calls = answerIpc({
      list_profiles: () => list,
      start_migration_scan: (args) => (
        setTimeout(() => sendOnChannel(args.onUpdate, { state: "running", progress: { files_seen: 10, files_scanned: 10, bytes_scanned: 100, findings: 0 } })),
        3
      ),
      cancel_migration_scan: () => null,
    });
    render(<MigrateView go={vi.fn()} />);
    fireEvent.input(screen.getByTestId("migrate-path"), { target: { value: "/big" } });
    fireEvent.click(screen.getByTestId("migrate-scan-start"));
    const cancel = (await screen.findByTestId("migrate-cancel")) as HTMLButtonElement;
    await waitFor(() => expect(cancel.disabled).toBe(false));
    fireEvent.click(cancel);
    expect(calls).toContainEqual({ cmd: "cancel_migration_scan", args: { id: 3 } });
  });

  it("marks the path field when nothing is there", async () => {
    answerIpc({
      list_profiles: () => list,
      start_migration_scan: () => {
        throw { kind: "path_not_found", message: "nothing at /nope", hint: "Paste the full path of the project folder or config file (~/ works)." };
      },
    });
    render(<MigrateView go={vi.fn()} />);
    fireEvent.input(screen.getByTestId("migrate-path"), { target: { value: "/nope" } });
    fireEvent.click(screen.getByTestId("migrate-scan-start"));
    expect((await screen.findByTestId("migrate-path-problem")).textContent).toContain("nothing at /nope");
    const field = screen.getByTestId("migrate-path");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")).toBe("migrate-path-problem");
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.queryByTestId("error-notice")).toBeNull();
    fireEvent.input(field, { target: { value: "/nope2" } });
    expect(screen.queryByTestId("migrate-path-problem")).toBeNull();
  });
});
