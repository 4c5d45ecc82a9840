// Working with profiles as a new admin would, in the real window: every action says what it did
// (in a status line screen readers announce), a new profile is brought into view and marked, an
// edit is one page tested with the secret already in the keychain and saved with Enter, a
// half-filled form asks before it is left, a destructive question starts on Cancel, and what
// was typed into a view's fields is still there after looking elsewhere.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, recordingFailures } from "./lib/app.mjs";
import { click, enabled, saveWizardProfile, startSandboxSetup, testTokenInView } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

const ENTER = "\uE007";
const TAB = "\uE004";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

const focusedTestId = () => app.session.execute("return document.activeElement?.dataset.testid ?? null");
const rows = () => app.session.execute("return [...document.querySelectorAll('[data-testid=profile-row]')].map((r) => ({ name: r.dataset.name, isNew: r.dataset.new === 'true' }))");

test("Save, Edit, Duplicate and Delete each say what they did; an edit needs no retyped secret", (t) =>
  recordingFailures(t, app, async () => {
    assert.equal((await startSandboxSetup(app)).outcome, "passed");
    await saveWizardProfile(app);
    await app.session.textOf("status-message", (text) => /^Saved “.+”; its secret is in the system keychain\.$/.test(text));
    const [first] = await rows();
    assert.equal(first.isNew, true, "the new profile is marked");

    // An edit: one page, no stepper, tested with the keychain's secret, saved with Enter.
    await click(app, "profile-edit");
    await app.session.textOf("view-title", (text) => text.startsWith("Edit "));
    assert.equal(await app.session.execute("return document.querySelector('[data-testid=stepper]') === null"), true);
    await (await app.session.byTestId("field-tags")).type("sandbox, reporting");
    await (await enabled(app, "test-token")).click();
    const outcome = await waitUntil(async () => (await app.session.byTestId("test-result")).attribute("data-outcome"), "a test result", 20_000);
    assert.equal(outcome, "passed", "tested with the secret in the keychain");
    await (await app.session.byTestId("field-name")).press(ENTER);
    await app.session.textOf("view-title", (text) => text === "Overview");
    await app.session.textOf("status-message", (text) => /^Saved the changes to “.+”\.$/.test(text));
    const tags = await app.session.execute("return [...document.querySelectorAll('[data-testid=profile-tag]')].map((t) => t.textContent)");
    assert.deepEqual(tags, ["sandbox", "reporting"]);

    await click(app, "profile-duplicate");
    await app.session.textOf("status-message", (text) => /^Duplicated “(.+)” as “\1 \(copy\)”, with its secret\.$/.test(text));
    const copy = await waitUntil(async () => (await rows()).find((r) => r.isNew && r.name.endsWith("(copy)")) ?? null, "the copy, marked, in the list");
    assert.match(copy?.name ?? "", /\(copy\)$/, "the copy is the one marked");

    // Delete asks first, on Cancel; Enter there keeps the profile.
    const copyRow = `[data-testid=profile-row][data-name="${copy.name}"]`;
    await app.session.execute(`document.querySelector('${copyRow} [data-testid=profile-delete]').click()`);
    assert.equal(await focusedTestId(), "confirm-delete-cancel");
    await app.session.execute(`document.querySelector('${copyRow} [data-testid=confirm-delete-yes]').click()`);
    await app.session.textOf("status-message", (text) => text === `Deleted “${copy.name}” and its keychain entry.`);
    assert.equal((await rows()).length, 1);
  }));

test("a half-filled form asks before it is left, starting on Stay", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-setup");
    await click(app, "wizard-next");
    await click(app, "wizard-next");
    await (await app.session.byTestId("field-name")).type("Half done");
    await click(app, "nav-overview");
    await app.session.byTestId("leave-dialog");
    assert.equal(await focusedTestId(), "leave-stay");
    await click(app, "leave-stay");
    assert.equal(await app.session.execute("return document.querySelector('[data-testid=field-name]').value"), "Half done");
    await click(app, "nav-overview");
    await click(app, "leave-anyway");
    await app.session.textOf("view-title", (text) => text === "Overview");
  }));

test("typed calls survive a look elsewhere, and the coverage result is brought into view and focused", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-scopes");
    await (await app.session.byTestId("coverage-input")).type("GET /users\nPOST /users");
    await click(app, "nav-overview");
    await click(app, "nav-scopes");
    const kept = await app.session.execute("return document.querySelector('[data-testid=coverage-input]').value");
    assert.match(kept, /GET \/users/);
    await click(app, "coverage-check");
    await waitUntil(async () => ((await focusedTestId()) === "coverage-report" ? true : null), "the coverage report to take the focus");
    const inView = await app.session.execute(
      "const r = document.querySelector('[data-testid=coverage-report]').getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0;",
    );
    assert.equal(inView, true);
  }));

test("a radio button reached by keyboard rings as visibly as a button", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-setup");
    const first = await app.session.execute("return document.querySelector('[data-testid=step-card] input[type=radio]') !== null");
    assert.equal(first, true, "the app-type step has radio buttons");
    // Focus the control before the first radio, then Tab onto it as a keyboard user would.
    await app.session.execute("document.querySelector('[data-testid=step-card]').focus()");
    await (await app.session.byTestId("step-card")).press(TAB);
    const ring = await app.session.execute(
      "const el = document.activeElement; const s = getComputedStyle(el); return { type: el.type, style: s.outlineStyle, width: s.outlineWidth };",
    );
    assert.deepEqual(ring, { type: "radio", style: "solid", width: "2px" });
  }));

test("a field speaks up once left, swapped IDs offer a Swap, and Settings say what is wrong beside the field", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-setup");
    await click(app, "wizard-next");
    await click(app, "wizard-next");
    const value = (id) => app.session.execute(`return document.querySelector('[data-testid="field-${id}"]').value`);
    await (await app.session.byTestId("field-name")).type("Swapped");
    // The Sandbox's own IDs, the wrong way round.
    await (await app.session.byTestId("field-account_id")).type("SbxReportingBot0000001");
    const client = await app.session.byTestId("field-client_id");
    await client.type("SbxDemoAccount00000001");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await app.session.execute("return document.querySelector('[data-testid=issues-client_id]')"), null, "nothing while typing");
    await client.press(TAB);
    assert.match(await app.session.textOf("issues-client_id"), /look swapped/);
    assert.equal(await client.attribute("aria-invalid"), "true");
    await click(app, "swap-client_id");
    assert.deepEqual([await value("account_id"), await value("client_id")], ["SbxDemoAccount00000001", "SbxReportingBot0000001"]);
    await waitUntil(async () => ((await app.session.execute("return document.querySelector('[data-testid=issues-client_id]')")) === null ? true : null), "the swap to clear the problem");
    await click(app, "nav-settings");
    await click(app, "leave-anyway");

    const timeout = await app.session.byTestId("pref-timeout");
    await timeout.type("500");
    assert.match(await app.session.textOf("pref-problem-request_timeout"), /^The request timeout must be between \d+ and \d+ seconds\.$/);
    assert.equal(await timeout.attribute("aria-invalid"), "true");
    await timeout.type("45");
    await waitUntil(async () => ((await app.session.execute("return document.querySelector('[data-testid=pref-problem-request_timeout]')")) === null ? true : null), "the problem to clear");
    // Enter in a field saves the form.
    await timeout.press(ENTER);
    await app.session.textOf("pref-saved");

    // The theme shows at once; left unsaved, the saved one comes back.
    const theme = () => app.session.execute("return document.documentElement.dataset.theme");
    const before = await theme();
    const other = before === "dark" ? "light" : "dark";
    await app.session.execute(`const s = document.querySelector('[data-testid=pref-theme]'); s.value = '${other}'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    await waitUntil(async () => ((await theme()) === other ? true : null), "the theme preview");
    await click(app, "nav-overview");
    await click(app, "leave-anyway");
    await waitUntil(async () => ((await theme()) === before ? true : null), "the saved theme back");
  }));

test("Enter sends Try a call, and its answer is brought into view and focused", (t) =>
  recordingFailures(t, app, async () => {
    // Try a call follows a passing test.
    assert.equal(await testTokenInView(app), "passed");
    const path = await app.session.byTestId("try-path");
    await path.type("/users/me");
    await path.press(ENTER);
    await waitUntil(async () => ((await focusedTestId()) === "try-result" ? true : null), "the answer to take the focus", 20_000);
    assert.equal(await (await app.session.byTestId("try-result")).attribute("data-status"), "200");
  }));
