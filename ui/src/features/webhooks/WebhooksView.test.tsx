import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { profile, profileList } from "../../../test/fixtures";
import { answerIpc } from "../../../test/setup";
import type { ReceiverReport, WebhookCheck } from "../../ipc";
import { WebhooksView } from "./WebhooksView";

const SANDBOX = "http://127.0.0.1:4000";
const options = {
  events: ["meeting.started", "recording.completed"],
  default_event: "meeting.started",
  sample_receivers: [
    { behaviour: "correct", url: `${SANDBOX}/_sim/receivers/SbxReportingBot0000001/correct` },
    { behaviour: "accepts-forged", url: `${SANDBOX}/_sim/receivers/SbxReportingBot0000001/accepts-forged` },
  ],
};

function check(name: WebhookCheck["name"], ok: boolean, extra: Partial<WebhookCheck> = {}): WebhookCheck {
  return {
    name,
    ok,
    status: ok ? 200 : 204,
    latency_ms: 4,
    message: ok ? "fine" : "accepted an event with a forged signature (HTTP 204)",
    zoom_would: null,
    fix: null,
    fault: null,
    ...extra,
  };
}

const forgedAccepted: ReceiverReport = {
  ok: false,
  url: options.sample_receivers[1]!.url,
  event: "recording.completed",
  checks: [
    check("url_validation", true),
    check("signed_event", true),
    check("forged_signature", false, { fault: "receiver", zoom_would: "anyone who learns the URL can", fix: "Compare in constant time and answer 401." }),
    check("replayed_event", true),
  ],
  zoom_will_refuse: ["Zoom only delivers to https:// endpoints."],
};

describe("Webhooks", () => {
  it("tests a Sandbox sample receiver and shows each check, what Zoom would do, and the fix", async () => {
    const calls = answerIpc({
      list_profiles: () => profileList([profile("Reporting")]),
      get_webhook_options: () => options,
      test_webhook_receiver: () => forgedAccepted,
    });
    render(<WebhooksView go={vi.fn()} />);
    fireEvent.click(await screen.findByTestId("webhook-sample-accepts-forged"));
    fireEvent.change(screen.getByTestId("webhook-event"), { target: { value: "recording.completed" } });
    fireEvent.click(screen.getByTestId("webhook-test"));
    expect((await screen.findByTestId("webhook-summary")).textContent).toContain("1 of 4 checks failed");
    expect(screen.getByTestId("webhook-check-forged_signature").dataset.ok).toBe("false");
    expect(screen.getByTestId("webhook-fix-forged_signature").textContent).toContain("constant time");
    expect(screen.getByTestId("webhook-zoom-will-refuse").textContent).toContain("https://");
    expect(calls.find((c) => c.cmd === "test_webhook_receiver")?.args).toEqual({
      request: { profile_id: "id-Reporting", url: options.sample_receivers[1]!.url, event: "recording.completed", allow_insecure: false, secret_token: null },
    });
  });

  it("saves a typed Secret Token to the profile's keychain entry and never keeps it in the form", async () => {
    let saved = false;
    const calls = answerIpc({
      list_profiles: () => profileList([profile("Prod", { cloud: "commercial", webhook_secret_token_saved: saved })]),
      get_webhook_options: () => options,
      set_webhook_secret_token: (args) => {
        saved = args.token !== null;
        return profile("Prod", { webhook_secret_token_saved: saved });
      },
    });
    render(<WebhooksView go={vi.fn()} />);
    expect(screen.queryByTestId("webhook-samples")).toBeNull();
    fireEvent.input(await screen.findByTestId("webhook-token"), { target: { value: "realWebhookToken0001" } });
    fireEvent.click(screen.getByTestId("webhook-token-save"));
    await waitFor(() => expect(screen.getByTestId("webhook-token-status").textContent).toBe("Saved in the keychain."));
    expect((screen.getByTestId("webhook-token") as HTMLInputElement).value).toBe("");
    expect(calls.find((c) => c.cmd === "set_webhook_secret_token")?.args).toEqual({ id: "id-Prod", token: "realWebhookToken0001" });
    fireEvent.click(await screen.findByTestId("webhook-token-forget"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "set_webhook_secret_token").at(-1)?.args).toEqual({ id: "id-Prod", token: null }));
  });

  it("shows why a test could not start", async () => {
    answerIpc({
      list_profiles: () => profileList([profile("Prod", { cloud: "commercial" })]),
      get_webhook_options: () => options,
      test_webhook_receiver: () => {
        throw { kind: "failed", message: "http://hooks.example.com would carry the test events unencrypted across the network", hint: "Use https://" };
      },
    });
    render(<WebhooksView go={vi.fn()} />);
    fireEvent.input(await screen.findByTestId("webhook-url"), { target: { value: "http://hooks.example.com/zoom" } });
    fireEvent.click(screen.getByTestId("webhook-test"));
    expect(await screen.findByText(/unencrypted across the network/)).toBeTruthy();
    expect(screen.queryByTestId("webhook-report")).toBeNull();
  });

  it("offers the reference receivers to copy, one language at a time", async () => {
    answerIpc({ list_profiles: () => profileList([]), get_webhook_options: () => options });
    render(<WebhooksView go={vi.fn()} />);
    expect(screen.getByTestId("receiver-code").textContent).toContain("express.raw");
    fireEvent.click(screen.getByTestId("receiver-tab-go"));
    expect(screen.getByTestId("receiver-code").textContent).toContain("hmac.Equal");
    fireEvent.click(screen.getByTestId("receiver-tab-flask"));
    expect(screen.getByTestId("receiver-code").textContent).toContain("hmac.compare_digest");
  });
});
