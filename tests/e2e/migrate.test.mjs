// The JWT → S2S migration end to end in the real window against the embedded Sandbox: scan a
// legacy project on disk, create (save) and test the new app, apply the config rewrite, save
// the report, undo — and the files on disk follow each step.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifacts, captureDisplay, launchApp, recordingFailures } from "./lib/app.mjs";
import { click, saveWizardProfile, startSandboxSetup } from "./lib/flows.mjs";
import { waitUntil } from "./lib/webdriver.mjs";

const LEGACY_ENV =
  "# zoom\nZOOM_API_KEY=LegacyApiKey0123456789\nZOOM_API_SECRET=LegacySecretValue0123456789\nZOOM_VERIFICATION_TOKEN=LegacyVerificationToken01\n";
let app;
let project;
before(async () => {
  project = mkdtempSync(join(tmpdir(), "legacy-zoom-"));
  writeFileSync(join(project, ".env"), LEGACY_ENV);
  mkdirSync(join(project, "src"));
  writeFileSync(join(project, "src", "users.js"), "// zoom\nconst r = await axios.get('https://api.zoom.us/v2/users');\n");
  // The JWT secret is committed: it stays in git's history whatever the migration does.
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=E2E", "-c", "user.email=e2e@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd: project, stdio: "ignore" });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "legacy");
  app = await launchApp();
});
after(async () => {
  await app?.stop();
  rmSync(project, { recursive: true, force: true });
});

async function attributeOf(id, name, expected, what) {
  return waitUntil(async () => (await (await app.session.byTestId(id)).attribute(name)) === expected, what, 20_000);
}

test("a legacy project is scanned, migrated to a tested S2S app, reported and undone", (t) =>
  recordingFailures(t, app, async () => {
    // The profile expects a scope its app lacks: its own test falls short, but the migration
    // judges the calls it found (GET /users), which the app covers.
    await startSandboxSetup(app, { scopes: "user:read:list_users:admin meeting:write:meeting:admin" });
    await saveWizardProfile(app);

    await click(app, "nav-migrate");
    await (await app.session.byTestId("migrate-path")).type(project);
    await click(app, "migrate-scan-start");
    await attributeOf("migrate-findings", "data-count", "3", "three findings");
    assert.match(await app.session.textOf("migrate-scopes"), /user:read:list_users:admin/);
    await new Promise((r) => setTimeout(r, 1000));
    captureDisplay(join(artifacts, "migrate-findings.png"));

    await app.session.execute(
      `const s = document.querySelector('[data-testid="migrate-profile"]'); s.value = s.options[1].value; s.dispatchEvent(new Event("change", { bubbles: true }));`,
    );
    await click(app, "migrate-test");
    await attributeOf("migrate-readiness", "data-ready", "true", "the new app to be ready");
    assert.match(await app.session.textOf("migrate-preview"), /\+ZOOM_ACCOUNT_ID=SbxDemoAccount00000001/);

    await click(app, "migrate-apply");
    await waitUntil(async () => (await app.session.allByTestId("migrate-applied")).length + (await app.session.allByTestId("error-notice")).length > 0, "the apply's outcome", 20_000);
    const errors = await app.session.allByTestId("error-notice");
    assert.equal(errors.length, 0, errors.length ? await errors[0].text() : "");
    assert.match(await app.session.textOf("status-message"), /^Migration applied: 1 file rewritten/);
    const migrated = readFileSync(join(project, ".env"), "utf8");
    assert.match(migrated, /^ZOOM_ACCOUNT_ID=SbxDemoAccount00000001$/m);
    assert.match(migrated, /^ZOOM_CLIENT_SECRET=REPLACE_WITH_ZOOM_CLIENT_SECRET$/m);
    // Still to do: each placeholder (the webhook Secret Token's too) and the committed JWT.
    const steps = await app.session.execute(
      "return [...document.querySelectorAll('[data-testid=migrate-todo-step]')].map((s) => ({ kind: s.dataset.kind, text: s.textContent }))",
    );
    const texts = steps.map((s) => s.text).join("\n");
    assert.match(texts, /REPLACE_WITH_ZOOM_CLIENT_SECRET/);
    assert.match(texts, /REPLACE_WITH_ZOOM_WEBHOOK_SECRET_TOKEN/);
    assert.ok(steps.some((s) => s.kind === "committed_secret" && /\.env/.test(s.text)), texts);

    await click(app, "migrate-report-save");
    await app.session.textOf("migrate-report-saved");
    const report = readFileSync(join(project, "s2s-desk-migration-report.md"), "utf8");
    assert.match(report, /ZOOM_API_KEY/);
    assert.ok(!report.includes("LegacySecretValue0123456789"), "the report masks the secret");
    assert.match(readFileSync(join(project, "s2s-desk-migration-report.html"), "utf8"), /<h1>Zoom JWT → Server-to-Server migration<\/h1>/);
    await new Promise((r) => setTimeout(r, 1000));
    captureDisplay(join(artifacts, "migrate-applied.png"));

    await click(app, "migrate-undo");
    await waitUntil(async () => (await app.session.allByTestId("migrate-apply")).length === 1, "Apply to come back after undo");
    assert.equal(readFileSync(join(project, ".env"), "utf8"), LEGACY_ENV);
    // The report of the migration undone went with it, and Undo says so.
    assert.equal(existsSync(join(project, "s2s-desk-migration-report.md")), false);
    assert.match(await app.session.textOf("migrate-undone"), /migration report it had saved/);
    assert.match(await app.session.textOf("status-message"), /^Migration undone/);
    // At the smallest window, the guidance's code and the Undo notice stay inside their cards.
    const before = await app.session.windowRect();
    await app.session.setWindowRect({ width: 900, height: 560 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const outside = await app.session.execute(`
        return [...document.querySelectorAll(".card, .notice")].flatMap((box) => {
          const b = box.getBoundingClientRect();
          return [...box.querySelectorAll("*")]
            .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > b.right + 0.5; })
            .slice(0, 2)
            .map((el) => el.tagName + "." + String(el.className).split(" ")[0] + " in " + (box.dataset.testid ?? box.className));
        });`);
      assert.deepEqual(outside, []);
    } finally {
      await app.session.setWindowRect({ width: before.width, height: before.height });
    }

    // Least privilege from the same scan: the calls it found, checked against the app's scopes.
    await click(app, "nav-scopes");
    assert.match(await app.session.textOf("coverage-from-scan"), /Use the call the migration scan found/);
    await click(app, "coverage-from-scan");
    await click(app, "coverage-check");
    await attributeOf("coverage-result", "data-all-covered", "true", "the scanned call to be covered");
    assert.match(await app.session.textOf("coverage-result"), /GET \/users/);
  }));
