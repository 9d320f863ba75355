// The seed example in the editor: its results, their explanations, a live recomputation as an amount
// is typed, and an amount that is not a number kept as typed, named as an error, and never scored.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, download, field, findingCodes, num, reloadApp, text, type, useSite, valueOf, waitSaved, withExample } from "./form_helpers.mjs";

const env = useSite();

test("the example shows 97.66 / 优 against the stated 差, and typing the spent amount rescores it", async () => {
  await withExample(env, async (app) => {
    const { page } = app;

    assert.equal(await num(page, "total"), "97.66");
    assert.equal(await num(page, "grade"), "优");
    assert.equal(await text(page, "[data-testid=declared-total]"), "97.66");
    assert.equal(await text(page, "[data-testid=declared-grade]"), "差");
    assert.ok((await findingCodes(page)).includes("grade.contradicts_total"), "finding grade.contradicts_total");
    assert.equal(await valueOf(page, "funds.rows[0].spent"), "536.23");
    assert.equal(await num(page, "row-score-budget_execution"), "1.66");
    assert.equal(await num(page, "execution-rate"), "55.28%");

    // The finding leads to its field.
    const finding = page.locator('li.finding[data-code="grade.contradicts_total"]');
    await finding.getByRole("button", { name: "转到：所填结果 · 等次" }).click();
    assert.doesNotMatch(await finding.innerText(), /declared\.grade|grade\.contradicts_total/, "no path or code on screen (they are in the closed 代码 line)");
    assert.match(await finding.innerText(), /依据：《项目支出绩效评价管理办法》（财预〔2020〕10号）/);
    await page.waitForFunction(() => document.activeElement?.dataset.path === "declared.grade");
    assert.equal(await valueOf(page, "declared.grade"), "差");
    // …in full view, below the sticky toolbar.
    const seen = await page.evaluate(() => {
      const f = document.activeElement.getBoundingClientRect();
      const bar = document.querySelector("nav.toolbar").getBoundingClientRect();
      return f.top >= bar.bottom && f.bottom <= innerHeight;
    });
    assert.equal(seen, true, "the field is in view below the toolbar");

    // A row's explanation in a table opens inside its cell: nothing of it under the next column.
    const cellNum = page.locator("main td details.num").nth(6);
    await cellNum.scrollIntoViewIfNeeded();
    await cellNum.locator("summary").click();
    await cellNum.locator(".explain").evaluate((el) => el.scrollIntoView({ block: "center" }));
    const inCell = await cellNum.locator(".explain").evaluate((el) => {
      const r = el.getBoundingClientRect();
      const td = el.closest("td").getBoundingClientRect();
      const corner = document.elementFromPoint(r.right - 2, r.top + 2);
      return r.left >= td.left && r.right <= td.right && el.scrollWidth <= el.clientWidth && el.contains(corner);
    });
    assert.equal(inCell, true, "the explanation is whole and on top");
    await cellNum.locator("summary").click();

    // A number opens its explanation when clicked.
    const total = page.locator("[data-testid=total]");
    assert.equal(await total.locator(".explain").isVisible(), false, "the explanation starts closed");
    await total.locator("summary").click();
    assert.equal(await total.evaluate((d) => d.open), true);
    assert.equal(await total.locator(".explain").isVisible(), true);
    assert.equal((await total.locator(".explain").textContent()).trim(), "18.66 + 20.00 + 29.00 + 30.00 = 97.66");

    const budget = page.locator("[data-testid=row-score-budget_execution] details.num");
    await budget.locator("summary").click();
    assert.equal(await budget.locator(".explain").isVisible(), true);
    assert.match(await budget.locator(".explain").textContent(), /536\.23 ÷ 969\.94 = 55\.28%/);

    // Typing the spent amount, key by key, with nothing else done (no Enter, no leaving the field).
    const spent = page.locator(field("funds.rows[0].spent"));
    await spent.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("969.94");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=row-score-budget_execution] .num-value")?.textContent.trim() === "3.00",
      null,
      { timeout: 5_000 },
    );
    assert.equal(await spent.inputValue(), "969.94", "the field shows what was typed");
    assert.equal(await spent.evaluate((el) => el === document.activeElement), true, "the field keeps the focus");
    assert.equal(await num(page, "row-score-budget_execution"), "3.00");
    assert.equal(await num(page, "execution-rate"), "100.00%");
    assert.equal(await num(page, "total"), "99.00");
    assert.match(await budget.locator(".explain").textContent(), /969\.94 ÷ 969\.94 = 100\.00%/);
    assert.equal((await total.locator(".explain").textContent()).trim(), "20.00 + 20.00 + 29.00 + 30.00 = 99.00");

    assertClean(app);
  });
});

test("an amount that is not a number stays as typed, is an error naming its field, and every number that depends on it waits", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    // "48,6" typed key by key over the amount spent: "4", "48" and "48," pass on the way.
    const spent = page.locator(field("funds.rows[0].spent"));
    await spent.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("48,6");
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-invalid") === "true", field("funds.rows[0].spent"));
    assert.equal(await spent.inputValue(), "48,6", "what was typed stays in the field");
    const notes = page.locator(`#${await spent.getAttribute("aria-describedby")}`);
    assert.equal(await notes.isVisible(), true, "the message is shown under the field");
    assert.match(await notes.textContent(), /市级预算资金·实际支出资金：“48,6”不是数字/);
    // Nothing is scored from 48 (or from the 536.23 the field held before): the numbers wait.
    assert.equal(await num(page, "total"), "—");
    assert.equal(await num(page, "execution-rate"), "—");
    assert.equal(await num(page, "row-score-budget_execution"), "—");
    assert.match(await text(page, "[data-testid=total]"), /待修正/);
    const total = page.locator("[data-testid=total]");
    await total.locator("summary").click();
    assert.match(await total.locator(".explain").textContent(), /待修正：市级预算资金·实际支出资金“48,6”不是数字/);
    // An error in the findings panel names the field.
    assert.ok((await findingCodes(page)).includes("value.unread"), "an error in the findings panel");
    assert.match(await text(page, 'li.finding[data-code="value.unread"]'), /实际支出资金：“48,6”不是数字/);
    // Another field edited: the amount stays as typed (no earlier number comes back).
    await type(page, "header.project", "交警支队专项业务经费（改）");
    await spent.blur();
    assert.equal(await spent.inputValue(), "48,6");
    // A reload brings the draft back as typed, still waiting.
    await waitSaved(page);
    await reloadApp(page, field("funds.rows[0].spent"));
    assert.equal(await valueOf(page, "funds.rows[0].spent"), "48,6");
    assert.equal(await num(page, "total"), "—");
    // The exported file carries what was typed.
    const { text: exported } = await download(page, page.locator("nav.toolbar").getByRole("button", { name: "导出 JSON" }));
    const form = JSON.parse(exported);
    assert.equal(form.schema_version, 2);
    assert.equal(form.funds.rows[0].typed.spent, "48,6");
    assert.equal(form.funds.rows[0].spent, undefined, "no number for it");
    // Fixed, everything is computed again.
    await type(page, "funds.rows[0].spent", "48.6");
    await page.waitForFunction(() => document.querySelector("[data-testid=total] .num-value")?.textContent !== "—");
    assert.equal(await num(page, "execution-rate"), "5.01%");
    assert.equal(await page.locator(field("funds.rows[0].spent")).getAttribute("aria-invalid"), null);
    assertClean(app);
  });
});

test("amounts are read as finance clerks write them, and an empty amount spent is an error", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    // Thousands separators (also full-width), kept as typed, scored as the number.
    await type(page, "funds.rows[0].budget", "1，000.50");
    await page.locator(field("funds.rows[0].budget")).blur();
    assert.equal(await valueOf(page, "funds.rows[0].budget"), "1，000.50");
    assert.equal(await num(page, "execution-rate"), "53.60%");
    // An amount in 元 in a 万元 column is converted, and the explanation says so.
    await type(page, "funds.rows[0].spent", "5,362,300元");
    assert.equal(await num(page, "execution-rate"), "53.60%");
    const spentTotal = await page.locator("[data-testid=funds-total-spent] .explain").textContent();
    assert.match(spentTotal, /536\.23（5,362,300元）/, spentTotal);
    // A comma that is not a thousands separator is not one.
    await type(page, "funds.rows[0].budget", "1,00");
    assert.ok((await findingCodes(page)).includes("value.unread"));
    await type(page, "funds.rows[0].budget", "969.94");
    // The amount spent cleared: an error naming the field (the other rows' 0.00 still count, so
    // the rate is what the form shows: 0 of 969.94).
    await type(page, "funds.rows[0].spent", "");
    assert.ok((await findingCodes(page)).includes("value.missing"), "value.missing");
    assert.match(await text(page, 'li.finding[data-code="value.missing"]'), /市级预算资金·实际支出资金未填写/);
    assert.equal(await num(page, "execution-rate"), "0.00%");
    assertClean(app);
  });
});

test("a refused amount replaced at once by a number clears the error", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const spent = page.locator(field("funds.rows[0].spent"));
    await spent.fill("12a");
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-invalid") === "true", field("funds.rows[0].spent"));
    assert.equal(await num(page, "total"), "—");
    // Pasting the amount the form held before (536.23) in one go.
    await spent.fill("536.23");
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-invalid") === null, field("funds.rows[0].spent"));
    assert.equal(await spent.inputValue(), "536.23", "the field shows the number just entered");
    assert.equal(await num(page, "total"), "97.66");
    assertClean(app);
  });
});
