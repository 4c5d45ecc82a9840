import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { profile, scopeOverview, profileList } from "../../../test/fixtures";
import { answerIpc } from "../../../test/setup";
import { ScopesView } from "./ScopesView";

const list = profileList([profile("Reporting")]);
const whatIf = {
  current: null,
  proposed: { kind: "member", role_id: "2", name: "Member", privileges: [], privileges_known: true, source: "picked" },
  removed: ["user:read:list_users:admin"],
  already_at_risk: [],
  kept: 0,
  failing_operations: [{ method: "GET", path: "/users", operation_id: "users", summary: "List users", variant: "endpoints" }],
  inferred: false,
};

describe("Scopes & roles", () => {
  it("puts drift and ownership risk first, then judges each scope and labels inferences", async () => {
    answerIpc({ list_profiles: () => list, get_scope_overview: () => scopeOverview(), predict_role_change: () => whatIf });
    render(<ScopesView subject="id-Reporting" go={vi.fn()} />);
    const drift = await screen.findByTestId("drift-warning");
    expect(drift.textContent).toContain("role:read:role:admin");
    expect(screen.getByTestId("drift-cause").textContent).toContain("lost privileges");
    expect(screen.getByTestId("ownership-risk").textContent?.split("one person's role")).toHaveLength(2); // said once
    const row = screen.getByTestId("granted-scope");
    expect(row.getAttribute("data-standing")).toBe("allowed");
    expect(row.textContent).toContain("inferred");
    expect(screen.getByTestId("role-source").textContent).toContain("Read from Zoom");
    expect(screen.getByTestId("scope-diff").textContent).toContain("role:read:role:admin");
    expect((await screen.findByTestId("what-if-result")).getAttribute("data-removed")).toBe("1");
  });

  it("warns, as an alert, when the expected scopes mix classic and granular names", async () => {
    const message = "The expected scopes mix classic names (user:read:admin) and granular ones (user:read:user:admin).";
    const overview = scopeOverview();
    const diff = { ...overview.diff, expected_mixed: { classic: ["user:read:admin"], granular: ["user:read:user:admin"], message } };
    answerIpc({ list_profiles: () => list, get_scope_overview: () => ({ ...overview, diff }), predict_role_change: () => whatIf });
    render(<ScopesView subject="id-Reporting" go={vi.fn()} />);
    const warning = await screen.findByTestId("scope-mixed-models");
    expect(warning.textContent).toBe(message);
    expect(warning.getAttribute("role")).toBe("alert");
  });

  it("says nothing would be removed without counting scopes that are not there", async () => {
    answerIpc({
      list_profiles: () => list,
      get_scope_overview: () => scopeOverview(),
      predict_role_change: () => ({ ...whatIf, removed: [], kept: 0, failing_operations: [] }),
    });
    render(<ScopesView subject="id-Reporting" go={vi.fn()} />);
    expect((await screen.findByTestId("what-if-result")).textContent).toBe("✔ Nothing would be removed.");
  });

  it("gives no verdict by a custom role until it has a privilege", async () => {
    const calls = answerIpc({ list_profiles: () => list, get_scope_overview: () => scopeOverview(), predict_role_change: () => whatIf });
    render(<ScopesView subject="id-Reporting" go={vi.fn()} />);
    fireEvent.change(await screen.findByTestId("role-mode"), { target: { value: "custom" } });
    expect((await screen.findByTestId("role-awaiting")).textContent).toContain("Tick the custom role's privileges");
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.cmd === "get_scope_overview").map((c) => (c.args.role as { from: string }).from)).not.toContain("custom");
  });

  it("re-judges by a role the admin picks", async () => {
    const calls = answerIpc({ list_profiles: () => list, get_scope_overview: () => scopeOverview(), predict_role_change: () => whatIf });
    render(<ScopesView subject="id-Reporting" go={vi.fn()} />);
    fireEvent.change(await screen.findByTestId("role-mode"), { target: { value: "member" } });
    await waitFor(() => expect(calls).toContainEqual({ cmd: "get_scope_overview", args: { id: "id-Reporting", role: { from: "builtin", kind: "member" } } }));
  });

  it("explains a pasted role it cannot read and keeps the last view", async () => {
    answerIpc({
      list_profiles: () => list,
      predict_role_change: () => whatIf,
      get_scope_overview: (args) => {
        if ((args.role as { from: string }).from === "pasted") throw { kind: "failed", message: "that is not JSON", hint: "Paste the whole JSON answer." };
        return scopeOverview();
      },
    });
    render(<ScopesView subject="id-Reporting" go={vi.fn()} />);
    fireEvent.change(await screen.findByTestId("role-mode"), { target: { value: "pasted" } });
    fireEvent.input(screen.getByTestId("role-json"), { target: { value: "{oops" } });
    fireEvent.click(screen.getByTestId("role-json-apply"));
    expect((await screen.findByTestId("error-notice")).getAttribute("data-kind")).toBe("failed");
    expect(screen.getByTestId("granted-scopes")).toBeTruthy();
  });

  it("asks for a token test when none got a token yet", async () => {
    answerIpc({ list_profiles: () => list, get_scope_overview: () => scopeOverview({ tested_at_unix: null, groups: [], drift: null, risk: null }) });
    const go = vi.fn();
    render(<ScopesView subject="id-Reporting" go={go} />);
    fireEvent.click((await screen.findByTestId("scopes-untested")).querySelector("button") as HTMLButtonElement);
    expect(go).toHaveBeenCalledWith("token", "id-Reporting");
  });

  it("checks an integration's calls and lists the scopes to add", async () => {
    const report = {
      calls: [
        {
          input: "GET /users",
          operation: whatIf.failing_operations[0],
          coverage: { status: "covered", by: ["user:read:list_users:admin"] },
          error: null,
          error_message: null,
        },
        {
          input: "POST /users/{userId}/meetings",
          operation: { method: "POST", path: "/users/{userId}/meetings", operation_id: "meetingCreate", summary: "Create a meeting", variant: "endpoints" },
          coverage: { status: "not_covered" },
          error: null,
          error_message: null,
        },
      ],
      to_add: [{ scope: "meeting:write:meeting:admin", level: "admin", granular: true, covers: ["POST /users/{userId}/meetings"] }],
      all_covered: false,
      not_needed: ["role:read:list_roles:admin"],
    };
    const calls = answerIpc({
      list_profiles: () => list,
      get_scope_overview: () => scopeOverview(),
      predict_role_change: () => whatIf,
      check_calls: () => report,
      list_catalog_operations: () => [whatIf.failing_operations[0]],
    });
    render(<ScopesView subject="id-Reporting" go={vi.fn()} />);
    fireEvent.input(await screen.findByTestId("coverage-pick"), { target: { value: "GET /users" } });
    fireEvent.click(screen.getByTestId("coverage-add"));
    expect((screen.getByTestId("coverage-input") as HTMLTextAreaElement).value).toBe("GET /users");
    fireEvent.input(screen.getByTestId("coverage-input"), { target: { value: "GET /users\n\nPOST /users/{userId}/meetings\n" } });
    fireEvent.click(screen.getByTestId("coverage-check"));
    expect((await screen.findByTestId("coverage-to-add")).textContent).toContain("meeting:write:meeting:admin");
    // The list goes as typed: the core reads it (blank lines, comments).
    expect(calls).toContainEqual({ cmd: "check_calls", args: { id: "id-Reporting", text: "GET /users\n\nPOST /users/{userId}/meetings\n" } });
    expect(screen.getByTestId("coverage-result").getAttribute("data-all-covered")).toBe("false");
    // Least privilege: what the app holds that none of these calls needs.
    expect(screen.getByTestId("coverage-not-needed").textContent).toContain("role:read:list_roles:admin");
  });
});
