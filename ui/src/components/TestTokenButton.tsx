// The "Test token" button both views share: busy while Zoom answers, then a live
// "Test again in N s" while the pause (or Zoom's Retry-After) runs out.
type Props = { testId: string; busy: boolean; secondsLeft: number; disabled?: boolean; onClick: () => void };

export function TestTokenButton({ testId, busy, secondsLeft, disabled = false, onClick }: Props) {
  const label = busy ? "Asking Zoom…" : secondsLeft > 0 ? `Test again in ${secondsLeft} s` : "Test token";
  return (
    <button type="button" class="button button--primary" data-testid={testId} disabled={busy || secondsLeft > 0 || disabled} onClick={onClick}>
      {label}
    </button>
  );
}
