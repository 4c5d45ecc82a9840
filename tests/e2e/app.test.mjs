// The shell in a real window: title, navigation, and get_app_info from the Rust side.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, captureDisplay, launchApp, recordingFailures, simHeaders } from "./lib/app.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

test("the window opens titled S2S Desk, on a Welcome that leads to the Sandbox when there is no profile", (t) =>
  recordingFailures(t, app, async () => {
    assert.equal(await waitUntil(() => app.session.title(), "a window title"), "S2S Desk");
    // With no profile, the app opens on the Welcome, whose first offer is the Sandbox.
    assert.equal(await app.session.textOf("view-title", (text) => text === "Welcome to S2S Desk"), "Welcome to S2S Desk");
    await (await app.session.byTestId("try-sandbox")).click();
    assert.equal(await app.session.textOf("view-title", (text) => text === "Setup"), "Setup");
    const accountId = await (await app.session.byTestId("field-account_id")).attribute("value");
    assert.equal(accountId, "SbxDemoAccount00000001");
  }));

test("clicking a sidebar item shows that view", (t) =>
  recordingFailures(t, app, async () => {
    await (await app.session.byTestId("nav-migrate")).click();
    assert.equal(await app.session.textOf("view-title", (text) => text === "Migrate from JWT"), "Migrate from JWT");
    await (await app.session.byTestId("nav-overview")).click();
    assert.equal(await app.session.textOf("view-title", (text) => text === "Overview"), "Overview");
  }));

test("get_app_info from the Rust side appears in Settings", (t) =>
  recordingFailures(t, app, async () => {
    await (await app.session.byTestId("nav-settings")).click();
    assert.match(await app.session.textOf("app-info-version"), /^\d+\.\d+\.\d+$/);
    assert.match(await app.session.textOf("app-info-profile"), /^(debug|release)$/);
    assert.match(await app.session.textOf("app-info-commit"), /^([0-9a-f]{12}|unknown)$/);
    // The Sandbox really listens: its address is the embedded simulator's.
    const sandbox = await app.session.textOf("app-info-sandbox");
    assert.match(sandbox, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${sandbox}/_sim/stats`, { headers: simHeaders })).ok, true);
    // WebKit paints to the X display a moment after the DOM changes.
    await new Promise((r) => setTimeout(r, 1500));
    captureDisplay(join(artifacts, "settings.png"));
  }));
