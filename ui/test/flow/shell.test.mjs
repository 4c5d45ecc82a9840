// Front-end flow in Debian's Chromium: the Vite-served UI with Tauri IPC mocked
// (test/flow/mockBackend.ts). Run by `npm run flow`; never downloads a browser.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { createServer } from "vite";

const uiRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const artifacts = join(uiRoot, "..", "tests", "e2e", "artifacts");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's serious and critical WCAG 2.2 AA violations on the page as it is now. */
async function seriousViolations() {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

let server;
let browser;
let page;

before(async () => {
  server = await createServer({ root: uiRoot, logLevel: "error", server: { port: 0, strictPort: false } });
  await server.listen();
  // Playwright gives the browser a fresh temporary profile of its own.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no internet: without these, Chromium retries Google's hosts at start-up.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  page.errors = errors;
  const { port } = server.httpServer.address();
  await page.goto(`http://127.0.0.1:${port}/test/flow/mock.html`);
  await page.getByTestId("nav-overview").waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function onFailure(t, body) {
  try {
    await body();
  } catch (e) {
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `flow-${t.name.replace(/\W+/g, "-")}.png`) });
    throw e;
  }
}

test("every sidebar item opens its view", (t) =>
  onFailure(t, async () => {
    const labels = await page.getByRole("navigation").getByRole("button").allTextContents();
    assert.deepEqual(labels, ["Overview", "Setup", "Test token", "Scopes & roles", "Rate limits", "Rotate secret", "Webhooks", "Migrate from JWT", "Settings"]);
    for (const label of labels) {
      await page.getByRole("button", { name: label, exact: true }).click();
      await page.getByTestId("view-title").filter({ hasText: label }).waitFor();
    }
    assert.deepEqual(page.errors, []);
  }));

test("Settings shows get_app_info and the sidebar labels the Sandbox", (t) =>
  onFailure(t, async () => {
    await page.getByTestId("nav-settings").click();
    assert.equal(await page.getByTestId("app-info-version").textContent(), "0.1.0");
    assert.equal(await page.getByTestId("app-info-sandbox").textContent(), "http://127.0.0.1:47001");
    assert.match(await page.getByTestId("sidebar-status").textContent(), /Sandbox\s*127\.0\.0\.1:47001/);
  }));

test("a failed command shows its message, hint and kind", (t) =>
  onFailure(t, async () => {
    await page.getByTestId("nav-settings").click();
    await page.getByRole("button", { name: /Server-to-Server OAuth guide/ }).click();
    const notice = page.getByTestId("error-notice");
    await notice.waitFor();
    assert.equal(await notice.getAttribute("data-kind"), "failed");
    assert.match(await page.getByTestId("error-hint").textContent(), /default web browser/);
    const calls = await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === "open_external"));
    assert.deepEqual(calls, [{ cmd: "open_external", args: { url: "https://developers.zoom.us/docs/internal-apps/s2s-oauth/" } }]);
  }));

test("disabled buttons look disabled, secondary ones and the stepper's included", (t) =>
  onFailure(t, async () => {
    await page.getByTestId("nav-setup").click();
    const save = page.getByTestId("stepper").getByRole("button", { name: /Save/ });
    assert.equal(await save.isDisabled(), true);
    const opacity = await save.evaluate((el) => Number(getComputedStyle(el).opacity));
    assert.ok(opacity < 0.75, `a disabled step is drawn at opacity ${opacity}`);
  }));

/** How far the page scrolls sideways, and the innermost elements that stick out (for the message). */
function sidewaysOverflow() {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""}${el.dataset.testid ? `[${el.dataset.testid}]` : ""}`,
      );
    return { by: document.documentElement.scrollWidth - width, culprits: culprits.join(", ") };
  });
}

test("no view scrolls sideways at the window's minimum size", (t) =>
  onFailure(t, async () => {
    // tauri.conf.json's minWidth × minHeight.
    await page.setViewportSize({ width: 900, height: 560 });
    try {
      const labels = await page.getByRole("navigation").getByRole("button").allTextContents();
      for (const label of labels) {
        await page.getByRole("button", { name: label, exact: true }).click();
        await page.getByTestId("view-title").filter({ hasText: label }).waitFor();
        const overflow = await sidewaysOverflow();
        assert.ok(overflow.by <= 0, `${label} overflows sideways by ${overflow.by} px at 900×560: ${overflow.culprits}`);
      }
      // The widest state of Test token: a passing result with long scope names and headers.
      await page.getByRole("button", { name: "Test token", exact: true }).click();
      await page.getByTestId("token-test").click();
      await page.getByTestId("test-result").waitFor();
      const overflow = await sidewaysOverflow();
      assert.ok(overflow.by <= 0, `a Test token result overflows sideways by ${overflow.by} px at 900×560: ${overflow.culprits}`);
      // Product names sit beside their scopes, never under them.
      const overlaps = await page.evaluate(() =>
        [...document.querySelectorAll(".scopes__product")]
          .filter((name) => name.getBoundingClientRect().right > name.nextElementSibling.getBoundingClientRect().left)
          .map((name) => name.textContent),
      );
      assert.deepEqual(overlaps, []);
    } finally {
      await page.setViewportSize({ width: 1180, height: 760 });
    }
  }));

/** Elements that stick out of the card they are in (a clipped or overflowing table cell, a code
 *  block wider than its card). */
function outOfTheirCards() {
  return page.evaluate(() =>
    [...document.querySelectorAll(".card")].flatMap((card) => {
      const box = card.getBoundingClientRect();
      return [...card.querySelectorAll("*")]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
        })
        .filter((el) => !el.closest("[data-scrolls]"))
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]} in ${card.dataset.testid ?? card.className}`);
    }),
  );
}

for (const [width, height] of [
  [900, 560],
  [1180, 760],
  [1920, 1080],
]) {
  test(`at ${width}×${height} the coverage table, Test token and the overview fit their cards`, (t) =>
    onFailure(t, async () => {
      await page.setViewportSize({ width, height });
      try {
        await page.getByTestId("nav-scopes").click();
        await page.getByTestId("coverage-input").fill("GET /users");
        await page.getByTestId("coverage-check").click();
        await page.getByTestId("coverage-result").waitFor();
        const verdict = page.getByTestId("coverage-row").first().locator("td").last();
        const [cell, card] = await Promise.all([verdict.boundingBox(), page.getByTestId("coverage").boundingBox()]);
        assert.ok(cell.x + cell.width <= card.x + card.width + 0.5, `the verdict column is clipped at ${width} px`);
        assert.ok(cell.width >= 120, `the verdict column is ${cell.width} px wide at ${width} px`);
        assert.deepEqual(await outOfTheirCards(), [], `Scopes at ${width} px`);
        for (const view of ["overview", "token", "webhooks", "rotate", "settings"]) {
          await page.getByTestId(`nav-${view}`).click();
          await page.getByTestId("view-title").waitFor();
          assert.deepEqual(await outOfTheirCards(), [], `${view} at ${width} px`);
          const overflow = await sidewaysOverflow();
          assert.ok(overflow.by <= 0, `${view} overflows sideways by ${overflow.by} px at ${width} px: ${overflow.culprits}`);
        }
        // A rotation's checklist and the deployments' long paths and commands wrap inside their cards.
        await page.getByTestId("nav-rotate").click();
        await page.getByTestId("rotation-profile").selectOption("p2");
        await page.getByTestId("consumer-checklist").waitFor();
        assert.deepEqual(await outOfTheirCards(), [], `rotate with deployments at ${width} px`);
        const overflow = await sidewaysOverflow();
        assert.ok(overflow.by <= 0, `rotate with deployments overflows sideways by ${overflow.by} px at ${width} px: ${overflow.culprits}`);
        await page.getByTestId("rotation-profile").selectOption("p1");
      } finally {
        await page.setViewportSize({ width: 1180, height: 760 });
      }
    }));
}

test("a wide window uses its width: the overview's toolbar is one row and the content is not a narrow column", (t) =>
  onFailure(t, async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    try {
      await page.getByTestId("nav-overview").click();
      const main = await page.locator("main").boundingBox();
      const list = await page.getByTestId("profile-list").boundingBox();
      assert.ok(list.width >= (main.width - 96) * 0.9, `the profile list is ${list.width} px of ${main.width} px`);
      // One row: every control's middle on the same line (controls differ in height by a few px).
      const middles = await page.locator("[data-testid=overview-toolbar] > *").evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return r.top + r.height / 2;
        }),
      );
      const spread = Math.max(...middles) - Math.min(...middles);
      assert.ok(spread < 4, `the toolbar wraps: its controls' middles are ${spread} px apart`);
    } finally {
      await page.setViewportSize({ width: 1180, height: 760 });
    }
  }));

test("a narrow window collapses the sidebar to a rail whose buttons keep their names", (t) =>
  onFailure(t, async () => {
    await page.setViewportSize({ width: 900, height: 560 });
    try {
      const nav = await page.getByRole("navigation").boundingBox();
      assert.ok(nav.width <= 80, `the sidebar is ${nav.width} px wide at 900 px`);
      await page.getByRole("button", { name: "Rate limits", exact: true }).click();
      await page.getByTestId("view-title").filter({ hasText: "Rate limits" }).waitFor();
    } finally {
      await page.setViewportSize({ width: 1180, height: 760 });
    }
  }));

test("a custom role's checkboxes sit by their labels and its name box inside the form", (t) =>
  onFailure(t, async () => {
    await page.getByTestId("nav-scopes").click();
    await page.getByTestId("role-mode").selectOption("custom");
    const picker = page.getByTestId("privilege-picker");
    await picker.waitFor();
    const labels = await picker.locator("label:has(input[type=checkbox])").all();
    assert.ok(labels.length > 0, "the picker lists privileges");
    for (const label of labels) {
      const gap = await label.evaluate((el) => {
        const box = el.querySelector("input").getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = [...range.getClientRects()].at(-1);
        return text.left - box.right;
      });
      assert.ok(gap >= 0 && gap < 16, `a checkbox is ${gap} px from its label`);
    }
    const [name, form] = await Promise.all([picker.getByRole("textbox", { name: /Role name/ }).boundingBox(), picker.boundingBox()]);
    assert.ok(name.y >= form.y && name.x >= form.x && name.x + name.width <= form.x + form.width, "the role name box is inside the form");
    assert.equal(await page.getByTestId("role-awaiting").isVisible(), true);
  }));

test("every view and state the flow reaches has no serious or critical accessibility violation", (t) =>
  onFailure(t, async () => {
    const found = [];
    const check = async (state) => {
      for (const v of await seriousViolations()) found.push(`${state}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(", ")}`);
    };
    const labels = await page.getByRole("navigation").getByRole("button").allTextContents();
    for (const label of labels) {
      await page.getByRole("button", { name: label, exact: true }).click();
      await page.getByTestId("view-title").filter({ hasText: label }).waitFor();
      await check(label);
    }
    await page.getByRole("button", { name: "Test token", exact: true }).click();
    await page.getByTestId("token-test").click();
    await page.getByTestId("test-result").waitFor();
    await check("Test token result");
    await page.getByTestId("nav-scopes").click();
    await page.getByTestId("role-mode").selectOption("custom");
    await page.getByTestId("privilege-picker").waitFor();
    await check("Scopes, custom role");
    await page.getByTestId("nav-rotate").click();
    await page.getByTestId("rotation-profile").selectOption("p2");
    await page.getByTestId("rotation-progress").waitFor();
    await check("Rotate secret, rotation in progress");
    await page.getByTestId("consumer-add-command").click();
    await page.getByTestId("consumer-command").waitFor();
    await check("Where it's deployed, adding a command");
    await page.getByTestId("nav-webhooks").click();
    await page.getByTestId("webhook-url").fill("http://localhost:3000/zoom/webhook");
    await page.getByTestId("webhook-test").click();
    await page.getByTestId("webhook-report").waitFor();
    await check("Webhooks result");
    await page.getByTestId("nav-overview").click();
    await page.getByTestId("profile-edit").first().click();
    await page.getByTestId("edit-profile").waitFor();
    await check("Edit a profile");
    await page.getByTestId("field-tags").fill("changed");
    await page.getByTestId("nav-overview").click();
    await page.getByTestId("leave-dialog").waitFor();
    await check("Leave without saving?");
    await page.getByTestId("leave-anyway").click();
    await page.getByTestId("profile-delete").first().click();
    await page.getByTestId("confirm-delete").waitFor();
    await check("Delete, asked first");
    await page.keyboard.press("Escape");
    await page.getByTestId("profile-duplicate").first().click();
    await page.getByTestId("status-message").waitFor();
    await check("A status message");
    await page.getByTestId("nav-settings").click();
    await page.getByTestId("pref-timeout").fill("500");
    await page.getByTestId("pref-problem-request_timeout").waitFor();
    await check("Settings, a field's problem beside it");
    await page.getByTestId("pref-timeout").fill("20");
    await page.getByTestId("nav-overview").click();
    if (await page.getByTestId("leave-dialog").isVisible()) await page.getByTestId("leave-anyway").click();
    await page.setViewportSize({ width: 900, height: 560 });
    await check("Overview, sidebar folded to a rail");
    await page.setViewportSize({ width: 1180, height: 760 });
    // The dark theme (the system's choice) is held to the same bar.
    await page.emulateMedia({ colorScheme: "dark" });
    try {
      for (const label of labels) {
        await page.getByRole("button", { name: label, exact: true }).click();
        await page.getByTestId("view-title").filter({ hasText: label }).waitFor();
        await check(`${label} (dark)`);
      }
      await page.getByRole("button", { name: "Test token", exact: true }).click();
      await page.getByTestId("token-test").click();
      await page.getByTestId("test-result").waitFor();
      await check("Test token result (dark)");
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(background, "rgb(245, 247, 251)", "the dark theme follows the system");
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
    }
    assert.deepEqual(found, []);
  }));
