// Dates and durations typed as a clerk types them are scored like numbers, and a row that still needs
// a person's judgement is scored in its own labelled box.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, num, text, type, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();

/** Adds an indicator row at the end of the table and returns its index. */
async function addRow(page) {
  await page.locator("main#main").getByRole("button", { name: "添加指标", exact: true }).click();
  await page.waitForFunction(() => /^indicators\[\d+\]\.name$/.test(document.activeElement?.dataset.path ?? ""));
  return Number((await page.evaluate(() => document.activeElement.dataset.path)).match(/\d+/)[0]);
}

test("a deadline row is scored from its dates, a duration from its days, and a judgement row in a labelled box", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.locator('[data-profile="central-2020"]').click();
    await page.waitForSelector("[data-path='header.title']");
    await type(page, "header.year", "2022");

    const d = await addRow(page);
    await type(page, `indicators[${d}].name`, "完成时间");
    await type(page, `indicators[${d}].target`, "≤2022年12月");
    await type(page, `indicators[${d}].actual`, "2022年11月");
    await type(page, `indicators[${d}].weight`, "5");
    assert.equal(await num(page, `score-${d}`), "5.00", "met: full marks, not 尚未打分");
    assert.match(await text(page, `[data-testid=read-as-${d}]`), /日期/);
    await type(page, `indicators[${d}].actual`, "2023年1月");
    assert.equal(await num(page, `score-${d}`), "0.00");
    const explain = await page.locator(`[data-testid=score-${d}] .explain`).textContent();
    assert.match(explain, /未达到/);
    // Without a year, 12月31日前 is of the form's 年度 (2022).
    await type(page, `indicators[${d}].target`, "12月31日前");
    await type(page, `indicators[${d}].actual`, "2022-11-30");
    assert.equal(await num(page, `score-${d}`), "5.00");

    const w = await addRow(page);
    await type(page, `indicators[${w}].name`, "办结时限");
    await type(page, `indicators[${w}].target`, "≤10个工作日");
    await type(page, `indicators[${w}].actual`, "8个工作日");
    await type(page, `indicators[${w}].weight`, "5");
    assert.equal(await num(page, `score-${w}`), "5.00");

    const q = await addRow(page);
    await type(page, `indicators[${q}].name`, "群众满意程度");
    await type(page, `indicators[${q}].target`, "群众满意");
    await type(page, `indicators[${q}].actual`, "较为满意");
    await type(page, `indicators[${q}].weight`, "5");
    // Scored by judgement: its own box, labelled with its range, in the row.
    const label = page.locator(`label[for]`).filter({ hasText: "手工打分（0–5）" });
    assert.equal(await label.count(), 1, "a labelled score box");
    assert.equal(await label.isVisible(), true);
    await type(page, `indicators[${q}].score`, "4");
    assert.equal(await num(page, `score-${q}`), "4.00");
    assertClean(app);
  });
});
