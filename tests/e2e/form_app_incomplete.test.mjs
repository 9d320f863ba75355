// A form transcribed from a cut-off or illegible source is marked 不完整 by the clerk: its total is a
// partial sum, it gets no grade, the checks that need the whole form are left out, and the mark is
// kept in the exported file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, download, field, findingCodes, num, type, useSite, withExample } from "./form_helpers.mjs";

const env = useSite();

test("marking the source incomplete gives a partial total, no grade, and says so", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    assert.equal(await num(page, "grade"), "优");
    await type(page, "incomplete", "第 2 页缺失");
    await page.waitForSelector("[data-testid=partial]");
    assert.equal((await page.locator("[data-testid=partial]").textContent()).trim(), "部分合计");
    assert.equal(await num(page, "total"), "97.66", "the sum of what is there");
    assert.equal(await num(page, "grade"), "不评（原件不完整）");
    const codes = await findingCodes(page);
    assert.ok(codes.includes("form.incomplete"), codes.join(" "));
    const note = page.locator('section.findings li.finding[data-code="form.incomplete"]');
    assert.match(await note.textContent(), /原件不完整（第 2 页缺失）/);
    await page.locator(".summary").first().screenshot({ path: join(ROOT, "target", "incomplete-summary-zh.png") });

    const file = await download(page, "[data-testid=export]");
    assert.equal(JSON.parse(file.text).incomplete, "第 2 页缺失");

    // In English.
    await page.locator(".lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal((await page.locator("[data-testid=partial]").textContent()).trim(), "partial sum");
    assert.equal(await num(page, "grade"), "none (incomplete source)");
    await page.locator(".summary").first().screenshot({ path: join(ROOT, "target", "incomplete-summary-en.png") });

    // Cleared: whole again.
    await type(page, "incomplete", "");
    await page.waitForFunction(() => !document.querySelector("[data-testid=partial]"));
    assert.match(await num(page, "grade"), /^优/);
    assertClean(app);
  });
});
