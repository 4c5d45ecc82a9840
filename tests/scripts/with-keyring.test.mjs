// scripts/with-keyring.sh gives the tests a real Secret Service (gnome-keyring in a private
// D-Bus session) with a throwaway keyring whose password is in the script: it must leave
// nothing behind — no keyring folder, no daemon — however the command ends, and it must pass
// the command's exit status on.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const script = path.join(root, "scripts/with-keyring.sh");

// The gnome-keyring daemons whose environment names `home` (the run's throwaway folder).
function daemonsOf(home) {
  const found = [];
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "gnome-keyring-d") continue;
      const env = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      if (env.includes(`S2S_KEYRING_HOME=${home}`)) found.push(pid);
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

// Inside the session: a secret really stored, then where the keyring lives.
const STORE_AND_REPORT =
  'printf value | secret-tool store --label=probe service s2s-with-keyring-test key k && ' +
  'test "$(secret-tool lookup service s2s-with-keyring-test key k)" = value && ' +
  'ls "$XDG_DATA_HOME/keyrings" >/dev/null && echo "HOME=$S2S_KEYRING_HOME"';

test("the keyring and its daemon are gone when the command ends, and its status is passed on", () => {
  const run = spawnSync(script, ["sh", "-c", `${STORE_AND_REPORT}; exit 3`], { encoding: "utf8" });
  assert.equal(run.status, 3, run.stderr);
  const home = /HOME=(\S+)/.exec(run.stdout)?.[1];
  assert.ok(home, `the command ran inside the session: ${run.stdout}${run.stderr}`);
  assert.equal(fs.existsSync(home), false, `${home} was removed`);
  assert.deepEqual(daemonsOf(home), [], "no gnome-keyring-daemon of that run is left");
});

test("a run stopped with SIGTERM cleans up too", async () => {
  const child = spawn(script, ["sh", "-c", `${STORE_AND_REPORT}; sleep 60`], { stdio: ["ignore", "pipe", "pipe"] });
  const home = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /HOME=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on("exit", () => reject(new Error(`ended before storing: ${out}`)));
  });
  assert.ok(fs.existsSync(home), "the keyring exists while the command runs");
  const ended = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  child.kill("SIGTERM");
  const { code } = await ended;
  assert.equal(code, 143);
  // The session's own processes (sleep, the bus) end with it; give the daemon its moment.
  for (let i = 0; i < 50 && (fs.existsSync(home) || daemonsOf(home).length > 0); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(fs.existsSync(home), false, `${home} was removed`);
  assert.deepEqual(daemonsOf(home), [], "no gnome-keyring-daemon of that run is left");
});
