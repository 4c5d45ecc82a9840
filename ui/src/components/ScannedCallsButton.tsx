// "Use the calls the migration scan found": offered wherever calls are typed, once a scan of
// this session found some (the core's ScanReport.call_lines, one line each).
import { useMigrationSession } from "../state/migrationSession";

export function ScannedCallsButton({ testId, onUse }: { testId: string; onUse: (text: string) => void }) {
  const [migration] = useMigrationSession();
  const scanned = migration.report?.call_lines ?? [];
  if (scanned.length === 0) return null;
  return (
    <button type="button" class="button" data-testid={testId} onClick={() => onUse(scanned.join("\n"))}>
      Use the {scanned.length === 1 ? "call" : `${scanned.length} calls`} the migration scan found
    </button>
  );
}
