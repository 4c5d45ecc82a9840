// Scopes & roles in the real window against the embedded Sandbox: an Admin-owned app is flagged
// as depending on one person's role; after the owner is demoted to Member in the Sandbox, the
// next Test token shows the drift warning naming the lost admin scopes, and so does Scopes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, captureDisplay, launchApp, recordingFailures, simHeaders } from "./lib/app.mjs";
import { click, sandboxUrl, saveWizardProfile, startSandboxSetup, testTokenInView } from "./lib/flows.mjs";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

test("a role downgrade in Zoom shows up as a drift warning naming the lost admin scopes", (t) =>
  recordingFailures(t, app, async () => {
    assert.equal((await startSandboxSetup(app)).outcome, "passed");
    await saveWizardProfile(app);

    await click(app, "nav-scopes");
    assert.match(await app.session.textOf("ownership-risk"), /one person's role.*adam\.admin@sandbox\.example \(Admin\)/);
    assert.match(await app.session.textOf("role-source"), /Admin.*Read from Zoom/);
    assert.equal((await app.session.allByTestId("drift-warning")).length, 0);
    await (await app.session.byTestId("what-if-role")).click();
    assert.equal(await (await app.session.byTestId("what-if-result")).attribute("data-removed"), "8");
    await app.session.execute(`document.querySelector('[data-testid="granted-scopes"]').scrollIntoView()`);
    await new Promise((r) => setTimeout(r, 1000));
    captureDisplay(join(artifacts, "scopes-granted.png"));

    const sandbox = await sandboxUrl(app);
    const demoted = await fetch(`${sandbox}/_sim/users/sbx-admin-0002/role`, {
      method: "POST",
      headers: simHeaders,
      body: JSON.stringify({ role_id: "2" }),
    });
    assert.equal(demoted.ok, true);

    await testTokenInView(app);
    assert.match(await app.session.textOf("drift-lost-scopes"), /user:read:list_users:admin/);
    assert.match(await app.session.textOf("drift-cause"), /adam\.admin@sandbox\.example \(Admin\)/);

    await click(app, "nav-scopes");
    const warning = await app.session.textOf("drift-warning");
    assert.match(warning, /lost admin access/);
    assert.match(warning, /transfer/);
    await new Promise((r) => setTimeout(r, 1500));
    captureDisplay(join(artifacts, "scopes-drift-warning.png"));
  }));
