// The Setup wizard in the real window against the embedded Sandbox, with the real keychain
// (gnome-keyring from run.sh): a rejected secret, a deactivated app, then a saved profile,
// and afterwards no secret or token anywhere in the app's files or logs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, captureDisplay, filesUnder, launchApp, recordingFailures, simHeaders } from "./lib/app.mjs";
import { click as clickIn, startSandboxSetup as startSetup } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

const SECRET = "sandboxSecretReportingBot0000001";
let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

const click = (id) => clickIn(app, id);
const startSandboxSetup = (edits) => startSetup(app, edits);

async function profileCount() {
  await click("nav-overview");
  // Leaving a wizard with a test not saved asks first.
  if ((await app.session.allByTestId("leave-dialog")).length > 0) await click("leave-anyway");
  await waitUntil(async () => (await app.session.allByTestId("profile-row")).length > 0 || (await app.session.allByTestId("profiles-empty")).length > 0, "the profile list");
  return (await app.session.allByTestId("profile-row")).length;
}

test("a wrong secret is explained and nothing is saved", (t) =>
  recordingFailures(t, app, async () => {
    const result = await startSandboxSetup({ client_secret: "wrongSecretwrongSecretwrongSecr1" });
    assert.deepEqual(result, { outcome: "failed", kind: "invalid_client" });
    assert.match(await app.session.textOf("test-advice"), /secret/i);
    assert.match(await app.session.textOf("zoom-answer"), /HTTP 400.*invalid_client/);
    assert.equal(await profileCount(), 0);
  }));

test("a deactivated app is explained as an app problem", (t) =>
  recordingFailures(t, app, async () => {
    const result = await startSandboxSetup({ client_id: "SbxArchived00000000006", client_secret: "sandboxSecretArchived00000000006" });
    assert.deepEqual(result, { outcome: "failed", kind: "app_disabled" });
    assert.match(await app.session.textOf("test-result"), /disabled|deactivated|cannot be used/i);
    assert.equal(await profileCount(), 0);
  }));

test("the Sandbox app tests green, saves to the keychain and shows its last test", (t) =>
  recordingFailures(t, app, async () => {
    const result = await startSandboxSetup();
    assert.equal(result.outcome, "passed");
    assert.match(await app.session.textOf("scope-list"), /user:read:list_users:admin/);
    assert.match(await app.session.textOf("expiry-countdown"), /^\d+:\d\d$/);
    // WebKit paints to the X display a moment after the DOM changes; this capture is the README's.
    await new Promise((r) => setTimeout(r, 1500));
    captureDisplay(join(artifacts, "wizard-test-result.png"));
    await click("wizard-next");
    await click("save-profile");
    await app.session.textOf("view-title", (text) => text === "Overview");
    assert.equal(await profileCount(), 1);
    assert.match(await app.session.textOf("last-test"), /✔ Token issued with \d+ scopes/);
  }));

test("no secret or access token reached the app's files or logs", (t) =>
  recordingFailures(t, app, async () => {
    await click("nav-settings");
    const sandbox = await app.session.textOf("app-info-sandbox");
    const { tokens } = await (await fetch(`${sandbox}/_sim/tokens`, { headers: simHeaders })).json();
    assert.ok(tokens.length >= 1, "the Sandbox issued tokens");
    const needles = [SECRET, "sandboxSecretArchived00000000006", "wrongSecretwrongSecretwrongSecr1", ...tokens];
    const files = filesUnder(app.home);
    assert.ok(files.some((f) => f.path.endsWith("profiles.json")), "the profiles file exists");
    for (const { path, bytes } of [...files, { path: "app log", bytes: Buffer.from(app.log()) }]) {
      for (const needle of needles) assert.ok(!bytes.includes(needle), `${needle.slice(0, 6)}… found in ${path}`);
    }
  }));
