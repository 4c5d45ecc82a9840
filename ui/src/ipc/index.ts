// The only module that imports the generated bindings or @tauri-apps/*. Views and state call
// `ipc.*` and always get an `Outcome`: a value, or an `IpcError` with a stable `kind`, a
// `message` and maybe a `hint`. Rejections that are not IpcErrors (a missing command, a Rust
// panic, no Tauri at all) become kind "internal" here, so every view has one error shape.
import { Channel } from "@tauri-apps/api/core";
import {
  commands,
  type FLAG_WORDS,
  type AppInfo,
  type CredentialIssue,
  type PreferenceField,
  type PreferenceProblem,
  type Field,
  type IpcErrorKind,
  type IpcError_Serialize as GeneratedIpcError,
  type ProfileDraft_Deserialize as ProfileDraft,
  type ProfileList_Serialize as ProfileList,
  type Profile_Serialize as Profile,
  type ProfileCloud,
  type TestResult_Serialize as TestResult,
  type TestRun_Serialize as TestRun,
  type TestRecord_Serialize as TestRecord,
  type TestReport_Serialize as TestReport,
  type SavedExport,
  type SandboxView,
  type SandboxReset,
  type TestAllEvent_Serialize as TestAllEvent,
  type AccountPace,
  type ResetProfile,
  type AppActivation,
  type RateLimitInfo_Serialize as RateLimitInfo,
  type CallMethod,
  type CallRequest,
  type TryCallResult_Serialize as TryCallResult,
  type FailureReport_Serialize as FailureReport,
  type Scope_Serialize as Scope,
  type LimitsReport_Serialize as LimitsReport,
  type CallVolume,
  type Plan,
  type Verdict,
  type CoexistenceRun_Serialize as CoexistenceRun,
  type TokenRule,
  type ScopeGroup_Serialize as ScopeGroup,
  type Level,
  type ScopeOverview_Serialize as ScopeOverview,
  type GrantedScope_Serialize as GrantedScope,
  type RoleChoice,
  type RoleKind,
  type RoleSource,
  type OwnerRole_Serialize as OwnerRole,
  type WhatIf_Serialize as WhatIf,
  type CoverageReport_Serialize as CoverageReport,
  type CallCheck_Serialize as CallCheck,
  type Drift_Serialize as Drift,
  type ScopeVerdict,
  type OperationRef,
  type OperationChoice,
  type PrivilegeInfo_Serialize as PrivilegeInfo,
  type ScanStatus_Serialize as ScanStatus,
  type ScanReport_Serialize as ScanReport,
  type Finding_Serialize as Finding,
  type ApiCall_Serialize as ApiCall,
  type MigrationChoices_Deserialize as MigrationChoices,
  type MigrationPlan,
  type MigrationReport_Serialize as MigrationReport,
  type Journal,
  type Undone,
  type ToDo,
  type NewNames,
  type Flag,
  type LegacyKind,
  type ReceiverReport_Serialize as ReceiverReport,
  type Check_Serialize as WebhookCheck,
  type CheckName as WebhookCheckName,
  type WebhookOptions,
  type RotationStatus_Serialize as RotationStatus,
  type RotationRequest_Deserialize as RotationRequest,
  type Rotation_Serialize as Rotation,
  type RotationStage,
  type ApiUnavailable,
  type ApiUnavailableNotice,
  type Consumer_Serialize as Consumer,
  type ConsumerDraft_Deserialize as ConsumerDraft,
  type ConsumerLine_Serialize as ConsumerLine,
  type ConsumerState,
  type ConsumerTarget,
  type CommandLine,
  type CheckRun_Serialize as CheckRun,
  type SecretSetting,
  type WebhookTestRequest_Deserialize as WebhookTestRequest,
  type ProfileHealth_Serialize as ProfileHealth,
  type ProfileEntry_Serialize as ProfileEntry,
  type ConcernEntry,
  type Concern,
  type Urgency,
  type SandboxDemoApp,
  type TokenStatus,
  type Preferences_Serialize as Preferences,
  type PreferencesView_Serialize as PreferencesView,
  type Theme,
  type ProxyMode,
  type UsageOutcome_Serialize as UsageOutcome,
  type AppUsage_Serialize as AppUsage,
} from "./bindings";

export type {
  AppInfo,
  UsageOutcome,
  AppUsage,
  SandboxView,
  SandboxReset,
  ResetProfile,
  TestAllEvent,
  AccountPace,
  AppActivation,
  RateLimitInfo,
  SavedExport,
  CallMethod,
  CallRequest,
  TryCallResult,
  CredentialIssue,
  PreferenceField,
  PreferenceProblem,
  Field,
  IpcErrorKind,
  Profile,
  ProfileCloud,
  ProfileDraft,
  ProfileList,
  TestResult,
  TestRun,
  TestRecord,
  TestReport,
  FailureReport,
  Scope,
  ScopeGroup,
  Level,
  CoexistenceRun,
  TokenRule,
  LimitsReport,
  CallVolume,
  Plan,
  Verdict,
  ProfileHealth,
  ProfileEntry,
  ConcernEntry,
  Concern,
  Urgency,
  SandboxDemoApp,
  TokenStatus,
  Preferences,
  PreferencesView,
  Theme,
  ProxyMode,
};
export type { ScanStatus, ScanReport, Finding, ApiCall, MigrationChoices, MigrationPlan, MigrationReport, Journal, NewNames, Flag, LegacyKind, Undone, ToDo };
// The core's fixed rules and words, exported with the bindings (the UI never spells them).
export { DEFAULT_NEW_NAMES, FLAG_WORDS, LEGACY_KIND_LABELS, REMINDER_DAYS } from "./bindings";
/** A flag's words (label, tone, why), as the core's FLAG_WORDS holds them. */
export type FlagWords = (typeof FLAG_WORDS)[Flag];
export type { ReceiverReport, WebhookCheck, WebhookCheckName, WebhookOptions, WebhookTestRequest };
export type { RotationStatus, RotationRequest, Rotation, RotationStage, ApiUnavailable, ApiUnavailableNotice };
export type { Consumer, ConsumerDraft, ConsumerLine, ConsumerState, ConsumerTarget, CommandLine, CheckRun, SecretSetting };
export type {
  ScopeOverview,
  GrantedScope,
  RoleChoice,
  RoleKind,
  RoleSource,
  OwnerRole,
  WhatIf,
  CoverageReport,
  CallCheck,
  Drift,
  ScopeVerdict,
  OperationRef,
  OperationChoice,
  PrivilegeInfo,
};

/** An error as views see it (the generated type, with `hint` always present). */
export type IpcError = { kind: IpcErrorKind; message: string; hint: string | null };

/** What every `ipc.*` call resolves to; it never rejects. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Whether `value` has the wire shape of an IpcError. */
export function isIpcError(value: unknown): value is GeneratedIpcError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.kind === "string" && typeof candidate.message === "string";
}

/** Any rejection, as an IpcError. */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) return { kind: reason.kind, message: reason.message, hint: reason.hint ?? null };
  const message = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "Something unexpected happened.";
  return { kind: "failed", message, hint: "Try again; if it keeps happening, restart S2S Desk and report what you did." };
}

type Typed<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: GeneratedIpcError }>;

async function settle<T>(call: () => Typed<T>): Promise<Outcome<T>> {
  try {
    const result = await call();
    return result.status === "ok" ? { ok: true, value: result.data } : { ok: false, error: toIpcError(result.error) };
  } catch (reason) {
    return { ok: false, error: toIpcError(reason) };
  }
}

async function settlePlain<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (reason) {
    return { ok: false, error: toIpcError(reason) };
  }
}

/** The app's commands, as Outcomes. */
export const ipc = {
  appInfo: (): Promise<Outcome<AppInfo>> => settlePlain(() => commands.getAppInfo()),
  openExternal: (url: string): Promise<Outcome<null>> => settle(() => commands.openExternal(url)),
  listProfiles: (): Promise<Outcome<ProfileList>> => settlePlain(() => commands.listProfiles()),
  setAsideProfilesFile: (): Promise<Outcome<string | null>> => settle(() => commands.setAsideProfilesFile()),
  /** Saves a profile with its test (and a Sandbox app's App ID) in one write. */
  saveProfile: (
    id: string | null,
    draft: ProfileDraft,
    clientSecret: string | null,
    lastTest: TestRecord | null,
    appId: string | null = null,
  ): Promise<Outcome<Profile>> => settle(() => commands.saveProfile(id, draft, clientSecret, lastTest, appId)),
  duplicateProfile: (id: string): Promise<Outcome<Profile>> => settle(() => commands.duplicateProfile(id)),
  deleteProfile: (id: string): Promise<Outcome<null>> => settle(() => commands.deleteProfile(id)),
  exportProfile: (id: string): Promise<Outcome<string>> => settle(() => commands.exportProfile(id)),
  exportEnv: (id: string, reveal: boolean): Promise<Outcome<string>> => settle(() => commands.exportProfileEnv(id, reveal)),
  importProfile: (json: string): Promise<Outcome<ProfileDraft>> => settle(() => commands.importProfile(json)),
  validateCredentials: (accountId: string, clientId: string, clientSecret: string): Promise<Outcome<CredentialIssue[]>> =>
    settlePlain(() => commands.validateCredentials(accountId, clientId, clientSecret)),
  /** Tests typed values; with no secret typed, an edit of profile `editing` uses the one in the keychain. */
  testDraft: (draft: ProfileDraft, clientSecret: string | null, editing: string | null = null): Promise<Outcome<TestRun>> =>
    settle(() => commands.testDraft(draft, clientSecret, editing)),
  checkTokenCoexistence: (id: string): Promise<Outcome<CoexistenceRun>> => settle(() => commands.checkTokenCoexistence(id)),
  testProfile: (id: string): Promise<Outcome<TestRun>> => settle(() => commands.testProfile(id)),
  /** "Test all": each account paced within its rate limits; events as results come. */
  testProfiles: (ids: string[], onEvent: (event: TestAllEvent) => void): Promise<Outcome<null>> =>
    settle(() => commands.testProfiles(ids, new Channel<TestAllEvent>(onEvent) as unknown as Parameters<typeof commands.testProfiles>[1])),
  cancelTestAll: (): Promise<Outcome<boolean>> => settlePlain(() => commands.cancelTestAll()),
  scopeOverview: (id: string, role: RoleChoice): Promise<Outcome<ScopeOverview>> => settle(() => commands.getScopeOverview(id, role)),
  scopeWhatIf: (id: string, current: RoleChoice, proposed: RoleChoice, removePrivileges: string[]): Promise<Outcome<WhatIf>> =>
    settle(() => commands.predictRoleChange(id, current, proposed, removePrivileges)),
  sandbox: (): Promise<Outcome<SandboxView>> => settlePlain(() => commands.getSandbox()),
  /** The app the setup form offers to fill in; null when the Sandbox names none. */
  /** The Sandbox's demo app, or the app `clientId` names, as a new profile starts from it. */
  sandboxDemoApp: (clientId: string | null = null): Promise<Outcome<SandboxDemoApp | null>> => settlePlain(() => commands.getSandboxDemoApp(clientId)),
  setSandboxUserRole: (userId: string, roleId: string): Promise<Outcome<SandboxView>> => settle(() => commands.setSandboxUserRole(userId, roleId)),
  setSandboxAppState: (clientId: string, state: AppActivation): Promise<Outcome<SandboxView>> => settle(() => commands.setSandboxAppState(clientId, state)),
  /** Resets the Sandbox and puts its profiles back with it. */
  resetSandbox: (): Promise<Outcome<SandboxReset>> => settle(() => commands.resetSandbox()),
  webhookOptions: (): Promise<Outcome<WebhookOptions>> => settlePlain(() => commands.getWebhookOptions()),
  /** Saves (or, with null, forgets) a profile's webhook Secret Token, in the keychain only. */
  setWebhookSecretToken: (id: string, token: string | null): Promise<Outcome<Profile>> => settle(() => commands.setWebhookSecretToken(id, token)),
  testWebhookReceiver: (request: WebhookTestRequest): Promise<Outcome<ReceiverReport>> => settle(() => commands.testWebhookReceiver(request)),
  rotationStatus: (id: string): Promise<Outcome<RotationStatus>> => settle(() => commands.getRotationStatus(id)),
  /** Starts, resumes, moves, finishes or cancels a profile's secret rotation; where it stands after. */
  rotateSecret: (id: string, request: RotationRequest): Promise<Outcome<RotationStatus>> => settle(() => commands.rotateSecret(id, request)),
  setRotationSettings: (id: string, appId: string | null, reminderDays: number | null): Promise<Outcome<Profile>> =>
    settle(() => commands.setRotationSettings(id, appId, reminderDays)),
  /** Saves where a profile's secret is deployed (the core checks it); nothing runs. */
  addConsumer: (id: string, draft: ConsumerDraft): Promise<Outcome<Consumer>> => settle(() => commands.addConsumer(id, draft)),
  removeConsumer: (id: string, consumerId: string): Promise<Outcome<Profile>> => settle(() => commands.removeConsumer(id, consumerId)),
  /** Runs a consumer's check with the profile's current secret on its standard input. */
  checkConsumer: (id: string, consumerId: string): Promise<Outcome<CheckRun>> => settle(() => commands.checkConsumer(id, consumerId)),
  /** A typed command split into the words it runs with, as the core splits it. */
  parseCommand: (text: string): Promise<Outcome<CommandLine>> => settle(() => commands.parseCommand(text)),
  /** The client-secret settings in the config files under `path`. */
  findSecretSettings: (path: string): Promise<Outcome<SecretSetting[]>> => settle(() => commands.findSecretSettings(path)),
  /** Starts tracking a transfer of the app's ownership (the core checks the email). */
  startOwnershipTransfer: (id: string, newOwner: string): Promise<Outcome<Profile>> => settle(() => commands.startOwnershipTransfer(id, newOwner)),
  confirmOwnershipTransfer: (id: string): Promise<Outcome<Profile>> => settle(() => commands.confirmOwnershipTransfer(id)),
  endOwnershipTransfer: (id: string): Promise<Outcome<Profile>> => settle(() => commands.endOwnershipTransfer(id)),
  /** The Sandbox's stand-in for the Marketplace's "Regenerate": a new (fake) secret to paste. */
  regenerateSandboxSecret: (clientId: string): Promise<Outcome<string>> => settle(() => commands.regenerateSandboxSecret(clientId)),
  allowSandboxSecretRotation: (clientId: string): Promise<Outcome<SandboxView>> => settle(() => commands.allowSandboxSecretRotation(clientId)),
  preferences: (): Promise<Outcome<PreferencesView>> => settlePlain(() => commands.getPreferences()),
  setPreferences: (preferences: Preferences): Promise<Outcome<Preferences>> => settle(() => commands.setPreferences(preferences)),
  /** Each field's problem in preferences being edited (nothing stored). */
  checkPreferences: (preferences: Preferences): Promise<Outcome<PreferenceProblem[]>> => settlePlain(() => commands.checkPreferences(preferences)),
  tryCall: (id: string, request: CallRequest): Promise<Outcome<TryCallResult>> => settle(() => commands.tryCall(id, request)),
  /** Zoom's usage figures for the account's apps, asked with profile `id`'s app (the core's default "unused" threshold). */
  appUsage: (id: string): Promise<Outcome<UsageOutcome>> => settle(() => commands.getAppUsage(id, null)),
  catalogOperations: (): Promise<Outcome<OperationChoice[]>> => settlePlain(() => commands.listCatalogOperations()),
  /** "Will my integration work?" for the calls listed in `text`, one a line (the core reads the list). */
  checkCalls: (id: string, text: string): Promise<Outcome<CoverageReport>> => settle(() => commands.checkCalls(id, text)),
  /** The calls in a pasted list, one a line (`#` comments), as the core reads them. */
  readCallLines: (text: string): Promise<Outcome<string[]>> => settlePlain(() => commands.readCallLines(text)),
  /** A query: judges the volumes against the plan; a null peak is the core's default. */
  planRateLimits: (plan: Plan, hosts: number, calls: CallVolume[]): Promise<Outcome<LimitsReport>> => settle(() => commands.planRateLimits(plan, hosts, calls)),
  /** Remembers the account's plan on the profile, as the admin picks it. */
  rememberAccountPlan: (id: string, plan: Plan): Promise<Outcome<null>> => settle(() => commands.rememberAccountPlan(id, plan)),
  /** The native save dialog, then the (secret-free) export written there: the path, or null
   *  when the dialog was dismissed. */
  saveExport: async (id: string, form: SavedExport, suggestedName: string): Promise<Outcome<string | null>> => {
    const chosen = await settle(() => commands.chooseExportPath(suggestedName));
    if (!chosen.ok || chosen.value === null) return chosen;
    const path = chosen.value;
    const saved = await settle(() => commands.saveProfileExport(id, form, path));
    return saved.ok ? { ok: true, value: path } : saved;
  },
  /** The native dialog to choose a project folder (or one file); null when dismissed. */
  pickPath: (directory: boolean): Promise<Outcome<string | null>> => settle(() => commands.choosePathToScan(directory)),
  /** Starts a scan; `onUpdate` hears its counts as they change, then its result (a Tauri
   *  channel: nothing polls). The result may arrive before the scan's id does. */
  migrateScanStart: (path: string, onUpdate: (status: ScanStatus) => void): Promise<Outcome<number>> =>
    // tauri-specta types a channel's payload with the Deserialize variant; Rust sends the
    // Serialize one (what ScanStatus is here), so the channel is retyped, not its messages.
    settle(() => commands.startMigrationScan(path, new Channel<ScanStatus>(onUpdate) as unknown as Parameters<typeof commands.startMigrationScan>[1])),
  migrateScanCancel: (id: number): Promise<Outcome<null>> => settle(() => commands.cancelMigrationScan(id)),
  migratePlan: (id: number, choices: MigrationChoices): Promise<Outcome<MigrationPlan>> => settle(() => commands.planMigration(id, choices)),
  migrateApply: (id: number, choices: MigrationChoices): Promise<Outcome<Journal>> => settle(() => commands.applyMigration(id, choices)),
  migrateUndo: (journal: Journal): Promise<Outcome<Undone>> => settle(() => commands.undoMigration(journal)),
  migrateReport: (id: number, choices: MigrationChoices, journal: Journal | null, save: boolean): Promise<Outcome<MigrationReport>> =>
    settle(() => commands.getMigrationReport(id, choices, journal, save)),
};
