// What a recorded test says beyond pass/fail: admin access lost (with its cause), or scopes
// Zoom renamed (classic → granular), which is not a loss.
import type { TestRecord } from "../ipc";
import { countOf } from "../lib/format";

export function RecordTags({ record }: { record: TestRecord }) {
  return (
    <>
      {record.drift && (
        <span class="tag tag--risk" data-testid="lost-admin-access" title={record.drift.cause}>
          lost admin access: {countOf(record.drift.lost_scopes.length, "admin scope")} removed
        </span>
      )}
      {record.renamed_scopes.length > 0 && (
        <span class="tag" title={record.renamed_scopes.join(", ")}>
          {record.renamed_scopes.length} renamed, not lost
        </span>
      )}
    </>
  );
}
