// Launches the built app in a real window through tauri-driver + WebKitWebDriver, in a
// throwaway home, and records a display capture and the driver's log when a test fails.
// tests/e2e/run.sh provides the X display, the keyring and S2S_DESK_BINARY.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Session, waitUntil } from "./webdriver.mjs";

export const artifacts = join(dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

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

/** The X display as PNG: the window as a person sees it. (WebKitWebDriver's own screenshot
 *  command returns a stale first frame under Xvfb.) */
export function captureDisplay(path) {
  mkdirSync(artifacts, { recursive: true });
  const shot = spawnSync("import", ["-window", "root", path], { timeout: 20_000 });
  if (shot.status !== 0) throw new Error(`could not capture the display: ${shot.stderr}`);
}

/** Every file under `dir` with its bytes. */
export function filesUnder(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let info;
    try {
      info = statSync(path);
    } catch {
      continue; // sockets and files that vanished
    }
    if (info.isDirectory()) found.push(...filesUnder(path));
    else if (info.isFile()) found.push({ path, bytes: readFileSync(path) });
  }
  return found;
}

/** The Sandbox's admin token for this test run: the app's Sandbox requires it on /_sim/*. */
export const SANDBOX_ADMIN_TOKEN = `e2e-${process.pid}-${Date.now()}-sandbox-admin`;

/** Headers for a request to the Sandbox's /_sim/* controls. */
export const simHeaders = { "x-sim-admin-token": SANDBOX_ADMIN_TOKEN, "content-type": "application/json" };

/** The app's data folder inside a test home. */
export function dataDirOf(home) {
  return join(home, ".local/share/app.s2sdesk.desktop");
}

/** Starts S2S Desk; returns { session, home, log(), stop({ keepHome }) }. `seed(dataDir)` may
 *  write files into the app's data folder before it starts; `home` reuses an earlier run's home
 *  (a restart). A driver that fails to start a session is retried, twice, on fresh ports. */
export async function launchApp({ seed, home } = {}) {
  const binary = process.env.S2S_DESK_BINARY;
  if (!binary) throw new Error("S2S_DESK_BINARY must name the built app (tests/e2e/run.sh sets it)");
  // A throwaway home: the app under test never touches the real user's data.
  home ??= mkdtempSync(join(tmpdir(), "s2s-e2e-home-"));
  if (seed) {
    const dataDir = dataDirOf(home);
    mkdirSync(dataDir, { recursive: true });
    seed(dataDir);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDriverAndApp(binary, home);
    } catch (e) {
      if (attempt === 3) throw e;
      console.error(`the app's WebDriver session did not start (${e.message}); retrying on fresh ports`);
      // What held the last ports (a WebKitWebDriver on its way down) gets a moment to go.
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

async function startDriverAndApp(binary, home) {
  const [port, nativePort] = [await freePort(), await freePort()];
  let log = "";
  const driver = spawn(process.env.TAURI_DRIVER ?? "tauri-driver", ["--port", String(port), "--native-port", String(nativePort), "--native-driver", "/usr/bin/WebKitWebDriver"], {
    env: { ...process.env, S2S_SANDBOX_ADMIN_TOKEN: SANDBOX_ADMIN_TOKEN, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_DATA_HOME: join(home, ".local/share"), XDG_CACHE_HOME: join(home, ".cache") },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so WebKitWebDriver and the app go down with it.
    detached: true,
  });
  driver.stdout.on("data", (d) => (log += d));
  driver.stderr.on("data", (d) => (log += d));
  // tauri-driver forwards /status to a native driver that only exists once a session does,
  // so readiness is "accepts a TCP connection".
  const stopDriver = () => {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
    driver.stdout.destroy();
    driver.stderr.destroy();
  };
  let session;
  try {
    await waitUntil(() => canConnect(port), "tauri-driver to listen", 15_000);
    session = await Session.start(`http://127.0.0.1:${port}`, { "tauri:options": { application: binary } });
  } catch (e) {
    stopDriver();
    throw e;
  }
  return {
    session,
    home,
    log: () => log,
    async stop({ keepHome = false } = {}) {
      await session.end().catch(() => {});
      stopDriver();
      if (keepHome) return;
      try {
        rmSync(home, { recursive: true, force: true });
      } catch (e) {
        // A desktop portal may hold a mount in it until run.sh's D-Bus session ends.
        console.error(`left ${home} behind: ${e.message}`);
      }
    },
  };
}

/** Runs a test body; on failure leaves a display capture and the app's log in artifacts/. */
export async function recordingFailures(t, app, body) {
  try {
    await body();
  } catch (e) {
    mkdirSync(artifacts, { recursive: true });
    const name = t.name.replace(/\W+/g, "-");
    writeFileSync(join(artifacts, `${name}.log`), app?.log() ?? "");
    try {
      captureDisplay(join(artifacts, `${name}.png`));
    } catch (shotError) {
      console.error(shotError.message);
    }
    throw e;
  }
}
