// Words for the migration screens: what each kind of finding and each flag means.
import type { Finding, Flag, LegacyKind, NewNames } from "../ipc";

export const DEFAULT_NAMES: NewNames = { account_id: "ZOOM_ACCOUNT_ID", client_id: "ZOOM_CLIENT_ID", client_secret: "ZOOM_CLIENT_SECRET" };

export function kindLabel(kind: LegacyKind): string {
  return { api_key: "API key", api_secret: "API secret", jwt_token: "JWT token", verification_token: "Verification Token (deprecated)" }[kind];
}

/** A flag's badge: short text, tone, and the sentence behind it. */
export function flagLabel(flag: Flag): { text: string; tone: "risk" | "warn" | "info"; why: string } {
  switch (flag) {
    case "expired":
      return { text: "expired", tone: "warn", why: "The JWT's exp is past: this integration already fails." };
    case "never_expires":
      return { text: "never expires", tone: "risk", why: "The JWT is valid for years: anyone with this file can call Zoom as the app." };
    case "exp_in_milliseconds":
      return { text: "exp in ms", tone: "info", why: "exp was written in milliseconds, as Zoom's old docs showed." };
    case "committed_to_git":
      return {
        text: "committed to git",
        tone: "risk",
        why: "The file is tracked by git: the secret is in the repository's history. Deactivate the JWT app after migrating.",
      };
    case "git_ignored":
      return { text: "git-ignored", tone: "info", why: "Not committed; read anyway because env files hold live settings." };
    case "duplicate":
      return { text: "duplicate", tone: "warn", why: "The key is set more than once in this file; usually the last one wins." };
    case "interpolated":
      return { text: "reference", tone: "info", why: "The value refers to another variable; the secret lives elsewhere." };
    case "sdk_token_not_migrated":
      return { text: "SDK token", tone: "info", why: "A Meeting/Video SDK token: not a JWT-app credential, so it is not migrated to S2S." };
    case "generic_name":
      return { text: "generic name", tone: "info", why: "A generic name (apiKey) in a file that mentions Zoom." };
  }
}

/** The findings the migration acts on (SDK tokens are reported, not migrated). */
export function migratable(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.flags.includes("sdk_token_not_migrated"));
}

/** "2024-09-13" from Unix seconds. */
export function day(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 10);
}
