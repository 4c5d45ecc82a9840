// The overview in a real window against the embedded Sandbox: a profile whose owner was demoted
// shows "Lost admin access" with its tags; Test all reports per row and opens the full result;
// no view scrolls sideways at the minimum window size; preferences survive a restart.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { artifacts, captureDisplay, dataDirOf, launchApp, recordingFailures, simHeaders } from "./lib/app.mjs";
import { click, sandboxUrl, saveWizardProfile, startSandboxSetup } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

/** The badge ids on the row of the profile named `name`. */
function badgesOf(name) {
  return app.session.execute(
    `return [...[...document.querySelectorAll('[data-testid="profile-row"]')].find((r) => r.dataset.name === arguments[0])?.querySelectorAll("[data-badge]") ?? []].map((b) => b.dataset.badge)`,
    [name],
  );
}

test("a demoted owner shows as lost admin access in the overview, and Test all opens each result", (t) =>
  recordingFailures(t, app, async () => {
    assert.equal((await startSandboxSetup(app, { tags: "prod, EU west" })).outcome, "passed");
    await saveWizardProfile(app);
    const name = await (await app.session.byTestId("profile-row")).attribute("data-name");
    assert.deepEqual(await badgesOf(name), ["owner-at-risk", "token-ok", "secret-age"]);
    const tags = await app.session.execute(`return [...document.querySelectorAll('[data-testid="profile-tag"]')].map((t) => t.textContent)`);
    assert.deepEqual(tags, ["prod", "eu-west"]);

    const sandbox = await sandboxUrl(app);
    const demoted = await fetch(`${sandbox}/_sim/users/sbx-admin-0002/role`, { method: "POST", headers: simHeaders, body: JSON.stringify({ role_id: "2" }) });
    assert.equal(demoted.ok, true);

    await click(app, "nav-overview");
    await click(app, "test-all");
    await waitUntil(async () => (await (await app.session.byTestId("test-all-progress")).attribute("data-state")) === "done", "Test all to finish", 30_000);
    await waitUntil(async () => (await badgesOf(name)).includes("lost-admin-access"), "the lost-admin-access badge", 10_000);
    assert.match(await app.session.textOf("row-result"), /Lost admin access: \d+ admin scopes removed/);
    assert.match(await app.session.textOf("overview-summary"), /1 needs attention/);
    await new Promise((r) => setTimeout(r, 1500));
    captureDisplay(join(artifacts, "overview.png"));

    await click(app, "row-result-open");
    await app.session.textOf("view-title", (text) => text === "Test token");
    assert.match(await app.session.textOf("drift-lost-scopes"), /user:read:list_users:admin/);
  }));

test("Zoom's usage figures: not available with the demo app's scopes, then every app with its calls and notes", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-overview");
    await click(app, "usage-ask");
    assert.match(await app.session.textOf("usage-not-available"), /not available with this app's scopes.*marketplace:read:list_apps:admin/);

    // The owner is an admin again (the test before demoted them), and the admin adds the scope
    // in the Marketplace (the Sandbox's controls for both).
    const sandbox = await sandboxUrl(app);
    const promoted = await fetch(`${sandbox}/_sim/users/sbx-admin-0002/role`, { method: "POST", headers: simHeaders, body: JSON.stringify({ role_id: "1" }) });
    assert.equal(promoted.ok, true);
    const demo = "SbxReportingBot0000001";
    const current = await (await fetch(`${sandbox}/_sim/apps/${demo}`, { method: "PATCH", headers: simHeaders, body: "{}" })).json();
    const granted = await fetch(`${sandbox}/_sim/apps/${demo}`, {
      method: "PATCH",
      headers: simHeaders,
      body: JSON.stringify({ scopes: [...current.scopes, "marketplace:read:list_apps:admin"] }),
    });
    assert.equal(granted.ok, true);

    await click(app, "nav-overview"); // sandboxUrl() read the address in Settings
    await click(app, "usage-ask");
    assert.match(await app.session.textOf("usage-report"), /9 apps/);
    const notes = await app.session.execute(`return [...document.querySelectorAll('[data-testid="usage-note"]')].map((n) => n.dataset.flag)`);
    assert.ok(notes.includes("never_used"), `notes: ${notes}`);
    const overflow = await app.session.execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assert.ok(overflow <= 0, `the figures overflow sideways by ${overflow} px`);
  }));

test("badges come from the latest test only, each explained to the keyboard; nothing to test disables Test", (t) =>
  recordingFailures(t, app, async () => {
    // The profile now expects a scope its app does not hold: Zoom still issues the token.
    await click(app, "nav-overview");
    const name = await (await app.session.byTestId("profile-row")).attribute("data-name");
    await click(app, "profile-edit");
    const scopes = await app.session.byTestId("field-scopes");
    const expected = await app.session.execute("return document.querySelector('[data-testid=field-scopes]').value");
    await scopes.type(`${expected} meeting:write:meeting:admin`);
    await scopes.press("\uE007");
    await app.session.textOf("view-title", (text) => text === "Overview");
    await click(app, "test-all");
    await waitUntil(async () => (await (await app.session.byTestId("test-all-progress")).attribute("data-state")) === "done", "Test all to finish", 30_000);
    const badges = await waitUntil(async () => {
      const now = await badgesOf(name);
      return now.includes("scopes-missing") ? now : null;
    }, "the missing-scope badge");
    assert.equal(badges.includes("token-failing"), false, `an issued token is not failing: ${badges}`);
    const lines = await app.session.execute("return document.querySelectorAll('[data-testid=profile-row] :is([data-testid=row-result], [data-testid=last-test])').length");
    assert.equal(lines, 1, "one line about the latest test");

    // The badge's explanation, by keyboard: Enter on the badge opens it.
    await (await app.session.byTestId("badge-scopes-missing")).press("\uE007");
    assert.equal(await (await app.session.byTestId("badge-scopes-missing")).attribute("aria-expanded"), "true");
    assert.match(await app.session.textOf("badge-detail"), /meeting:write:meeting:admin/);

    // Filtered down to nothing, there is nothing for Test to test.
    await (await app.session.byTestId("profile-search")).type("no profile is called this");
    await app.session.byTestId("no-match");
    assert.equal(await (await app.session.byTestId("test-all")).attribute("disabled"), "true");
    await app.session.execute("document.querySelector('[data-testid=no-match] button').click()");
    await app.session.byTestId("profile-row");
  }));

test("every view opens at its top with focus on its heading", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-overview");
    await app.session.execute("window.scrollTo(0, document.body.scrollHeight)");
    assert.ok((await app.session.execute("return window.scrollY")) > 0, "the overview is taller than the window");
    for (const view of ["settings", "scopes", "overview"]) {
      await click(app, `nav-${view}`);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await app.session.execute("return window.scrollY"), 0, `${view} opens at its top`);
      const focused = await app.session.execute("return document.activeElement?.dataset.testid ?? document.activeElement?.tagName");
      assert.equal(focused, "view-title", `${view}: focus on its heading`);
      await app.session.execute("window.scrollTo(0, document.body.scrollHeight)");
    }
  }));

test("no view scrolls sideways at the window's minimum size (900×560)", (t) =>
  recordingFailures(t, app, async () => {
    const before = await app.session.windowRect();
    await app.session.setWindowRect({ width: 900, height: 560 });
    try {
      const rect = await app.session.windowRect();
      assert.deepEqual([rect.width, rect.height], [900, 560]);
      const rail = await app.session.execute("return document.querySelector('nav').getBoundingClientRect().width");
      assert.ok(rail <= 80, `the sidebar folds to a rail at 900 px (${rail} px wide)`);
      for (const view of ["overview", "setup", "token", "scopes", "limits", "rotate", "webhooks", "migrate", "settings"]) {
        await click(app, `nav-${view}`);
        await new Promise((r) => setTimeout(r, 300));
        const overflow = await app.session.execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assert.ok(overflow <= 0, `${view} overflows sideways by ${overflow} px at 900×560`);
      }
    } finally {
      await app.session.setWindowRect({ width: before.width, height: before.height });
    }
  }));

test("preferences are in force at once, kept through a restart, and the window's size comes back", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-settings");
    const theme = await app.session.byTestId("pref-theme");
    await app.session.execute(
      `const s = document.querySelector('[data-testid="pref-theme"]'); s.value = "dark"; s.dispatchEvent(new Event("change", { bubbles: true }));`,
    );
    assert.equal(await theme.attribute("value"), "dark");
    await click(app, "pref-save");
    await app.session.textOf("pref-saved");
    assert.equal(await app.session.execute("return document.documentElement.dataset.theme"), "dark");
    const stored = JSON.parse(readFileSync(join(dataDirOf(app.home), "preferences.json"), "utf8"));
    assert.equal(stored.theme, "dark");

    // The window's size is recorded once it settles; the next start restores it and the theme.
    await app.session.setWindowRect({ width: 1000, height: 640 });
    await waitUntil(
      () => JSON.parse(readFileSync(join(dataDirOf(app.home), "preferences.json"), "utf8")).window?.width === 1000,
      "the window's size to be recorded",
      10_000,
    );
    const home = app.home;
    await app.stop({ keepHome: true });
    app = await launchApp({ home });
    await click(app, "nav-settings");
    assert.equal(await (await app.session.byTestId("pref-theme")).attribute("value"), "dark");
    assert.equal(await app.session.execute("return document.documentElement.dataset.theme"), "dark");
    const rect = await app.session.windowRect();
    assert.deepEqual([rect.width, rect.height], [1000, 640]);
    assert.ok(existsSync(join(dataDirOf(home), "preferences.json")));
  }));
