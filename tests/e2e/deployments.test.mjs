// Where a secret is deployed, in the real window against the embedded Sandbox and the real
// keychain: a project's .env found and added, a command shown word by word before it is saved,
// then a rotation that gives the new secret to both — a command that fails is retried alone
// once fixed, its check proves it — and finishes once each has it, the secret never in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifacts, captureDisplay, launchApp, recordingFailures } from "./lib/app.mjs";
import { click, enabled, saveWizardProfile, startSandboxSetup } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

const OLD_SECRET = "sandboxSecretReportingBot0000001";

async function states(app) {
  const lines = await app.session.allByTestId("consumer-line");
  return Promise.all(lines.map((l) => l.attribute("data-state")));
}

async function waitForStates(app, expected) {
  await waitUntil(async () => (JSON.stringify(await states(app)) === JSON.stringify(expected) ? true : null), `the checklist to read ${expected}`, 20_000);
}

test("a rotation gives the new secret to every deployment, retries a failed one alone, and finishes once each has it", async (t) => {
  const project = mkdtempSync(join(tmpdir(), "s2s-deployed-"));
  const envFile = join(project, ".env");
  writeFileSync(envFile, `ZOOM_ACCOUNT_ID=SbxDemoAccount00000001\r\nZOOM_CLIENT_SECRET="${OLD_SECRET}"\r\n`);
  // The command's store folder does not exist yet: its first update fails.
  const store = join(project, "vault", "store");
  const app = await launchApp();
  try {
    await recordingFailures(t, app, async () => {
      assert.equal((await startSandboxSetup(app)).outcome, "passed");
      await saveWizardProfile(app);
      await click(app, "profile-rotate");
      await app.session.byTestId("deployed-none");

      await click(app, "consumer-add-project");
      await (await app.session.byTestId("consumer-project")).type(project);
      await click(app, "consumer-find");
      await (await enabled(app, "consumer-found-add")).click();
      await app.session.textOf("consumer-row", (text) => text.includes(`ZOOM_CLIENT_SECRET in ${envFile}`));

      await click(app, "consumer-add-command");
      await (await app.session.byTestId("consumer-label")).type("Vault");
      await (await app.session.byTestId("consumer-command")).type(`sh -c 'cat > "$1"' sh ${store}`);
      await (await app.session.byTestId("consumer-check")).type(`sh -c 'test "$(cat "$1")" = "$(cat)"' sh ${store}`);
      const words = await waitUntil(async () => {
        const shown = await app.session.execute(
          `return [...document.querySelectorAll('[data-testid="consumer-command-words"] code')].map((w) => w.textContent);`,
        );
        return shown.length === 5 ? shown : null;
      }, "the command word by word");
      assert.deepEqual(words, ["sh", "-c", `cat > "$1"`, "sh", store], "shown as it will run, before it is saved");
      await (await enabled(app, "consumer-save")).click();
      await waitUntil(async () => ((await app.session.allByTestId("consumer-row")).length === 2 ? true : null), "two deployments");

      await click(app, "rotation-sandbox-regenerate");
      const fieldValue = () => app.session.execute(`return document.querySelector('[data-testid="rotation-new-secret"]').value;`);
      const newSecret = await waitUntil(async () => ((await fieldValue()).length >= 32 ? fieldValue() : null), "the regenerated secret");
      await (await enabled(app, "rotation-start-manual")).click();
      await waitForStates(app, ["pending", "pending"]);
      assert.equal((await app.session.allByTestId("rotation-finish")).length, 0, "no plain finish while a deployment has the old secret");

      await click(app, "consumers-update");
      await waitForStates(app, ["updated", "update_failed"]);
      assert.equal(readFileSync(envFile, "utf8"), `ZOOM_ACCOUNT_ID=SbxDemoAccount00000001\r\nZOOM_CLIENT_SECRET="${newSecret}"\r\n`);
      assert.match(await app.session.textOf("status-message"), /^1 of 2 deployments of “.+” have the new secret/);

      mkdirSync(join(project, "vault"));
      await click(app, "consumer-retry");
      await waitForStates(app, ["updated", "checked"]);
      assert.equal(readFileSync(store, "utf8"), newSecret);
      await new Promise((r) => setTimeout(r, 300));
      captureDisplay(join(artifacts, "deployments.png"));
      const page = await app.session.execute(
        "return document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join() + JSON.stringify(localStorage);",
      );
      assert.equal(page.includes(newSecret), false, "the new secret is not in the page");

      await click(app, "rotation-finish");
      await app.session.textOf("rotation-summary", (text) => text === "No rotation in progress.", 20_000);

      await click(app, "consumer-run-check");
      await app.session.textOf("consumer-check-result", (text) => text.startsWith("Check passed"), 20_000);

      // The profile's own page lists the same places, to add to or remove from.
      await click(app, "nav-overview");
      await click(app, "profile-edit");
      await app.session.byTestId("edit-profile");
      const rows = await app.session.allByTestId("consumer-row");
      assert.deepEqual(await Promise.all(rows.map((r) => r.attribute("data-label"))), [".env", "Vault"]);
    });
  } finally {
    await app.stop();
    rmSync(project, { recursive: true, force: true });
  }
});
