// A form transcribed from a cut-off or illegible source is marked 不完整 by the clerk: its total is a
// partial sum, it gets no grade, the checks that need the whole form are left out, and the mark is
// kept in the exported file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, download, field, findingCodes, num, type, useSite, withApp, withExample } from "./form_helpers.mjs";

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

test("a row marked incomplete is not asked for what the source lost, and the total is partial", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    // A central-2020 form transcribed from a printout whose row lost its actual.
    const form = {
      format: "ziping-form",
      schema_version: 2,
      profile: "central-2020",
      header: { project: "培训项目" },
      indicators: [
        { id: "h", level: 1, name: "产出指标", block: "output" },
        { id: "r", level: 3, name: "培训人数", target: "≥100人", weight: "50" },
      ],
    };
    await page.setInputFiles("#import-file", { name: "cut.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(form)) });
    await page.waitForSelector(field("indicators[1].name"));
    await page.waitForFunction(() =>
      [...document.querySelectorAll("section.findings li.finding")].some((li) => li.dataset.findingPath === "indicators[1].actual"),
    );
    // The row's note area holds the mark.
    const row = page.locator('tr[data-row]').filter({ has: page.locator(field("indicators[1].name")) });
    await row.locator("details.more summary").first().click();
    await type(page, "indicators[1].incomplete", "实际值一栏被截断");
    await page.waitForSelector("[data-testid=partial]");
    await page.waitForFunction(() =>
      ![...document.querySelectorAll("section.findings li.finding")].some((li) => li.dataset.findingPath === "indicators[1].actual"),
    );
    const codes = await findingCodes(page);
    assert.ok(codes.includes("form.incomplete"), codes.join(" "));
    assert.match(
      await page.locator('section.findings li.finding[data-code="form.incomplete"]').first().textContent(),
      /培训人数.*实际值一栏被截断/,
    );
    const file = await download(page, "[data-testid=export]");
    assert.equal(JSON.parse(file.text).indicators[1].incomplete, "实际值一栏被截断");
    assertClean(app);
  });
});
