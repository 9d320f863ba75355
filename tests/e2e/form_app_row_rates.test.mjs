// Each funds row's own 执行率 where the layout prints it (部门整体: 基本支出, 项目支出): on the page, as
// the clerk types, and in print; a row without a budget shows "—", never 0%.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, field, type, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();

test("a department-wide form shows each funds row's rate, and prints it", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.click('[data-profile="department-wide"]');
    await page.waitForSelector(field("funds.rows[0].budget"));
    await type(page, "funds.rows[0].budget", "200");
    await type(page, "funds.rows[0].spent", "150");
    await page.waitForFunction(() => document.querySelector("[data-testid=funds-row-rate-0]")?.textContent.includes("75.00%"));
    assert.equal((await page.locator("[data-testid=funds-row-rate-1]").textContent()).trim(), "—");
    assert.match(await page.locator("[data-testid=funds-total-rate]").textContent(), /75\.00%/);
    await type(page, "funds.rows[1].budget", "100");
    await type(page, "funds.rows[1].spent", "100");
    await page.waitForFunction(() => document.querySelector("[data-testid=funds-row-rate-1]")?.textContent.includes("100.00%"));
    assert.match(await page.locator("[data-testid=funds-total-rate]").textContent(), /83\.33%/);

    await page.click("[data-testid=print-preview]");
    await page.waitForSelector("[data-testid=print-sheet]");
    assert.equal((await page.locator("[data-testid=print-funds-row-rate-0]").textContent()).trim(), "75.00%");
    assert.equal((await page.locator("[data-testid=print-funds-row-rate-1]").textContent()).trim(), "100.00%");
    assertClean(app);
  });
});
