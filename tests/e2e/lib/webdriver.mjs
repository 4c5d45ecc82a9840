// A minimal W3C WebDriver client over fetch: just what the E2E specs use, so the real-window
// tests need no npm packages. tauri-driver speaks this protocol and forwards it to
// WebKitWebDriver, which drives the app's own WebKitGTK webview.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function call(url, method, body) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A driver that stops answering fails the test instead of stalling CI.
    signal: AbortSignal.timeout(60_000),
  });
  const payload = await response.json().catch(() => ({ value: { error: "bad json", message: `HTTP ${response.status}` } }));
  if (!response.ok || payload.value?.error) {
    const { error, message } = payload.value ?? {};
    throw new Error(`WebDriver ${method} ${url}: ${error ?? response.status}: ${message ?? ""}`);
  }
  return payload.value;
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitUntil(probe, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One WebDriver session. */
export class Session {
  static async start(driverUrl, capabilities) {
    const value = await call(`${driverUrl}/session`, "POST", { capabilities: { alwaysMatch: capabilities } });
    return new Session(`${driverUrl}/session/${value.sessionId}`);
  }

  constructor(base) {
    this.base = base;
  }

  title() {
    return call(`${this.base}/title`, "GET");
  }

  /** The first element matching `[data-testid=id]`, waiting for it to appear. */
  async byTestId(id, timeoutMs) {
    const found = await waitUntil(
      () => call(`${this.base}/element`, "POST", { using: "css selector", value: `[data-testid="${id}"]` }),
      `[data-testid="${id}"]`,
      timeoutMs,
    );
    return new Element(this, found[ELEMENT]);
  }

  /** Waits until the element's text satisfies `predicate`, and returns the text. */
  async textOf(id, predicate = (t) => t.length > 0, timeoutMs) {
    return waitUntil(async () => {
      const text = await (await this.byTestId(id, timeoutMs)).text();
      return predicate(text) ? text : null;
    }, `text of ${id}`, timeoutMs);
  }

  /** Runs a script in the page and returns its value. */
  execute(script, args = []) {
    return call(`${this.base}/execute/sync`, "POST", { script, args });
  }

  /** Runs an asynchronous script (its last argument is the callback) and returns its value. */
  executeAsync(script, args = []) {
    return call(`${this.base}/execute/async`, "POST", { script, args });
  }

  /** The window's position and size: { x, y, width, height }. */
  windowRect() {
    return call(`${this.base}/window/rect`, "GET");
  }

  /** Moves or resizes the window. */
  setWindowRect(rect) {
    return call(`${this.base}/window/rect`, "POST", rect);
  }

  /** All elements matching `[data-testid=id]` (possibly none). */
  async allByTestId(id) {
    const found = await call(`${this.base}/elements`, "POST", { using: "css selector", value: `[data-testid="${id}"]` });
    return found.map((f) => new Element(this, f[ELEMENT]));
  }

  end() {
    return call(this.base, "DELETE");
  }
}

class Element {
  constructor(session, id) {
    this.url = `${session.base}/element/${id}`;
    this.base = session.base;
    this.id = id;
  }
  click() {
    return call(`${this.url}/click`, "POST", {});
  }
  /** Replaces the field's value by typing, as a person would: select all, delete, type (input
   *  events fire for each). WebDriver's own clear fires no input event, so a page that
   *  re-renders on the blur it causes would put the old value back. */
  async type(text) {
    await call(`${this.url}/value`, "POST", { text: "\uE009a\uE000" });
    await call(`${this.url}/value`, "POST", { text: "\uE003" });
    // WebKitWebDriver refuses empty text: deleting was all there was to do.
    if (text === "") return null;
    return call(`${this.url}/value`, "POST", { text });
  }
  /** Types keys into the field as it is (WebDriver's "\uE007" is Enter, "\uE004" Tab). */
  press(keys) {
    return call(`${this.url}/value`, "POST", { text: keys });
  }
  attribute(name) {
    return call(`${this.url}/attribute/${name}`, "GET");
  }
  text() {
    return call(`${this.url}/text`, "GET");
  }
}
