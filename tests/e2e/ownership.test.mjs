// Owners who leave, in the real window against the embedded Sandbox: the app's owner is
// deactivated in Zoom (through Zoom's API, as an admin would), a test reads it and the overview
// flags it; the Rotate view tracks a transfer of ownership with Zoom's 30-day deadline.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, captureDisplay, launchApp, recordingFailures, simHeaders } from "./lib/app.mjs";
import { click, sandboxUrl, saveWizardProfile, startSandboxSetup, testTokenInView } from "./lib/flows.mjs";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

/** Deactivates a user through Zoom's `PUT /users/{id}/status`, with the account Owner's app. */
async function deactivate(sandbox, email) {
  const ops = ["SbxOpsClassic000000002", "sandboxSecretOpsClassic000000002"];
  const app = await (await fetch(`${sandbox}/_sim/apps/${ops[0]}`, { method: "PATCH", headers: simHeaders, body: "{}" })).json();
  await fetch(`${sandbox}/_sim/apps/${ops[0]}`, { method: "PATCH", headers: simHeaders, body: JSON.stringify({ scopes: [...app.scopes, "user:write:admin"] }) });
  const token = await (
    await fetch(`${sandbox}/oauth/token?grant_type=account_credentials&account_id=SbxDemoAccount00000001`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(ops.join(":")).toString("base64")}` },
    })
  ).json();
  const answer = await fetch(`${sandbox}/v2/users/${email}/status`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ action: "deactivate" }),
  });
  assert.equal(answer.status, 204);
}

test("a deactivated owner is flagged, and an ownership transfer is tracked to its deadline", (t) =>
  recordingFailures(t, app, async () => {
    assert.equal((await startSandboxSetup(app)).outcome, "passed");
    await saveWizardProfile(app);
    await deactivate(await sandboxUrl(app), "adam.admin@sandbox.example");

    assert.equal(await testTokenInView(app), "passed", "a deactivated owner's app still gets tokens");
    assert.match(await app.session.textOf("test-result"), /Zoom status inactive/);
    await click(app, "nav-overview");
    const badges = await app.session.execute(`return [...document.querySelectorAll("[data-badge]")].map((b) => b.dataset.badge)`);
    assert.ok(badges.includes("owner-deactivated"), `badges: ${badges}`);

    await click(app, "profile-rotate");
    assert.match(await app.session.textOf("owner-state"), /owner is deactivated/);
    await (await app.session.byTestId("transfer-email")).type("nina.new@sandbox.example");
    await click(app, "transfer-start");
    assert.match(await app.session.textOf("transfer-status"), /30 days left before Zoom cancels it/);
    await click(app, "transfer-confirm");
    await app.session.textOf("transfer-status", (text) => /Still to do: The client secret was rotated/.test(text));
    const done = await app.session.execute(`return [...document.querySelectorAll('[data-testid="transfer-steps"] li')].map((li) => li.dataset.done)`);
    assert.deepEqual(done, ["true", "false", "false"]);
    captureDisplay(join(artifacts, "ownership-transfer.png"));

    await click(app, "nav-overview");
    const withTransfer = await app.session.execute(`return [...document.querySelectorAll("[data-badge]")].map((b) => b.dataset.badge)`);
    assert.ok(withTransfer.includes("transfer-pending"), `badges: ${withTransfer}`);
    const overflow = await app.session.execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assert.ok(overflow <= 0, `overflows sideways by ${overflow} px`);
  }));
