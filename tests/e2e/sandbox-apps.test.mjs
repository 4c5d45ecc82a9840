// Every Sandbox app can be added as a profile, from Settings' Sandbox panel: the wizard starts on
// that app (its IDs, secret and scopes) and saves its App ID with it, so Zoom's rotation API path
// is ready on it too.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDirOf, launchApp, recordingFailures } from "./lib/app.mjs";
import { click } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

test("a Sandbox app other than the demo is added as a profile, App ID included", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-settings");
    await click(app, "sandbox-add-SbxOpsClassic000000002");
    await app.session.textOf("view-title", (text) => text === "Setup");
    const field = (id) => app.session.execute(`return document.querySelector('[data-testid="field-${id}"]').value`);
    await waitUntil(async () => (await field("client_id")) === "SbxOpsClassic000000002", "the app's Client ID in the form");
    assert.equal(await field("account_id"), "SbxDemoAccount00000001");
    await click(app, "wizard-next");
    await click(app, "test-token");
    const outcome = await waitUntil(async () => (await app.session.byTestId("test-result")).attribute("data-outcome"), "a test result", 20_000);
    assert.equal(outcome, "passed");
    await click(app, "wizard-next");
    await click(app, "save-profile");
    await app.session.textOf("view-title", (text) => text === "Overview");
    const saved = JSON.parse(readFileSync(join(dataDirOf(app.home), "profiles.json"), "utf8"));
    const profiles = saved.profiles ?? saved;
    const ops = profiles.find((p) => p.client_id === "SbxOpsClassic000000002");
    assert.equal(ops?.app_id, "SbxAppOpsClassic000000", JSON.stringify(ops));

    await click(app, "profile-rotate");
    assert.equal(await (await app.session.byTestId("rotation-app-id")).attribute("value"), "SbxAppOpsClassic000000");
  }));
