// Stands in for the Rust side in the Chromium flow test, through Tauri's own mockIPC, then
// starts the real UI. Calls are recorded on window so the test can read them.
import { mockIPC } from "@tauri-apps/api/mocks";
import { entry, passedRun, preferencesView, profile, profileList, sandboxView, scopeOverview } from "../fixtures";

// Long, real granular scope names: the widest text a Test token result shows.
const WIDE_SCOPES = [
  "meeting:read:list_past_participants:admin",
  "cloud_recording:read:list_recording_files:admin",
  "report:read:list_meeting_participants:admin",
  "user:read:list_users:admin",
];

const REPORTING = profile("Reporting (prod)", {
  id: "p1",
  cloud: "commercial",
  account_id: "AcctAcctAcctAcctAcct01",
  client_id: "ClientClientClient0001",
  tags: ["prod"],
});
const DRIFTED = profile("Meetings bot (staging, EU)", {
  id: "p2",
  tags: ["staging", "eu-west-frankfurt"],
  history: [{ ...passedRun(WIDE_SCOPES).record, drift: scopeOverview().drift!.drift }],
  // Where its secret is deployed: a long file path and a command with a check (the widest rows).
  consumers: [
    {
      id: "c1",
      label: "production .env",
      target: { kind: "file", path: "/srv/deployments/meetings-bot/staging/eu-west-frankfurt/.env", setting: "ZOOM_CLIENT_SECRET" },
      check: null,
      timeout_secs: 30,
    },
    {
      id: "c2",
      label: "Vault",
      target: { kind: "command", command: { program: "vault", args: ["kv", "put", "secret/zoom/meetings-bot-staging-eu", "client_secret=-"] } },
      check: { program: "sh", args: ["-c", 'test "$(vault kv get -field=client_secret secret/zoom/meetings-bot-staging-eu)" = "$(cat)"'] },
      timeout_secs: 30,
    },
  ],
});
let preferences = preferencesView();

type Call = { cmd: string; args: unknown };
const calls: Call[] = [];
(window as unknown as { __ipcCalls: Call[] }).__ipcCalls = calls;

mockIPC((cmd, args) => {
  calls.push({ cmd, args });
  switch (cmd) {
    case "get_app_info":
      return { name: "S2S Desk", version: "0.1.0", build_profile: "debug", tauri_version: "2.12.5", sandbox_url: "http://127.0.0.1:47001" };
    case "list_profiles":
      // Saved profiles (so the app stays on the Overview instead of the Welcome), one with every
      // badge and long tags: the widest overview row.
      return profileList(
        [
          REPORTING,
          entry(DRIFTED, {
            owner_at_risk: "This app depends on one person's role.",
            missing_scopes: ["cloud_recording:read:list_recording_files:admin"],
            secret_age_days: 120,
            secret_due: true,
            concerns: [
              { concern: "lost_admin_access", urgency: "risk" },
              { concern: "scopes_missing", urgency: "risk" },
              { concern: "owner_at_risk", urgency: "warn" },
              { concern: "secret_due", urgency: "warn" },
            ],
            attention: "risk",
          }),
        ],
        { keychain: "Secret Service (service app.s2sdesk.desktop)" },
      );
    case "duplicate_profile":
      return { ...REPORTING, id: "p3", name: `${REPORTING.name} (copy)` };
    case "check_preferences": {
      const timeout = (args as { preferences: { request_timeout_secs: number } }).preferences.request_timeout_secs;
      return timeout > 120 ? [{ field: "request_timeout", message: "The request timeout must be between 5 and 120 seconds." }] : [];
    }
    case "get_preferences":
      return preferences;
    case "set_preferences":
      preferences = { ...preferences, preferences: (args as { preferences: typeof preferences.preferences }).preferences };
      return preferences.preferences;
    case "get_sandbox":
      return sandboxView();
    case "get_scope_overview":
      return scopeOverview();
    case "predict_role_change":
      return { current: null, proposed: null, removed: [], already_at_risk: [], kept: 2, failing_operations: [], inferred: false };
    case "list_catalog_operations":
      return [];
    case "check_calls":
      // Long inputs, paths and scope names: the widest coverage table.
      return {
        calls: [
          {
            input: "GET https://api.zoom.us/v2/report/meetings/{meetingId}/participants?page_size=300&next_page_token=",
            operation: {
              method: "GET",
              path: "/report/meetings/{meetingId}/participants",
              operation_id: "reportMeetingParticipants",
              summary: "Get meeting participant reports",
              variant: "endpoints",
            },
            coverage: { status: "covered", by: ["report:read:list_meeting_participants:admin", "report:read:admin"] },
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
        not_needed: ["cloud_recording:read:list_recording_files:admin"],
      };
    case "test_profile":
      return passedRun(WIDE_SCOPES);
    case "get_webhook_options":
      return { events: ["meeting.started", "recording.completed"], default_event: "meeting.started", sample_receivers: [] };
    case "test_webhook_receiver":
      return {
        ok: false,
        url: "http://localhost:3000/zoom/webhook",
        event: "meeting.started",
        checks: [
          {
            name: "url_validation",
            ok: true,
            status: 200,
            latency_ms: 6,
            message: "answered 200 with the right encryptedToken in 6 ms",
            zoom_would: null,
            fix: null,
            fault: null,
          },
          { name: "signed_event", ok: true, status: 204, latency_ms: 3, message: "accepted with HTTP 204 in 3 ms", zoom_would: null, fix: null, fault: null },
          {
            name: "forged_signature",
            ok: false,
            status: 204,
            latency_ms: 2,
            message: "accepted an event with a forged signature (HTTP 204)",
            zoom_would: "Zoom never sends this, but anyone who learns the URL can, and the receiver would act on it.",
            fix: "Compare x-zm-signature in constant time and answer 401 when they differ.",
            fault: "receiver",
          },
          {
            name: "replayed_event",
            ok: true,
            status: 401,
            latency_ms: 2,
            message: "refused a replayed event (signed 30 minutes ago) with HTTP 401",
            zoom_would: null,
            fix: null,
            fault: null,
          },
        ],
        zoom_will_refuse: ["Zoom only delivers to https:// endpoints (TLS 1.2 or later, with a certificate from a public CA)."],
      };
    case "rotate_secret":
    case "get_rotation_status": {
      // The first profile has none under way; the second is mid-way through an API rotation.
      const id = (args as { id: string }).id;
      return id === "p2"
        ? {
            profile_id: id,
            rotation: {
              via: { path: "api", app_id: "AppIdAppIdAppIdAppId01" },
              stage: "switched",
              started_unix: 1_788_220_800,
              keep_previous_until_unix: 1_788_307_200,
              tested_unix: 1_788_220_801,
            },
            previous_kept: true,
            summary: "rotation in progress: new secret tested and in use, old one still kept until 2026-09-02 00:00 UTC (Zoom revokes it then)",
            api_unavailable: null,
            app_id: "AppIdAppIdAppIdAppId01",
            cancel_refused: "the new secret already passed its test and is being switched in",
            consumers: [
              {
                id: "c1",
                label: "production .env",
                destination: "ZOOM_CLIENT_SECRET in /srv/deployments/meetings-bot/staging/eu-west-frankfurt/.env",
                check: null,
                state: "updated",
                state_words: "updated (no check)",
                detail: "done: ZOOM_CLIENT_SECRET set in /srv/deployments/meetings-bot/staging/eu-west-frankfurt/.env",
                advice: null,
              },
              {
                id: "c2",
                label: "Vault",
                destination: "vault kv put secret/zoom/meetings-bot-staging-eu client_secret=-",
                check: 'sh -c \'test "$(vault kv get -field=client_secret secret/zoom/meetings-bot-staging-eu)" = "$(cat)"\'',
                state: "update_failed",
                state_words: "update failed",
                detail: "exited with status 2: Error writing data to secret/zoom/meetings-bot-staging-eu: permission denied",
                advice: "Run the command by hand to see why, correct it, then retry; the others are not affected.",
              },
            ],
          }
        : {
            profile_id: id,
            rotation: null,
            previous_kept: false,
            summary: "no rotation in progress",
            api_unavailable: {
              reason: "missing_scope",
              message:
                "the app's token lacks marketplace:update:client_secret: add that scope on the app's Scopes page and test again, or paste a new secret instead",
            },
            app_id: null,
            cancel_refused: null,
            consumers: [],
          };
    }
    case "open_external":
      throw {
        kind: "failed",
        message: "the system browser could not be opened: no browser in the flow test",
        hint: "Set a default web browser for your desktop, or copy the link.",
      };
    default:
      throw `command ${cmd} not found`;
  }
});

await import("../../src/main");
