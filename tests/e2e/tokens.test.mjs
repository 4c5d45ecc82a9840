// Zoom as it is today, in the real window against the embedded Sandbox: the token coexistence
// check answers "tokens coexist" and records it; Zoom moving an app from classic to granular
// scopes shows as a rename, not as lost admin access; "Try a call" answers with the scope that
// authorized it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, captureDisplay, launchApp, recordingFailures, simHeaders } from "./lib/app.mjs";
import { click, enabled, sandboxUrl, saveWizardProfile, startSandboxSetup, testTokenInView } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

test("the token coexistence check says the cost first, then that tokens coexist, and records it", async (t) => {
  const app = await launchApp();
  try {
    await recordingFailures(t, app, async () => {
      assert.equal((await startSandboxSetup(app)).outcome, "passed");
      await saveWizardProfile(app);
      await click(app, "nav-token");
      assert.match(await app.session.textOf("coexistence-cost"), /two tokens/);
      assert.match(await app.session.textOf("coexistence-known"), /Not checked/);
      assert.equal((await app.session.allByTestId("invalidation-warning")).length, 0, "no false alarm before a test");
      await (await enabled(app, "coexistence-check")).click();
      const outcome = await waitUntil(
        async () => (await app.session.byTestId("coexistence-result")).attribute("data-outcome"),
        "the coexistence result",
        20_000,
      );
      assert.equal(outcome, "coexist");
      await app.session.textOf("coexistence-known", (text) => /tokens coexist/.test(text));
      await new Promise((r) => setTimeout(r, 1000));
      captureDisplay(join(artifacts, "token-coexistence.png"));
    });
  } finally {
    await app.stop();
  }
});

test("Zoom moving an app from classic to granular scopes is a rename, not lost admin access", async (t) => {
  const app = await launchApp();
  try {
    await recordingFailures(t, app, async () => {
      const classic = { client_id: "SbxOpsClassic000000002", client_secret: "sandboxSecretOpsClassic000000002" };
      // The demo's expected scope is granular, so the classic app's first test is "incomplete":
      // a token, short of one expected name.
      assert.notEqual((await startSandboxSetup(app, classic)).outcome, "failed");
      await saveWizardProfile(app);
      const sandbox = await sandboxUrl(app);
      const moved = await fetch(`${sandbox}/_sim/apps/${classic.client_id}/granular`, { method: "POST", headers: simHeaders, body: "{}" });
      assert.equal(moved.ok, true);

      await testTokenInView(app);
      assert.match(await app.session.textOf("renamed-scopes"), /user:read:admin/);
      assert.equal((await app.session.allByTestId("drift-warning")).length, 0, "a rename raises no alarm");
    });
  } finally {
    await app.stop();
  }
});

test("Try a call answers with the scope that authorized it, and a change waits for a tick", async (t) => {
  const app = await launchApp();
  try {
    await recordingFailures(t, app, async () => {
      assert.equal((await startSandboxSetup(app)).outcome, "passed");
      await saveWizardProfile(app);
      await testTokenInView(app);
      await click(app, "try-send");
      const status = await waitUntil(async () => (await app.session.byTestId("try-result")).attribute("data-status"), "the call's answer", 20_000);
      assert.equal(status, "200");
      assert.match(await app.session.textOf("try-authorized"), /user:read:user:admin/);
      assert.match(await app.session.textOf("try-body"), /"email"/);
      // A DELETE is not sent until it is confirmed.
      await app.session.execute('const s = document.querySelector("[data-testid=try-method]"); s.value = "DELETE"; s.dispatchEvent(new Event("change", { bubbles: true }));');
      assert.notEqual(await (await app.session.byTestId("try-send")).attribute("disabled"), null);
    });
  } finally {
    await app.stop();
  }
});
