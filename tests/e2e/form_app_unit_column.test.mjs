// The 度量单位 column of the 10 + 90 layout: a bare number in 指标值 and 实际完成值 takes the row's unit,
// as the clerk types it, and the column prints.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, field, type, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();

test("a bare target and actual take the unit typed in the row's 度量单位", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.click('[data-profile="budget10-indicators90"]');
    await page.waitForSelector(field("header.project"));
    await page.getByRole("button", { name: "添加指标", exact: true }).click();
    const rows = await page.locator('[data-path$=".unit"]').count();
    assert.ok(rows > 0, "the unit column is there");
    const path = await page.locator('[data-path$=".unit"]').last().getAttribute("data-path");
    const i = Number(path.match(/indicators\[(\d+)\]/)[1]);
    await type(page, `indicators[${i}].name`, "群众满意度");
    await type(page, `indicators[${i}].target`, "95");
    await type(page, `indicators[${i}].actual`, "96");
    await type(page, `indicators[${i}].operator`, "≥");
    await type(page, `indicators[${i}].unit`, "%");
    await page.waitForFunction((i) => document.querySelector(`[data-testid=read-as-${i}]`)?.textContent.startsWith("95% → 96%"), i);

    await page.click("[data-testid=print-preview]");
    await page.waitForSelector("[data-testid=print-sheet]");
    const heads = await page.locator(".print-indicator-table thead th").allTextContents();
    assert.ok(heads.map((h) => h.trim()).includes("度量单位"), heads.join(" | "));
    assertClean(app);
  });
});
