// The Setup form's state, its conversion to a ProfileDraft, and the Sandbox's demo app.
import type { CredentialIssue, Plan, Profile, ProfileCloud, ProfileDraft, SandboxDemoApp, TokenRule } from "../../ipc";
import { parseTags } from "../../lib/overview";

export type Form = {
  name: string;
  cloud: ProfileCloud;
  accountId: string;
  clientId: string;
  clientSecret: string;
  expectedScopes: string;
  /** Legacy `index` slot of an old profile: kept as it was, no longer edited (Zoom ignores it). */
  tokenIndex: string;
  tokenRule: TokenRule | null;
  notes: string;
  /** Comma-separated labels such as environments ("prod, eu-west"). */
  tags: string;
  /** The account's plan remembered by the rate-limit planner: kept as it was, not edited here. */
  accountPlan: Plan | null;
  /** A Sandbox app's App ID, saved with a new profile (so the rotation API works there too). */
  appId: string | null;
};

export const EMPTY_FORM: Form = {
  name: "",
  cloud: "commercial",
  accountId: "",
  clientId: "",
  clientSecret: "",
  expectedScopes: "",
  tokenIndex: "",
  tokenRule: null,
  notes: "",
  tags: "",
  accountPlan: null,
  appId: null,
};

/** A new profile's form, starting on the cloud the preferences name. */
export function emptyForm(cloud: ProfileCloud): Form {
  return { ...EMPTY_FORM, cloud };
}

/** The form for the Sandbox's demo app, as the Sandbox names it (public, simulated, harmless). */
export function demoForm(app: SandboxDemoApp): Form {
  return {
    ...EMPTY_FORM,
    name: `Sandbox · ${app.name}`,
    cloud: "sandbox",
    accountId: app.account_id,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    expectedScopes: app.expected_scopes.join(" "),
    notes: "A simulated app in S2S Desk's Sandbox; no Zoom account involved.",
    tags: "sandbox",
    appId: app.app_id ?? null,
  };
}

/** Whether the Credentials step is done: a name, all three values (a saved profile may keep
 *  its stored secret), and no error from the core's check. Later steps wait for this. */
export function credentialsReady(form: Form, issues: CredentialIssue[], editing: boolean): boolean {
  const filled = form.name.trim() !== "" && form.accountId.trim() !== "" && form.clientId.trim() !== "";
  return filled && (editing || form.clientSecret !== "") && !issues.some((i) => i.severity === "error");
}

/** The draft sent to the backend; IDs are trimmed there, scopes split on commas and spaces. */
export function toDraft(form: Form): ProfileDraft {
  return {
    name: form.name.trim(),
    cloud: form.cloud,
    account_id: form.accountId,
    client_id: form.clientId,
    notes: form.notes,
    expected_scopes: form.expectedScopes.split(/[\s,]+/).filter(Boolean),
    token_index: wholeNumber(form.tokenIndex, 0),
    token_rule: form.tokenRule,
    tags: parseTags(form.tags),
    account_plan: form.accountPlan,
  };
}

/** A whole number ≥ `min` typed in a field, or null. */
function wholeNumber(text: string, min: number): number | null {
  const n = Number(text.trim());
  return text.trim() !== "" && Number.isInteger(n) && n >= min ? n : null;
}

/** A saved profile (or an imported draft) in the form; the secret stays empty. */
export function fromDraft(p: ProfileDraft | Profile): Form {
  return {
    name: p.name,
    cloud: p.cloud,
    accountId: p.account_id,
    clientId: p.client_id,
    clientSecret: "",
    expectedScopes: (p.expected_scopes ?? []).join(" "),
    tokenIndex: p.token_index === null || p.token_index === undefined ? "" : String(p.token_index),
    tokenRule: p.token_rule ?? null,
    notes: p.notes ?? "",
    tags: (p.tags ?? []).join(", "),
    accountPlan: p.account_plan ?? null,
    appId: null,
  };
}
