import { act, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { answerIpc as answerIpcOnly } from "../../../test/setup";
import { failedRun, passedRun, profile, profileList, sandboxDemoApp } from "../../../test/fixtures";
import { SetupView } from "./SetupView";

/** Answers as the Rust side would, the Sandbox naming its demo app. */
const answerIpc: typeof answerIpcOnly = (handlers) => answerIpcOnly({ get_sandbox_demo_app: () => sandboxDemoApp(), ...handlers });

/** The wizard started on the Sandbox's demo app, once the Sandbox has named it. */
async function renderDemo(go: (...args: unknown[]) => void) {
  render(<SetupView subject="sandbox" go={go} />);
  await waitFor(() => expect((screen.getByTestId("field-account_id") as HTMLInputElement).value).toBe(sandboxDemoApp().account_id));
}

const noIssues = () => [];

/** The stepper's button for a step, by its label. */
function stepButton(label: string): HTMLButtonElement {
  const button = [...screen.getByTestId("stepper").querySelectorAll("button")].find((b) => b.textContent?.includes(label));
  if (!button) throw new Error(`no step ${label}`);
  return button;
}

/** Types a complete set of (well-formed, made-up) credentials into the Credentials step. */
function fillCredentials() {
  fireEvent.input(screen.getByTestId("field-name"), { target: { value: "Reporting" } });
  fireEvent.input(screen.getByTestId("field-account_id"), { target: { value: "AbCdEfGhIjKlMnOpQrStUv" } });
  fireEvent.input(screen.getByTestId("field-client_id"), { target: { value: "ZyXwVuTsRqPoNmLkJiHgFe" } });
  fireEvent.input(screen.getByTestId("field-client_secret"), { target: { value: "s3cretS3cretS3cretS3cretS3cret12" } });
}

describe("Setup wizard", () => {
  it("shows the core's validation message under the field it concerns", async () => {
    answerIpc({
      validate_credentials: () => [
        { field: "client_id", severity: "error", kind: "looks_swapped", message: "This looks like a client secret: the fields may be swapped." },
      ],
    });
    await renderDemo(vi.fn());
    // Nothing is flagged while the field has not been left…
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.queryByTestId("issues-client_id")).toBeNull();
    // …then the message sits under it, and Continue stays on the step, focused on the problem.
    fireEvent.blur(screen.getByTestId("field-client_id"));
    expect(await screen.findByText(/fields may be swapped/)).toBeTruthy();
    expect(screen.getByTestId("issues-client_id").textContent).toContain("swapped");
    fireEvent.click(screen.getByTestId("wizard-next"));
    expect(screen.getByTestId("step-credentials")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("field-client_id"));
  });

  it("offers to swap an Account ID and Client ID that look swapped", async () => {
    answerIpc({
      validate_credentials: (args) =>
        args.clientId === sandboxDemoApp().account_id
          ? [
              {
                field: "client_id",
                severity: "error",
                kind: "looks_swapped",
                message: "The Client ID here is the Account ID of the Sandbox's account.",
                swap_with: "account_id",
              },
            ]
          : [],
    });
    await renderDemo(vi.fn());
    const { account_id, client_id } = sandboxDemoApp();
    fireEvent.input(screen.getByTestId("field-account_id"), { target: { value: client_id } });
    fireEvent.input(screen.getByTestId("field-client_id"), { target: { value: account_id } });
    fireEvent.blur(screen.getByTestId("field-client_id"));
    fireEvent.click(await screen.findByTestId("swap-client_id"));
    expect((screen.getByTestId("field-account_id") as HTMLInputElement).value).toBe(account_id);
    expect((screen.getByTestId("field-client_id") as HTMLInputElement).value).toBe(client_id);
    await waitFor(() => expect(screen.queryByTestId("issues-client_id")).toBeNull());
  });

  it("tests the Sandbox demo app and saves it with its test as history", async () => {
    const run = passedRun();
    const calls = answerIpc({
      validate_credentials: noIssues,
      test_draft: () => run,
      save_profile: (args) => ({ id: "new", ...(args.draft as object), history: [] }),
    });
    const go = vi.fn();
    await renderDemo(go);
    expect((screen.getByTestId("field-account_id") as HTMLInputElement).value).toBe("SbxDemoAccount00000001");
    fireEvent.click(screen.getByTestId("wizard-next"));
    fireEvent.click(await screen.findByTestId("test-token"));
    const result = await screen.findByTestId("test-result");
    expect(result.getAttribute("data-outcome")).toBe("passed");
    expect(screen.getByTestId("scope-list").textContent).toContain("user:read:list_users:admin");
    expect(screen.getByTestId("expiry-countdown").textContent).toMatch(/^59:5\d$/);
    fireEvent.click(screen.getByTestId("wizard-next"));
    fireEvent.click(await screen.findByTestId("save-profile"));
    await waitFor(() => expect(go).toHaveBeenCalledWith("overview"));
    const save = calls.find((c) => c.cmd === "save_profile");
    expect(save?.args.clientSecret).toBe("sandboxSecretReportingBot0000001");
    expect(save?.args.lastTest).toEqual(run.record);
  });

  it("hands an optional webhook Secret Token to the keychain with the new profile", async () => {
    const calls = answerIpc({
      validate_credentials: noIssues,
      test_draft: () => passedRun(),
      save_profile: (args) => ({ id: "new", ...(args.draft as object), history: [] }),
      set_webhook_secret_token: () => ({ id: "new", history: [], webhook_secret_token_saved: true }),
    });
    const go = vi.fn();
    await renderDemo(go);
    fireEvent.click(screen.getByTestId("wizard-next"));
    fireEvent.click(await screen.findByTestId("test-token"));
    await screen.findByTestId("test-result");
    fireEvent.click(screen.getByTestId("wizard-next"));
    fireEvent.input(await screen.findByTestId("save-webhook-token"), { target: { value: "hookToken0001" } });
    fireEvent.click(screen.getByTestId("save-profile"));
    await waitFor(() => expect(go).toHaveBeenCalledWith("overview"));
    expect(calls.find((c) => c.cmd === "set_webhook_secret_token")?.args).toEqual({ id: "new", token: "hookToken0001" });
    expect(JSON.stringify(calls.find((c) => c.cmd === "save_profile")?.args)).not.toContain("hookToken0001");
  });

  it("explains a rejected secret and leads back to the credentials step", async () => {
    answerIpc({
      validate_credentials: noIssues,
      test_draft: () => failedRun("invalid_client", "Zoom rejected the Client ID or Client Secret", "Copy the Client Secret again from App Credentials."),
    });
    await renderDemo(vi.fn());
    fireEvent.click(screen.getByTestId("wizard-next"));
    fireEvent.click(await screen.findByTestId("test-token"));
    expect((await screen.findByTestId("test-result")).getAttribute("data-kind")).toBe("invalid_client");
    expect(screen.getByTestId("test-advice").textContent).toContain("Copy the Client Secret again");
    expect(screen.getByTestId("zoom-answer").textContent).toContain("invalid_client");
    fireEvent.click(screen.getByTestId("revisit-step"));
    expect(screen.getByTestId("step-credentials")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("field-client_secret")));
  });

  it("waits out Zoom's Retry-After with a live countdown and offers no step to fix", async () => {
    answerIpc({
      validate_credentials: noIssues,
      test_draft: () => failedRun("rate_limited", "Zoom is rate limiting this app", "Wait, then test again.", { http_status: 429, retry_after_secs: 29 }),
    });
    await renderDemo(vi.fn());
    fireEvent.click(screen.getByTestId("wizard-next"));
    fireEvent.click(await screen.findByTestId("test-token"));
    expect((await screen.findByTestId("test-result")).getAttribute("data-kind")).toBe("rate_limited");
    const button = screen.getByTestId("test-token") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toMatch(/^Test again in (29|30) s$/);
    // Well past the 3 s minimum pause, Zoom's 29 s still hold.
    await new Promise((r) => setTimeout(r, 3_300));
    expect(button.disabled).toBe(true);
    expect(button.textContent).toMatch(/^Test again in 2[5-7] s$/);
    expect(screen.queryByTestId("revisit-step")).toBeNull();
  }, 10_000);

  it("after a failure, saving untested is possible but not the suggested step, and an old check is gone", async () => {
    answerIpc({
      validate_credentials: noIssues,
      test_draft: () => failedRun("invalid_client", "Zoom rejected the Client ID or Client Secret", "Copy the Client Secret again."),
    });
    await renderDemo(vi.fn());
    fireEvent.click(screen.getByTestId("wizard-next"));
    fireEvent.click(await screen.findByTestId("validate-only"));
    expect((await screen.findByTestId("validate-result")).textContent).toBe("The values look right. Nothing was sent to Zoom.");
    fireEvent.click(screen.getByTestId("test-token"));
    await screen.findByTestId("test-result");
    expect(screen.queryByTestId("validate-result")).toBeNull();
    const next = screen.getByTestId("wizard-next");
    expect(next.textContent).toBe("Save without a passing test");
    expect(next.className).not.toContain("button--primary");
  });

  it("edits a saved profile without offering to fill it from elsewhere", async () => {
    answerIpc({
      validate_credentials: noIssues,
      list_profiles: () => profileList([profile("Prod", { cloud: "sandbox" })]),
    });
    render(<SetupView subject="id-Prod" go={vi.fn()} />);
    await waitFor(() => expect((screen.getByTestId("field-name") as HTMLInputElement).value).toBe("Prod"));
    expect(screen.getByTestId("view-title").textContent).toBe("Edit Prod");
    expect(screen.queryByTestId("fill-sandbox")).toBeNull();
    expect(screen.queryByTestId("import-open")).toBeNull();
    expect(document.body.textContent).not.toContain("Set up a Server-to-Server");
  });

  it("edits on one page: a changed value is tested with the keychain's secret and saved without retyping it", async () => {
    const calls = answerIpc({
      validate_credentials: noIssues,
      list_profiles: () => profileList([profile("Prod", { cloud: "sandbox" })]),
      test_draft: () => passedRun(),
      save_profile: (args) => ({ ...profile("Prod"), ...(args.draft as object) }),
    });
    const go = vi.fn();
    render(<SetupView subject="id-Prod" go={go} />);
    await waitFor(() => expect((screen.getByTestId("field-name") as HTMLInputElement).value).toBe("Prod"));
    expect(screen.queryByTestId("stepper")).toBeNull();
    fireEvent.input(screen.getByTestId("field-tags"), { target: { value: "prod, eu" } });
    fireEvent.click(screen.getByTestId("test-token"));
    expect((await screen.findByTestId("test-result")).getAttribute("data-outcome")).toBe("passed");
    const tested = calls.find((c) => c.cmd === "test_draft")?.args;
    expect(tested?.clientSecret).toBeNull();
    expect(tested?.editing).toBe("id-Prod");
    expect((tested?.draft as { tags: string[] }).tags).toEqual(["prod", "eu"]);
    fireEvent.click(screen.getByTestId("save-profile"));
    await waitFor(() => expect(go).toHaveBeenCalledWith("overview"));
    const saved = calls.find((c) => c.cmd === "save_profile")?.args;
    expect(saved?.clientSecret).toBeNull();
    expect(saved?.id).toBe("id-Prod");
  });

  it("shows the secret with a keyboard toggle, marks a field with a problem, and hides the secret after 30 s", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      answerIpc({
        validate_credentials: () => [
          { field: "client_id", severity: "error", kind: "looks_swapped", message: "This looks like a client secret: the fields may be swapped." },
        ],
      });
      await renderDemo(vi.fn());
      const secret = screen.getByTestId("field-client_secret") as HTMLInputElement;
      const toggle = screen.getByTestId("secret-toggle");
      expect([secret.type, toggle.getAttribute("aria-pressed")]).toEqual(["password", "false"]);
      fireEvent.click(toggle); // Enter and Space click a button
      expect([secret.type, toggle.getAttribute("aria-pressed")]).toEqual(["text", "true"]);
      const clientId = screen.getByTestId("field-client_id");
      fireEvent.blur(clientId);
      await waitFor(() => expect(clientId.getAttribute("aria-invalid")).toBe("true"));
      expect(document.getElementById(clientId.getAttribute("aria-describedby") ?? "")?.textContent).toContain("swapped");
      await act(async () => {
        await vi.advanceTimersByTimeAsync(30_100);
      });
      expect(secret.type).toBe("password");
    } finally {
      vi.useRealTimers();
    }
  });

  it("moves focus to the new step after each step change", async () => {
    answerIpc({ validate_credentials: noIssues });
    render(<SetupView subject={null} go={vi.fn()} />);
    fireEvent.click(screen.getByTestId("wizard-next"));
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("Step 2 of 5: Create the app"));
  });

  it("opens a step only once the steps before it are done", async () => {
    answerIpc({ validate_credentials: noIssues });
    render(<SetupView subject={null} go={vi.fn()} />);
    const save = stepButton("Save");
    expect(save.disabled).toBe(true);
    fireEvent.click(save);
    expect(screen.getByTestId("stepper").querySelector("[aria-current=step]")?.textContent).toContain("App type");
    fireEvent.click(stepButton("Create the app"));
    fireEvent.click(stepButton("Credentials"));
    expect(stepButton("Test token").disabled).toBe(true);
    fillCredentials();
    await waitFor(() => expect(stepButton("Test token").disabled).toBe(false));
    expect(stepButton("Save").disabled).toBe(true); // the test step comes first
  });

  it("warns before a real test only for an app known to follow the old one-token rule", async () => {
    answerIpc({ validate_credentials: noIssues });
    render(<SetupView subject={null} go={vi.fn()} />);
    fireEvent.click(stepButton("Create the app"));
    fireEvent.click(stepButton("Credentials"));
    fillCredentials();
    await waitFor(() => expect(stepButton("Test token").disabled).toBe(false));
    fireEvent.click(stepButton("Test token"));
    expect(screen.queryByTestId("invalidation-warning")).toBeNull();
    fireEvent.click(stepButton("Credentials"));
    fireEvent.change(screen.getByTestId("field-token-rule"), { target: { value: "one_token" } });
    fireEvent.click(stepButton("Test token"));
    expect(screen.getByTestId("invalidation-warning").textContent).toContain("invalidates the token your deployed service is using");
  });
});

describe("Setup advice", () => {
  it("explains the kinds of general app when S2S doesn't fit, and the role permission S2S needs", () => {
    answerIpc({ validate_credentials: noIssues });
    render(<SetupView subject={null} go={vi.fn()} />);
    fireEvent.click(screen.getByLabelText(/Other people's Zoom accounts/));
    const kinds = screen.getByTestId("general-app-kinds").textContent ?? "";
    expect(kinds).toContain("installs it once for the whole account");
    expect(kinds).toContain("redirect URL");
    expect(screen.getByTestId("wizard-next").className).not.toContain("button--primary");
    fireEvent.click(screen.getByLabelText(/My own Zoom account/));
    fireEvent.click(screen.getByTestId("wizard-next"));
    expect(screen.getByTestId("step-marketplace").textContent).toContain('Server-to-Server OAuth app" permission');
  });
});

describe("Setup import", () => {
  it("fills the form from a profile export and leaves the secret to the admin", async () => {
    const draft = {
      name: "Shared",
      cloud: "government",
      account_id: "AcctAcctAcctAcctAcct01",
      client_id: "ClientClientClient0001",
      notes: "from Ann",
      expected_scopes: ["user:read:user:admin"],
      token_index: 2,
      token_rule: "one_token",
    };
    answerIpc({ validate_credentials: noIssues, import_profile: () => draft });
    await renderDemo(vi.fn());
    fireEvent.click(screen.getByTestId("import-open"));
    fireEvent.input(screen.getByTestId("import-json"), { target: { value: "{}" } });
    fireEvent.click(screen.getByTestId("import-load"));
    await waitFor(() => expect((screen.getByTestId("field-client_id") as HTMLInputElement).value).toBe("ClientClientClient0001"));
    expect((screen.getByTestId("field-cloud") as HTMLSelectElement).value).toBe("government");
    expect((screen.getByTestId("field-client_secret") as HTMLInputElement).value).toBe("");
  });
});
