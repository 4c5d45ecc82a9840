// What the rotation panel says: the stages in order, why Zoom's API path is unavailable, and
// the revoke-time choices. Pure, so it is tested without a window.
import type { ApiUnavailable, RotationStage } from "../ipc";

/** The stages a rotation passes, in order, as the panel lists them. */
export const STAGES: { stage: RotationStage; label: string }[] = [
  { stage: "started", label: "New secret received" },
  { stage: "tested", label: "Tested with Zoom" },
  { stage: "switched", label: "Switched in; old one kept" },
];

/** Whether `stage` is at or past `step`. */
export function reached(stage: RotationStage, step: RotationStage): boolean {
  const order = STAGES.map((s) => s.stage);
  return order.indexOf(stage) >= order.indexOf(step);
}

/** Why Zoom's rotation API cannot be used, and what to do. */
export function apiUnavailableText(reason: ApiUnavailable): string {
  switch (reason.reason) {
    case "no_app_id":
      return "Enter the app's App ID in Settings below (Marketplace → Manage → your app; it is not the Client ID).";
    case "never_tested":
      return "Test the profile's token first: S2S Desk checks that it may rotate its own secret.";
    case "missing_scope":
      return "The app's token lacks marketplace:update:client_secret. Add that scope on the app's Scopes page, test again — or paste a new secret instead.";
  }
}

/** How long Zoom keeps the old secret working on the API path; 24 h is Zoom-side default here. */
export const OVERLAPS: { label: string; seconds: number }[] = [
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86_400 },
  { label: "3 days", seconds: 3 * 86_400 },
  { label: "7 days", seconds: 7 * 86_400 },
  { label: "30 days (the most Zoom allows)", seconds: 30 * 86_400 },
];

export const DEFAULT_OVERLAP = 86_400;

/** A reminder period typed by the admin: whole days from 1 to 3650, or null for the default. */
export function parseReminderDays(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const days = Number(trimmed);
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? days : "invalid";
}
