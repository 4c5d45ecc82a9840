// The installed package, not the build tree: /usr/bin/s2s-desk opens its window under Xvfb on
// the Welcome, reports a release build of the same commit as the installed CLI, and its Sandbox
// answers. Run by scripts/install-test.sh after `apt-get install ./s2s-desk_*.deb`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { launchApp, recordingFailures, simHeaders } from "../e2e/lib/app.mjs";
import { waitUntil } from "../e2e/lib/webdriver.mjs";

let app;
before(async () => (app = await launchApp()));
after(async () => app?.stop());

test("the installed app opens on the Welcome and is the release build of the installed CLI's commit", (t) =>
  recordingFailures(t, app, async () => {
    assert.equal(await waitUntil(() => app.session.title(), "a window title"), "S2S Desk");
    assert.equal(await app.session.textOf("view-title", (text) => text === "Welcome to S2S Desk"), "Welcome to S2S Desk");
    await (await app.session.byTestId("nav-settings")).click();
    assert.equal(await app.session.textOf("app-info-profile"), "release");
    const cli = execFileSync("/usr/bin/s2s", ["--version"], { encoding: "utf8" });
    const commit = await app.session.textOf("app-info-commit");
    assert.ok(cli.includes(`(commit ${commit},`), `the CLI says ${cli.trim()}, the app ${commit}`);
    const sandbox = await app.session.textOf("app-info-sandbox");
    assert.equal((await fetch(`${sandbox}/_sim/stats`, { headers: simHeaders })).ok, true);
  }));
