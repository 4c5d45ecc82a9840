// How the "Where it's deployed" panel and the rotation's checklist word a consumer's state.
// Pure, so it is tested without a window; what each state means is the core's.
import type { ConsumerLine, ConsumerState, SecretSetting } from "../ipc";

/** Each state's mark and tone, as the checklist shows them (its words are the core's). */
export const CONSUMER_STATES: Record<ConsumerState, { mark: string; tone: "done" | "failed" | "pending" }> = {
  pending: { mark: "○", tone: "pending" },
  updated: { mark: "✔", tone: "done" },
  checked: { mark: "✔", tone: "done" },
  update_failed: { mark: "✘", tone: "failed" },
  check_failed: { mark: "✘", tone: "failed" },
};

/** The consumers that do not have the new secret yet, proven (pending or failed). */
export function notDone(lines: ConsumerLine[]): ConsumerLine[] {
  return lines.filter((l) => CONSUMER_STATES[l.state].tone !== "done");
}

/** A name for a consumer found in a project: the file's name, and the setting when the file
 *  holds more than one. */
export function suggestedLabel(found: SecretSetting, all: SecretSetting[]): string {
  const file = found.path.split(/[\\/]/).pop() ?? found.path;
  const several = all.filter((f) => f.path === found.path).length > 1;
  return several ? `${file} (${found.setting})` : file;
}
