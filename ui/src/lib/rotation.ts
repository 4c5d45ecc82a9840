// What the rotation panel says: the stages in order, the revoke-time choices, and how a typed
// reminder period reads. Pure, so it is tested without a window.
import { REMINDER_DAYS, type RotationRequest, type RotationStage, type RotationStatus } from "../ipc";
import { notDone } from "./consumers";

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

/** How long Zoom keeps the old secret working on the API path; 24 h is Zoom-side default here. */
export const OVERLAPS: { label: string; seconds: number }[] = [
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86_400 },
  { label: "3 days", seconds: 3 * 86_400 },
  { label: "7 days", seconds: 7 * 86_400 },
  { label: "30 days (the most Zoom allows)", seconds: 30 * 86_400 },
];

export const DEFAULT_OVERLAP = 86_400;

/** A reminder period typed by the admin: whole days within the core's rule, or null for its
 *  default. (The core checks again when it saves.) */
export function parseReminderDays(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const days = Number(trimmed);
  return Number.isInteger(days) && days >= REMINDER_DAYS.min && days <= REMINDER_DAYS.max ? days : "invalid";
}

/** What a rotation action did, in a sentence for the status line (the panel shows the detail). */
export function rotationDone(action: RotationRequest["action"], name: string, status: RotationStatus): string {
  switch (action) {
    case "update_consumers": {
      const total = status.consumers.length;
      const done = total - notDone(status.consumers).length;
      return done === total
        ? `Every deployment of “${name}” has the new secret: finish when you are ready.`
        : `${done} of ${total} deployments of “${name}” have the new secret; the checklist says what to do about the rest.`;
    }
    case "start_manual":
    case "start_api":
    case "resume":
      return `The new secret of “${name}” is tested and in use; the old one is kept until you finish.`;
    case "move_revoke_time":
      return `The old secret of “${name}” now lives until the new time.`;
    case "finish":
      return `Rotation of “${name}” finished: it uses only its new secret now.`;
    case "cancel":
      return `Rotation of “${name}” cancelled: it keeps the secret it had.`;
  }
}
