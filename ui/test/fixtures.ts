// Backend answers shaped exactly like the generated binding types, for UI tests.
import type { Profile, TestRun } from "../src/ipc";

export function passedRun(scopes: string[] = ["user:read:list_users:admin", "meeting:read:list_meetings:admin"]): TestRun {
  return {
    result: {
      outcome: "passed",
      report: {
        token: {
          token_type: "bearer",
          expires_in: 3599,
          expires_at_unix: Math.floor(Date.now() / 1000) + 3599,
          scopes: scopes.map((raw) => ({ raw, product: raw.split(":")[0] ?? raw, action: "read", resource: null, level: raw.endsWith(":admin") ? "admin" : "user", model: "granular" })),
          api_url: "http://127.0.0.1:4010",
          api_url_from_response: true,
          latency_ms: 7,
          rate_limit: { category: "Light", limit_type: "Daily-limit", limit: 1000, remaining: 999, retry_after_secs: null },
        },
        probe: { outcome: "owner", owner: { id: "u1", email: "adam@sandbox.example", display_name: "Adam Admin", role_name: "Admin", role_id: "1", account_id: "A" }, rate_limit: { category: null, limit_type: null, limit: null, remaining: null, retry_after_secs: null } },
        missing_required: [],
        warnings: [],
        attempts: 1,
        total_ms: 9,
      },
    },
    record: { at_unix: Math.floor(Date.now() / 1000), ok: true, kind: null, summary: `Token issued with ${scopes.length} scopes`, scopes, latency_ms: 7 },
  };
}

export function failedRun(kind: "invalid_client" | "app_disabled", message: string, advice: string): TestRun {
  return {
    result: { outcome: "failed", failure: { kind, message, advice, http_status: 400, zoom_error: kind === "invalid_client" ? "invalid_client" : "4717", zoom_reason: "Invalid client_id or client_secret", issues: [] } },
    record: { at_unix: Math.floor(Date.now() / 1000), ok: false, kind, summary: message, scopes: [], latency_ms: null },
  };
}

export function profile(name: string, extra: Partial<Profile> = {}): Profile {
  return { id: `id-${name}`, name, cloud: "sandbox", account_id: "SbxDemoAccount00000001", client_id: "SbxReportingBot0000001", notes: "", expected_scopes: [], token_index: null, token_tolerance: null, history: [], ...extra };
}
