// A client-secret rotation in the real window, against the embedded Sandbox and the real
// keychain: a regenerated secret is pasted, tested and swapped in while the old one is kept,
// then finished; Zoom's rotation API path (the App ID filled in by the Sandbox) is unavailable
// until the app holds the scope, then rotates; closed mid-rotation, the app reopens showing where it stands,
// with the Sandbox where it was; a secret the Sandbox no longer knows gets Sandbox advice, and
// "Reset the Sandbox" puts the profile back with it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { artifacts, captureDisplay, dataDirOf, launchApp, recordingFailures, simHeaders } from "./lib/app.mjs";
import { click, enabled, sandboxUrl, saveWizardProfile, startSandboxSetup, testTokenInView } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

const pageAndStorage =
  "return document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join() + JSON.stringify(localStorage) + JSON.stringify(sessionStorage);";

test("a pasted secret is tested and swapped in, Zoom's API rotates the next, and a closed window keeps the rotation", async (t) => {
  let app = await launchApp();
  try {
    await recordingFailures(t, app, async () => {
      assert.equal((await startSandboxSetup(app)).outcome, "passed");
      await saveWizardProfile(app);

      await click(app, "profile-rotate");
      await app.session.textOf("rotation-summary", (text) => text === "No rotation in progress.");
      captureDisplay(join(artifacts, "rotation-start.png"));
      // The Marketplace's "Regenerate", Sandbox edition: the field now holds the new secret.
      await click(app, "rotation-sandbox-regenerate");
      const fieldValue = () => app.session.execute(`return document.querySelector('[data-testid="rotation-new-secret"]').value;`);
      const newSecret = await waitUntil(async () => ((await fieldValue()).length >= 32 ? fieldValue() : null), "the regenerated secret");
      await (await enabled(app, "rotation-start-manual")).click();
      await app.session.textOf("rotation-summary", (text) => /new secret tested and in use, old one still kept until you finish/.test(text), 20_000);
      assert.equal(await (await app.session.byTestId("rotation-progress")).attribute("data-stage"), "switched");
      const seen = await app.session.execute(pageAndStorage);
      assert.equal(seen.includes(newSecret), false, "the new secret left the window once stored");
      const onDisk = readFileSync(join(dataDirOf(app.home), "profiles.json"), "utf8");
      assert.equal(onDisk.includes(newSecret), false);
      assert.match(onDisk, /"stage": ?"switched"/);
      // The Sandbox now takes only the new secret: a passing test proves it is the one in use.
      assert.equal(await testTokenInView(app), "passed");

      await click(app, "nav-rotate");
      await click(app, "rotation-finish");
      await app.session.textOf("rotation-summary", (text) => text === "No rotation in progress.", 20_000);
      assert.match(await app.session.textOf("status-message"), /^Rotation of “.+” finished: it uses only its new secret now\.$/);

      // Zoom's API path: the Sandbox filled the App ID in when the profile was added; it is
      // unavailable until the app holds the scope.
      assert.equal(await (await app.session.byTestId("rotation-app-id")).attribute("value"), "SbxAppReportingBot0001");
      await waitUntil(
        async () => ((await (await app.session.byTestId("rotation-api-unavailable")).attribute("data-reason")) === "missing_scope" ? true : null),
        "the missing scope to be named",
      );
      await click(app, "rotation-sandbox-allow");
      await (await enabled(app, "rotation-start-api")).click();
      const inProgress = /^Rotation in progress: new secret tested and in use, old one still kept until .*\(Zoom revokes it then\)/;
      await app.session.textOf("rotation-summary", (text) => inProgress.test(text), 20_000);
      assert.match(await app.session.textOf("rotation-keep-until"), /Zoom revokes it then/);

      // Closed mid-rotation: reopened, the profile still shows where the rotation stands.
      const home = app.home;
      await app.stop({ keepHome: true });
      app = await launchApp({ home });
      await click(app, "nav-overview");
      await app.session.textOf("profile-rotate", (text) => text === "Rotation in progress");
      await click(app, "profile-rotate");
      await app.session.textOf("rotation-summary", (text) => inProgress.test(text), 20_000);
      await new Promise((r) => setTimeout(r, 300));
      captureDisplay(join(artifacts, "rotation.png"));
      // The Sandbox kept its world too: the rotated secret still opens it.
      assert.equal(await testTokenInView(app), "passed", "the Sandbox kept the rotated secret");

      // A Sandbox back at its fixture (as every start was before it was kept) rejects the rotated
      // secret: Sandbox advice, not Zoom's.
      const fixture = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../crates/zoom-sim/fixtures/default.json"), "utf8");
      const reloaded = await fetch(`${await sandboxUrl(app)}/_sim/reload`, { method: "POST", headers: simHeaders, body: fixture });
      assert.equal(reloaded.status, 204);
      assert.equal(await testTokenInView(app), "failed");
      const explained = await app.session.textOf("test-result");
      assert.match(explained, /The Sandbox does not know this Client ID and Client Secret/);
      assert.match(explained, /Reset the Sandbox/);
      assert.doesNotMatch(explained, /Marketplace/);

      // Reset the Sandbox: it asks first (on Cancel), then puts the profile back with it.
      await click(app, "nav-settings");
      await click(app, "sandbox-reset");
      const focused = await app.session.execute("return document.activeElement?.dataset.testid ?? null");
      assert.equal(focused, "sandbox-reset-confirm-cancel", "a destructive question starts on Cancel");
      await click(app, "sandbox-reset-confirm-yes");
      await app.session.textOf("sandbox-note", (text) => text.includes("Put back with it: "));
      await click(app, "nav-rotate");
      await app.session.textOf("rotation-summary", (text) => text === "No rotation in progress.", 20_000);
      assert.equal(await testTokenInView(app), "passed", "the profile holds the Sandbox's secret again");
    });
  } finally {
    await app.stop();
  }
});
