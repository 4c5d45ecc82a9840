// The real window: the built s2s-desk binary under Xvfb, driven through tauri-driver and
// Debian's WebKitWebDriver. Run by tests/e2e/run.sh, which provides the X display and
// S2S_DESK_BINARY. On failure a screenshot and the driver's log land in tests/e2e/artifacts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Session, waitUntil } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, "artifacts");
const binary = process.env.S2S_DESK_BINARY;
const tauriDriver = process.env.TAURI_DRIVER ?? "tauri-driver";

let driver;
let driverLog = "";
let session;
let home;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

before(async () => {
  assert.ok(binary, "S2S_DESK_BINARY must name the built app (tests/e2e/run.sh sets it)");
  // A throwaway home: the app under test never touches the real user's data or keychain.
  home = mkdtempSync(join(tmpdir(), "s2s-e2e-home-"));
  const [port, nativePort] = [await freePort(), await freePort()];
  driver = spawn(tauriDriver, ["--port", String(port), "--native-port", String(nativePort), "--native-driver", "/usr/bin/WebKitWebDriver"], {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_DATA_HOME: join(home, ".local/share"), XDG_CACHE_HOME: join(home, ".cache") },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so WebKitWebDriver and the app go down with it.
    detached: true,
  });
  driver.stdout.on("data", (d) => (driverLog += d));
  driver.stderr.on("data", (d) => (driverLog += d));
  const url = `http://127.0.0.1:${port}`;
  // tauri-driver forwards /status to a native driver that only exists once a session does,
  // so readiness is "accepts a TCP connection".
  await waitUntil(() => canConnect(port), "tauri-driver to listen", 15_000);
  session = await Session.start(url, { "tauri:options": { application: binary } });
});

after(async () => {
  await session?.end().catch(() => {});
  if (driver) {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
    driver.stdout.destroy();
    driver.stderr.destroy();
  }
  try {
    if (home) rmSync(home, { recursive: true, force: true });
  } catch (e) {
    // A desktop portal may hold a mount in it until run.sh's D-Bus session ends.
    console.error(`left ${home} behind: ${e.message}`);
  }
});

/**
 * The X display as PNG, the window as a person would see it. (WebKitWebDriver's own screenshot
 * command returns a stale first frame under Xvfb.)
 */
function captureDisplay(path) {
  mkdirSync(artifacts, { recursive: true });
  const shot = spawnSync("import", ["-window", "root", path], { timeout: 20_000 });
  if (shot.status !== 0) throw new Error(`could not capture the display: ${shot.stderr}`);
}

async function recordingFailures(t, body) {
  try {
    await body();
  } catch (e) {
    mkdirSync(artifacts, { recursive: true });
    const name = t.name.replace(/\W+/g, "-");
    writeFileSync(join(artifacts, `${name}.driver.log`), driverLog);
    try {
      captureDisplay(join(artifacts, `${name}.png`));
    } catch (shotError) {
      console.error(shotError.message);
    }
    throw e;
  }
}

test("the window opens titled S2S Desk", (t) =>
  recordingFailures(t, async () => {
    assert.equal(await waitUntil(() => session.title(), "a window title"), "S2S Desk");
    assert.equal(await session.textOf("view-title"), "Profiles");
  }));

test("clicking a sidebar item shows that view", (t) =>
  recordingFailures(t, async () => {
    await (await session.byTestId("nav-migrate")).click();
    assert.equal(await session.textOf("view-title", (text) => text === "Migrate from JWT"), "Migrate from JWT");
    await (await session.byTestId("nav-token")).click();
    assert.equal(await session.textOf("view-title", (text) => text === "Test token"), "Test token");
  }));

test("app_info from the Rust side appears in Settings", (t) =>
  recordingFailures(t, async () => {
    await (await session.byTestId("nav-settings")).click();
    assert.match(await session.textOf("app-info-version"), /^\d+\.\d+\.\d+$/);
    assert.match(await session.textOf("app-info-profile"), /^(debug|release)$/);
    // The Sandbox really listens: its address is the embedded simulator's.
    const sandbox = await session.textOf("app-info-sandbox");
    assert.match(sandbox, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${sandbox}/_sim/stats`)).ok, true);
    // WebKit paints to the X display a moment after the DOM changes.
    await new Promise((r) => setTimeout(r, 1500));
    captureDisplay(join(artifacts, "settings.png"));
  }));
