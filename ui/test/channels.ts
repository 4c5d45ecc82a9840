// Tauri channels as the Rust side feeds them, for tests (vitest and the Chromium flow's mock
// backend alike: nothing here imports the test runner).
const channelIndex = new WeakMap<object, number>();

/** Sends `messages` on a Tauri channel a command received (as the Rust side would), in order. */
export function sendOnChannel(channel: unknown, ...messages: unknown[]): void {
  const ch = channel as { id: number };
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } }).__TAURI_INTERNALS__;
  for (const message of messages) {
    const index = channelIndex.get(ch) ?? 0;
    channelIndex.set(ch, index + 1);
    internals.runCallback(ch.id, { index, message });
  }
}
