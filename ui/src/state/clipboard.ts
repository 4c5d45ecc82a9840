// Copying to the clipboard, and taking a copied secret back off it after a while.

/** How long a revealed or copied secret stays on screen or on the clipboard. */
export const SECRET_EXPOSURE_MS = 30_000;

/** Copies `text`; false when the clipboard is unavailable (the admin can still select it). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Copies a secret and clears the clipboard after SECRET_EXPOSURE_MS, unless something else
 *  was copied meanwhile. When the clipboard cannot be read back, it is cleared anyway: losing
 *  a later copy is better than leaving a secret there. Returns a cancel function. */
export async function copySecret(text: string): Promise<{ copied: boolean; cancel: () => void }> {
  const copied = await copyText(text);
  if (!copied) return { copied, cancel: () => {} };
  const timer = setTimeout(async () => {
    const now = await navigator.clipboard.readText().catch(() => text);
    if (now === text) await navigator.clipboard.writeText("").catch(() => {});
  }, SECRET_EXPOSURE_MS);
  return { copied, cancel: () => clearTimeout(timer) };
}
