// Rows pasted from a spreadsheet: tab-separated lines typed into #paste-rows become indicator rows.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, num, useSite, valueOf, withApp } from "./form_helpers.mjs";

const env = useSite();

test("two tab-separated lines pasted into a new central-2020 form become two scored rows", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.click('[data-profile="central-2020"]');
    await page.waitForSelector("#paste-rows");
    const rows = page.locator("table.indicator-table tr[data-row]");
    const before = await rows.count();

    // 三级指标, 目标值, 实际完成值, 分值, 得分, 偏差原因 — as copied from Excel or WPS.
    const lines = ["培训人次\t≥500人次\t520人次\t10\t", "群众满意度\t≥90%\t85%\t10\t\t宣传不足，下年加强"];
    const button = page.getByRole("button", { name: "粘贴为指标行", exact: true });
    assert.equal(await button.isDisabled(), true, "nothing to paste yet");
    await page.fill("#paste-rows", lines.join("\n"));
    await button.click();
    await page.waitForFunction((n) => document.querySelectorAll("table.indicator-table tr[data-row]").length === n, before + 2);
    assert.equal(await page.inputValue("#paste-rows"), "", "the paste box is emptied");

    const [a, b] = [before, before + 1];
    assert.equal(await rows.nth(a).getAttribute("class"), "level-3");
    assert.equal(await rows.nth(b).getAttribute("class"), "level-3");
    const expected = {
      [`indicators[${a}].name`]: "培训人次",
      [`indicators[${a}].target`]: "≥500人次",
      [`indicators[${a}].actual`]: "520人次",
      [`indicators[${a}].weight`]: "10",
      [`indicators[${a}].score`]: "",
      [`indicators[${b}].name`]: "群众满意度",
      [`indicators[${b}].target`]: "≥90%",
      [`indicators[${b}].actual`]: "85%",
      [`indicators[${b}].weight`]: "10",
      [`indicators[${b}].deviation_reason`]: "宣传不足，下年加强",
    };
    for (const [path, value] of Object.entries(expected)) assert.equal(await valueOf(page, path), value, path);

    // The rows are scored from what was pasted.
    assert.equal(await num(page, `score-${a}`), "10.00");
    assert.equal(await num(page, `score-${b}`), "9.44");
    assert.match(await page.locator(`[data-testid=score-${b}] .explain`).textContent(), /85% ÷ 90% = 94\.44%/);
    assertClean(app);
  });
});
