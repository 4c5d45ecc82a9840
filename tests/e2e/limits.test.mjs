// Rate limits in the real window: from Scopes & roles' "Will my integration work?", 300 meeting
// creates a day on one host exceed Zoom's 100-a-day host limit; spread over four hosts, they fit.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { artifacts, captureDisplay, dataDirOf, launchApp, recordingFailures } from "./lib/app.mjs";
import { click, saveWizardProfile, startSandboxSetup } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

async function planResult() {
  await click(app, "rl-check");
  return waitUntil(async () => (await app.session.byTestId("rl-result")).attribute("data-exceeded"), "a rate-limit verdict", 15_000);
}

test("the rate-limit planner judges volumes against the plan and the per-host meeting limit", (t) =>
  recordingFailures(t, app, async () => {
    assert.equal((await startSandboxSetup(app)).outcome, "passed");
    await saveWizardProfile(app);

    await click(app, "nav-scopes");
    await (await app.session.byTestId("coverage-input")).type("POST /users/me/meetings");
    await click(app, "coverage-check");
    await waitUntil(async () => (await app.session.allByTestId("rate-limits")).length === 1, "the rate-limit section", 15_000);
    const perDay = await app.session.byTestId("rl-per-day");
    await perDay.type("300");
    assert.equal(await planResult(), "true");
    assert.equal(await (await app.session.byTestId("rl-user-limit")).attribute("data-verdict"), "exceeds");
    assert.match(await app.session.textOf("rl-advice"), /more hosts/);
    await app.session.execute(`document.querySelector('[data-testid="rate-limits"]').scrollIntoView()`);
    await new Promise((r) => setTimeout(r, 1000));
    captureDisplay(join(artifacts, "rate-limits.png"));

    const hosts = await app.session.byTestId("rl-hosts");
    await hosts.type("4");
    assert.equal(await planResult(), "false");
  }));

test("the planner has its own entry: calls pasted there, the plan remembered on the profile", (t) =>
  recordingFailures(t, app, async () => {
    await click(app, "nav-limits");
    await app.session.textOf("view-title", (text) => text === "Rate limits");
    await app.session.execute(
      `const s = document.querySelector('[data-testid="limits-profile"]'); s.value = s.options[1].value; s.dispatchEvent(new Event("change", { bubbles: true }));`,
    );
    // Set as pasted (WebDriver's typing drops a textarea's line breaks here).
    await app.session.execute(
      `const t = document.querySelector('[data-testid="limits-calls"]'); t.value = arguments[0]; t.dispatchEvent(new Event("input", { bubbles: true }));`,
      ["# the nightly report\nGET /report/meetings/{meetingId}/participants"],
    );
    await click(app, "limits-use");
    const calls = await waitUntil(async () => {
      const shown = await app.session.execute(`return [...document.querySelectorAll('[data-testid="rl-call"] code')].map((c) => c.textContent)`);
      return shown.length > 0 ? shown : null;
    }, "the calls to plan");
    assert.deepEqual(calls, ["GET /report/meetings/{meetingId}/participants"], "comments are not calls");
    assert.ok(["true", "false"].includes(await planResult()), "a verdict for the typed call");
    // The plan picked is kept on the profile chosen above.
    await app.session.execute(
      `const s = document.querySelector('[data-testid="rl-plan"]'); s.value = "pro"; s.dispatchEvent(new Event("change", { bubbles: true }));`,
    );
    const profilesFile = join(dataDirOf(app.home), "profiles.json");
    await waitUntil(async () => /"account_plan": ?"pro"/.test(readFileSync(profilesFile, "utf8")), "the plan on the profile", 10_000);
  }));
