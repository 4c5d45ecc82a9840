// Steps several end-to-end tests share, in the real window.
import { waitUntil } from "./webdriver.mjs";

/** Clicks the element with this data-testid. */
export async function click(app, id) {
  await (await app.session.byTestId(id)).click();
}

/** From an empty Profiles view into the wizard on the Sandbox demo app (with credential edits),
 *  through Test token; returns the result's outcome and kind. */
export async function startSandboxSetup(app, edits = {}) {
  await click(app, "nav-overview");
  await click(app, "try-sandbox");
  for (const [field, value] of Object.entries(edits)) await (await app.session.byTestId(`field-${field}`)).type(value);
  await click(app, "wizard-next");
  await click(app, "test-token");
  return waitUntil(async () => {
    const result = await app.session.byTestId("test-result");
    return { outcome: await result.attribute("data-outcome"), kind: await result.attribute("data-kind") };
  }, "a test result", 20_000);
}

/** The Sandbox's base URL, as Settings shows it. */
export async function sandboxUrl(app) {
  await click(app, "nav-settings");
  return app.session.textOf("app-info-sandbox");
}

/** From a passing wizard test (startSandboxSetup) on to Save, back on the Overview. */
export async function saveWizardProfile(app) {
  await click(app, "wizard-next");
  await click(app, "save-profile");
  await app.session.textOf("view-title", (text) => text === "Overview");
}

/** The element with this data-testid, once it is enabled. */
export async function enabled(app, id) {
  const button = await app.session.byTestId(id);
  await waitUntil(async () => (await button.attribute("disabled")) === null, `${id} to be enabled`, 15_000);
  return button;
}

/** Test token for the profile shown in the Test token view; returns the result's outcome. */
export async function testTokenInView(app) {
  await click(app, "nav-token");
  await (await enabled(app, "token-test")).click();
  return waitUntil(async () => (await app.session.byTestId("test-result")).attribute("data-outcome"), "a test result", 20_000);
}
