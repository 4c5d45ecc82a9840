import { sendOnChannel } from "./channels";
// Backend answers shaped exactly like the generated binding types, for UI tests.
import type {
  AppInfo,
  ConcernEntry,
  FailureReport,
  Preferences,
  PreferencesView,
  Profile,
  ProfileEntry,
  ProfileHealth,
  ProfileList,
  SandboxDemoApp,
  SandboxView,
  ScopeOverview,
  TestRun,
} from "../src/ipc";

export function passedRun(scopes: string[] = ["user:read:list_users:admin", "meeting:read:list_meetings:admin"]): TestRun {
  const parsed = scopes.map((raw) => ({
    raw,
    product: raw.split(":")[0] ?? raw,
    action: "read",
    resource: null,
    level: raw.endsWith(":admin") ? ("admin" as const) : ("user" as const),
    model: "granular" as const,
  }));
  // As the core groups them: products by name, widest level first.
  const products = [...new Set(parsed.map((s) => s.product))].sort();
  const groups = products.map((product) => ({ product, scopes: parsed.filter((s) => s.product === product) }));
  return {
    result: {
      outcome: "passed",
      report: {
        token: {
          token_type: "bearer",
          expires_in: 3599,
          expires_at_unix: Math.floor(Date.now() / 1000) + 3599,
          scopes: parsed,
          groups,
          api_url: "http://127.0.0.1:4010",
          api_url_from_response: true,
          latency_ms: 7,
          rate_limit: { category: "Light", limit_type: "Daily-limit", limit: 1000, remaining: 999, retry_after_secs: null },
        },
        probe: {
          outcome: "owner",
          owner: { id: "u1", email: "adam@sandbox.example", display_name: "Adam Admin", role_name: "Admin", role_id: "1", account_id: "A", status: "active" },
          rate_limit: { category: null, limit_type: null, limit: null, remaining: null, retry_after_secs: null },
        },
        owner_privileges: { outcome: "read", privileges: ["User:Read"], via: "GET /v2/users/me/permissions" },
        missing_required: [],
        warnings: [],
        attempts: 1,
        total_ms: 9,
      },
    },
    record: {
      at_unix: Math.floor(Date.now() / 1000),
      ok: true,
      kind: null,
      summary: `Token issued with ${scopes.length} scopes`,
      scopes,
      latency_ms: 7,
      owner: null,
      drift: null,
      renamed_scopes: [],
      api_url: null,
      zoom_code: null,
    },
    why_not_passed: null,
  };
}

export function failedRun(
  kind: "invalid_client" | "app_disabled" | "rate_limited",
  message: string,
  advice: string,
  extra: Partial<FailureReport> = {},
): TestRun {
  return {
    result: {
      outcome: "failed",
      failure: {
        kind,
        message,
        advice,
        http_status: 400,
        zoom_error: kind === "invalid_client" ? "invalid_client" : "4717",
        zoom_reason: "Invalid client_id or client_secret",
        issues: [],
        retry_after_secs: null,
        ...extra,
      },
    },
    record: {
      at_unix: Math.floor(Date.now() / 1000),
      ok: false,
      kind,
      summary: message,
      scopes: [],
      latency_ms: null,
      owner: null,
      drift: null,
      renamed_scopes: [],
      api_url: null,
      zoom_code: null,
    },
    // As the core words it.
    why_not_passed: `${message.replace(/\.$/, "")}. ${advice}`,
  };
}

export function profile(name: string, extra: Partial<Profile> = {}): Profile {
  return {
    id: `id-${name}`,
    name,
    cloud: "sandbox",
    account_id: "SbxDemoAccount00000001",
    client_id: "SbxReportingBot0000001",
    notes: "",
    expected_scopes: [],
    token_index: null,
    token_rule: null,
    account_plan: null,
    tags: [],
    history: [],
    secret_saved_unix: null,
    webhook_secret_token_saved: false,
    app_id: null,
    secret_reminder_days: null,
    rotation: null,
    ownership_transfer: null,
    consumers: [],
    ...extra,
  };
}

/** A profile's health as the core answers it: the token verdict and any lost admin access read
 *  from its latest test (each then a "risk" concern, as the core ranks them); `extra` on top —
 *  a test that adds a finding states the concerns the core would list with it. */
export function health(p: Profile, extra: Partial<ProfileHealth> = {}): ProfileHealth {
  const last = p.history[0];
  const token = !last ? "never_tested" : last.ok ? "passing" : "failing";
  const lost = last?.drift?.cause ?? null;
  const concerns: ConcernEntry[] = [];
  if (token === "failing") concerns.push({ concern: "token_failing", urgency: "risk" });
  if (lost) concerns.push({ concern: "lost_admin_access", urgency: "risk" });
  return {
    id: p.id,
    token,
    tested_unix: last?.at_unix ?? null,
    lost_admin_access: lost,
    owner_at_risk: null,
    missing_scopes: [],
    secret_age_days: null,
    secret_due: false,
    secret_reminder_days: p.secret_reminder_days ?? 90,
    owner_state: null,
    owner_message: null,
    transfer: null,
    concerns,
    attention: concerns[0]?.urgency ?? null,
    ...extra,
  };
}

/** A profile with its health, as list_profiles lists it. */
export function entry(p: Profile, extra: Partial<ProfileHealth> = {}): ProfileEntry {
  return { ...p, health: health(p, extra) };
}

/** What list_profiles answers: these profiles (with their health, computed unless given), a
 *  working keychain. */
export function profileList(profiles: (Profile | ProfileEntry)[], extra: Partial<ProfileList> = {}): ProfileList {
  const entries = profiles.map((p) => ("health" in p ? p : entry(p)));
  return { profiles: entries, keychain: "memory", notice: null, keychain_problem: null, ...extra };
}

/** What get_sandbox_demo_app answers: the default fixture's Reporting Bot. */
export function sandboxDemoApp(): SandboxDemoApp {
  return {
    name: "Reporting Bot",
    account_id: "SbxDemoAccount00000001",
    client_id: "SbxReportingBot0000001",
    client_secret: "sandboxSecretReportingBot0000001",
    expected_scopes: ["user:read:list_users:admin"],
    app_id: "SbxAppReportingBot0001",
  };
}

/** What get_preferences answers: the defaults, with `extra` on top. */
export function preferencesView(extra: Partial<Preferences> = {}, notice: string | null = null): PreferencesView {
  return {
    preferences: {
      theme: "system",
      default_cloud: "commercial",
      request_timeout_secs: 20,
      proxy: "system",
      proxy_url: "",
      ca_bundle: null,
      history_retention: 50,
      background_retest: false,
      window: null,
      ...extra,
    },
    notice,
    timeout_range: [5, 120],
    history_max: 50,
  };
}

/** The Scopes view's data for an Admin-owned app that lost one admin scope. */
export function scopeOverview(extra: Partial<ScopeOverview> = {}): ScopeOverview {
  const verdict = (scope: string, standing: "allowed" | "at_risk", documented: boolean) => ({
    scope,
    level: "admin" as const,
    standing,
    basis: standing === "allowed" ? ("privilege_held" as const) : ("no_admin_privileges" as const),
    documented,
    tied_privileges: ["User:Read"],
    unlisted_privileges: [],
    explanation: standing === "allowed" ? "Admin holds User:Read (inferred)." : "Member has no admin privileges.",
  });
  return {
    catalog_version: "zoom-api-hub-2026-08-09",
    tested_at_unix: Math.floor(Date.now() / 1000) - 60,
    owner: { user_id: "sbx-admin-0002", email: "adam.admin@sandbox.example", role_id: "1", role_name: "Admin", privileges: ["User:Read"], status: "active" },
    groups: [
      {
        product: "user",
        scopes: [
          {
            scope: { raw: "user:read:list_users:admin", product: "user", action: "read", resource: "list_users", level: "admin", model: "granular" },
            in_catalog: true,
            description: "List users — for every user in the account.",
            operations: [{ method: "GET", path: "/users", operation_id: "users", summary: "List users", variant: "endpoints" }],
            verdict: verdict("user:read:list_users:admin", "allowed", false),
          },
        ],
      },
    ],
    diff: { missing: ["role:read:role:admin"], extra: [], expected_mixed: null },
    role: {
      role: { kind: "admin", role_id: "1", name: "Admin", privileges: ["User:Read"], privileges_known: true, source: "zoom_api" },
      unknown_privileges: [],
      addable_admin_scopes: ["user:read:list_users:admin"],
    },
    at_risk: [],
    risk: {
      owner: "adam.admin@sandbox.example",
      role_name: "Admin",
      admin_scopes: ["user:read:list_users:admin"],
      message: "This app depends on one person's role: adam.admin@sandbox.example (Admin) owns it.",
    },
    drift: {
      at_unix: Math.floor(Date.now() / 1000) - 60,
      drift: {
        since_unix: Math.floor(Date.now() / 1000) - 3600,
        lost_scopes: ["role:read:role:admin"],
        lost_operations: [{ method: "GET", path: "/roles/{roleId}", operation_id: "roleDetail", summary: "Get role information", variant: "endpoints" }],
        lost_privileges: ["Role:Read"],
        role_change: null,
        owner_changed: false,
        cause: "The owner's role (Admin) lost privileges.",
        fixes: ["Restore the privileges.", "Or transfer the app's ownership."],
      },
    },
    privileges: [
      { privilege: "User:Read", description: "View users.", seen_in: ["privileges-reference-page"] },
      { privilege: "Role:Read", description: null, seen_in: ["x-permissions"] },
    ],
    ...extra,
  };
}

/** The Sandbox panel's data: one account, two users, two apps. */
export function sandboxView(extra: { appState?: "active" | "deactivated" } = {}): SandboxView {
  return {
    accounts: [
      {
        id: "SbxDemoAccount00000001",
        name: "Sandbox Demo Co.",
        plan: "business",
        roles: [
          { id: "0", name: "Owner" },
          { id: "1", name: "Admin" },
          { id: "2", name: "Member" },
        ],
        users: [
          { id: "sbx-owner-0001", email: "olivia.owner@sandbox.example", role_id: "0" },
          { id: "sbx-admin-0002", email: "adam.admin@sandbox.example", role_id: "1" },
        ],
        apps: [
          {
            client_id: "SbxReportingBot0000001",
            name: "Reporting Bot",
            kind: "server_to_server",
            state: extra.appState ?? "active",
            owner: "adam.admin@sandbox.example",
            scopes: 8,
          },
          {
            client_id: "SbxArchived00000000006",
            name: "Archived",
            kind: "server_to_server",
            state: "deactivated",
            owner: "olivia.owner@sandbox.example",
            scopes: 2,
          },
        ],
      },
    ],
  };
}

/** What get_app_info answers, with `extra` on top. */
export function appInfo(extra: Partial<AppInfo> = {}): AppInfo {
  return {
    name: "S2S Desk",
    version: "0.1.0",
    commit: "0123456789ab",
    catalog: "zoom-api-hub-2026-03-10 (33 products)",
    build_profile: "debug",
    tauri_version: "2.12.5",
    sandbox_url: "http://127.0.0.1:1",
    coexistence_cost: "",
    ...extra,
  };
}

/** The core's "Test all" as the window sees it: `test_profiles` tells `started`, then a `tested`
 *  per profile (its run from `runFor`), then `finished`, on the call's channel. */
export function testAllBackend(runFor: (id: string) => TestRun) {
  return (args: Record<string, unknown>) => {
    const ids = args.ids as string[];
    sendOnChannel(args.onEvent, { event: "started", total: ids.length, accounts: [], paced_ms: 0 });
    for (const id of ids) sendOnChannel(args.onEvent, { event: "tested", id, name: id.replace(/^id-/, ""), run: runFor(id) });
    const passed = ids.filter((id) => runFor(id).why_not_passed === null).length;
    sendOnChannel(args.onEvent, { event: "finished", tested: ids.length, passed, cancelled: false, elapsed_ms: 1 });
    return null;
  };
}
