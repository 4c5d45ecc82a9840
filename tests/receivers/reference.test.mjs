// The reference webhook receivers the Webhooks view offers to copy are run here, unchanged,
// and tested with `s2s webhook test`, as an admin would test their own: each must pass all
// four checks, and fail when it holds another Secret Token (so this test can fail).
// Express and Flask run here; Go 1.22+ and .NET are not on a Debian 12 machine (said in the README).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const receivers = path.join(root, "ui/src/features/webhooks/receivers");
const s2s = process.env.S2S_BIN ?? path.join(root, "target/debug/s2s");
const TOKEN = "referenceReceiverToken0001";

// Saved under the names the view gives them (a file named flask.py would shadow Flask itself).
const RUNTIMES = {
  express: { command: process.execPath, file: "express.js", savedAs: "receiver.js", env: { NODE_PATH: path.join(root, "ui/node_modules") } },
  flask: { command: "/usr/bin/python3", file: "flask.py", savedAs: "receiver.py", env: {} },
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function listening(port, child, deadline = Date.now() + 15000) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the receiver exited with ${child.exitCode}: ${child.stderrText?.()}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(socket.end() || true)).on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on ${port}`);
}

/** Starts `runtime`'s receiver with `token`, runs `s2s webhook test --json` against it. */
async function testReceiver(runtime, token) {
  const { command, file, savedAs, env } = RUNTIMES[runtime];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s2s-receiver-"));
  const saved = path.join(dir, savedAs);
  fs.copyFileSync(path.join(receivers, file), saved);
  const port = await freePort();
  const child = spawn(command, [saved], {
    env: { ...process.env, ...env, PORT: String(port), ZOOM_WEBHOOK_SECRET_TOKEN: token },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stderrText = () => stderr;
  try {
    await listening(port, child);
    const run = spawnSync(s2s, ["webhook", "test", `http://127.0.0.1:${port}/zoom/webhook`, "--json"], {
      env: { ...process.env, ZOOM_WEBHOOK_SECRET_TOKEN: TOKEN },
      encoding: "utf8",
    });
    return { code: run.status, report: JSON.parse(run.stdout || "{}"), stderr: run.stderr + stderr };
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const runtime of Object.keys(RUNTIMES)) {
  test(`the ${runtime} reference receiver passes all four checks`, async () => {
    const { code, report, stderr } = await testReceiver(runtime, TOKEN);
    assert.equal(code, 0, `${JSON.stringify(report, null, 2)}\n${stderr}`);
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.ok]),
      [
        ["url_validation", true],
        ["signed_event", true],
        ["forged_signature", true],
        ["replayed_event", true],
      ],
    );
  });

  test(`the ${runtime} reference receiver holding another Secret Token fails`, async () => {
    const { code, report } = await testReceiver(runtime, "anotherAppsSecretToken001");
    assert.equal(code, 9);
    assert.equal(report.checks[0].ok, false, "the challenge answer is wrong");
    assert.equal(report.checks[1].status, 401, "it refuses Zoom's signed event");
  });
}
