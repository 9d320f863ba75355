// Accessibility: axe-core finds no serious or critical violation on the start screen, in the editor
// with the example open (also with its explanations and folded parts opened, and in English), and
// in a blank form of each built-in profile.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, axeReport, useSite, withApp, withExample } from "./form_helpers.mjs";

const env = useSite();

/** The serious and critical violations, as "rule (impact): help — first nodes". */
async function seriousViolations(page) {
  return (await axeReport(page))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.join(", ")}`);
}

/** axe-core is injected into the page, which the page's Content-Security-Policy would refuse. */
const AXE = { bypassCSP: true };

test("no serious or critical axe-core violation on the start screen", async () => {
  await withApp(env, async (app) => {
    assert.deepEqual(await seriousViolations(app.page), []);
    assertClean(app);
  }, AXE);
});

test("no serious or critical axe-core violation in the editor with the example open", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    assert.deepEqual(await seriousViolations(page), [], "as opened");

    // Every explanation and folded part open, and an amount refused on its field.
    await page.locator("details").evaluateAll((all) => all.forEach((d) => (d.open = true)));
    await page.fill('[data-path="funds.rows[0].budget"]', "abc");
    await page.waitForSelector('[data-path="funds.rows[0].budget"][aria-invalid="true"]');
    assert.deepEqual(await seriousViolations(page), [], "with everything open and an error shown");

    await page.click(".lang-switch");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.deepEqual(await seriousViolations(page), [], "in English");
    assertClean(app);
  }, AXE);
});

for (const profile of ["jinzhong-2021", "central-2020", "budget10-indicators90", "department-wide"]) {
  test(`no serious or critical axe-core violation in a blank ${profile} form`, async () => {
    await withApp(env, async (app) => {
      const { page } = app;
      await page.click(`[data-profile="${profile}"]`);
      await page.waitForSelector("[data-testid=total]");
      assert.deepEqual(await seriousViolations(page), []);
      assertClean(app);
    }, AXE);
  });
}
