// Start-up and footprint beside a minimal Tauri 2 app (benches/minimal-tauri: same Tauri, same
// release profile), measured side by side in one run: alternating, first run each time (fresh
// HOME), both under the same keyring wrapper and Xvfb (scripts/bench.sh runs this). Not a test.
//
// Per run: exec → window mapped (xwininfo every 5 ms); the screen is hashed every 30 ms (xwd):
// "first paint" is the first screen showing text in the window, "complete" the last change
// followed by 3 s without one; PSS of the app and its WebKit processes 5 s after exec. Then idle
// CPU over 10 s (a few runs), stripped binary sizes, and `s2s --help` against `curl --version`.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = Number(process.env.STARTUP_RUNS ?? 12);
const IDLE_RUNS = 3;
const QUIET_MS = 3000;
const GIVE_UP_MS = 10_000;
const [app, minimal, cli] = [process.env.S2S_DESK_BINARY, process.env.MINIMAL_BINARY, process.env.S2S_BIN];
if (!app || !minimal || !cli) throw new Error("S2S_DESK_BINARY, MINIMAL_BINARY and S2S_BIN must name the release builds");
const TITLES = { [app]: "S2S Desk", [minimal]: "Minimal" };
// A binary's size is the real file's, even when a wrapper script starts it.
const realBinary = (binary) => process.env[`${binary === app ? "S2S_DESK" : "MINIMAL"}_REAL`] ?? binary;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

function mapped(title) {
  return execFileSync("xwininfo", ["-root", "-tree"], { encoding: "utf8" }).includes(`"${title}"`);
}

/** The screen: its hash, and whether the window shows more than a couple of colours (text). */
function screen() {
  const xwd = execFileSync("xwd", ["-root", "-silent"], { maxBuffer: 64 << 20 });
  // Sample the pixels (the header is skipped roughly; a few stray samples don't matter).
  const colours = new Set();
  for (let i = 4096; i < xwd.length; i += 4 * 97) colours.add(xwd.readUInt32LE(i));
  // Only the pixels: the header's colormap entries can change while nothing on screen does
  // (seen on a fresh Debian 12 Xvfb), which read as endless repaints.
  const pixels = xwd.subarray(xwd.readUInt32BE(0) + xwd.readUInt32BE(76) * 12);
  return { hash: createHash("md5").update(pixels).digest("hex"), painted: colours.size > 4 };
}

/** Process ids of `root` and its descendants. */
function family(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const ids = [root];
  for (let i = 0; i < ids.length; i++) for (const [pid, ppid] of parents) if (ppid === ids[i]) ids.push(pid);
  return ids;
}

function pssMb(root) {
  let kb = 0;
  for (const pid of family(root)) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return kb / 1024;
}

function cpuTicks(root) {
  let ticks = 0;
  for (const pid of family(root)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks;
}

async function run(binary, measureIdle) {
  const home = mkdtempSync(join(tmpdir(), "s2s-startup-"));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_DATA_HOME: join(home, ".local/share"), XDG_CACHE_HOME: join(home, ".cache") };
  const t0 = now();
  const child = spawn(binary, [], { env, stdio: "ignore", detached: true });
  const result = { mapped: null, firstPaint: null, complete: null, pss: null, idleCpu: null };
  try {
    while (result.mapped === null && now() - t0 < GIVE_UP_MS) {
      if (mapped(TITLES[binary])) result.mapped = now() - t0;
      else await sleep(5);
    }
    let last = null;
    let lastChange = now();
    while (now() - t0 < GIVE_UP_MS && now() - lastChange < QUIET_MS) {
      const shot = screen();
      const at = now() - t0;
      if (shot.painted && result.firstPaint === null) result.firstPaint = at;
      if (shot.hash !== last) {
        last = shot.hash;
        lastChange = now();
        if (shot.painted) result.complete = at;
      }
      if (result.pss === null && at >= 5000) result.pss = pssMb(child.pid);
      await sleep(30);
    }
    if (result.pss === null) {
      await sleep(Math.max(0, 5000 - (now() - t0)));
      result.pss = pssMb(child.pid);
    }
    if (measureIdle) {
      const before = cpuTicks(child.pid);
      await sleep(10_000);
      result.idleCpu = (cpuTicks(child.pid) - before) / 10 / 100; // ticks → % of one core over 10 s
    }
  } finally {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    await sleep(200);
    rmSync(home, { recursive: true, force: true });
  }
  return result;
}

const runs = { [app]: [], [minimal]: [] };
for (let i = 0; i < RUNS; i++) {
  // Alternate which goes first, so neither always gets the warmer machine.
  for (const binary of i % 2 === 0 ? [app, minimal] : [minimal, app]) runs[binary].push(await run(binary, i < IDLE_RUNS));
}

function timeCommand(command, args) {
  const t = now();
  spawnSync(command, args, { stdio: "ignore" });
  return now() - t;
}
const help = [];
const curl = [];
for (let i = 0; i < 40; i++) {
  help.push(timeCommand(cli, ["--help"]));
  curl.push(timeCommand("curl", ["--version"]));
}

const of = (binary, key) => median(runs[binary].map((r) => r[key]).filter((v) => v !== null));
const fmt = (v) => (v < 100 ? v.toFixed(1) : v.toFixed(0)).padStart(8);
const row = (label, a, b, unit, target) => {
  const ratio = a / b;
  const verdict = target === undefined ? "" : ratio <= target ? `≤ ${target} ✔` : `≤ ${target} ✘`;
  console.log(`${label.padEnd(48)} ${fmt(a)} ${unit.padEnd(3)} ${fmt(b)} ${unit.padEnd(3)} ${ratio.toFixed(2).padStart(6)}  ${verdict}`);
};
console.log(`\nStart-up and footprint: S2S Desk vs a minimal Tauri 2 app, ${RUNS} runs each (medians; idle CPU over ${IDLE_RUNS})`);
console.log(`${"".padEnd(48)} ${"S2S Desk".padStart(12)} ${"minimal".padStart(12)} ${"ratio".padStart(6)}  target`);
row("exec → window mapped", of(app, "mapped"), of(minimal, "mapped"), "ms");
row("exec → first paint", of(app, "firstPaint"), of(minimal, "firstPaint"), "ms");
row("exec → first view complete (vs minimal's paint)", of(app, "complete"), of(minimal, "firstPaint"), "ms", 1.3);
console.log(`${"last repaint after exec (no action, no countdown)".padEnd(48)} ${fmt(of(app, "complete"))} ms  target ≤ 1500 ms ${of(app, "complete") <= 1500 ? "✔" : "✘"}`);
row("PSS after 5 s, app + WebKit processes", of(app, "pss"), of(minimal, "pss"), "MB", 1.15);
// 3.0×: the Sandbox answers every operation Zoom documents (issue 27: fidelity over bytes, its
// data deflated like the scope catalog); 2.5× before it.
row("stripped binary", statSync(realBinary(app)).size / 1e6, statSync(realBinary(minimal)).size / 1e6, "MB", 3.0);
const idle = of(app, "idleCpu");
console.log(`${"idle CPU over 10 s (% of one core)".padEnd(48)} ${idle.toFixed(2).padStart(8)} %   ${of(minimal, "idleCpu").toFixed(2).padStart(8)} %   target ≤ 1 % ${idle <= 1 ? "✔" : "✘"}`);
row("`s2s --help` vs `curl --version`", median(help), median(curl), "ms", 0.5);
