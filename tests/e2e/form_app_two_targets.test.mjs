// A layout with two target columns (年初指标值, 调整后指标值), from a custom profile that extends a
// built-in one in a few lines: the table shows both, and a target made easier is flagged.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, field, findingCodes, type, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();

const PROFILE = {
  format: "ziping-profile",
  id: "two-targets",
  extends: "central-2020",
  name: "项目支出绩效自评表（年初与调整后指标值）",
  indicators: { initial_target_column: true },
};

test("a profile that extends a built-in adds the initial target column, and a lowered target is flagged", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.setInputFiles("#import-profile", { name: "two-targets.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(PROFILE), "utf8") });
    const button = page.locator('[data-profile="two-targets"]');
    await button.waitFor();
    await button.click();
    await page.waitForSelector(field("header.project"));
    const heads = (await page.locator(".indicator-table thead th").allTextContents()).map((h) => h.trim());
    assert.ok(heads.includes("年初指标值") && heads.includes("调整后指标值"), heads.join(" | "));
    await page.getByRole("button", { name: "添加指标", exact: true }).click();
    const path = await page.locator('[data-path$=".initial_target"]').last().getAttribute("data-path");
    const i = Number(path.match(/indicators\[(\d+)\]/)[1]);
    await type(page, `indicators[${i}].name`, "培训人次");
    await type(page, `indicators[${i}].initial_target`, "≥200人次");
    await type(page, `indicators[${i}].target`, "≥150人次");
    await type(page, `indicators[${i}].actual`, "160人次");
    await page.waitForFunction(() => [...document.querySelectorAll("section.findings li.finding")].some((li) => li.dataset.code === "indicator.target_lowered"));
    assert.ok((await findingCodes(page)).includes("indicator.target_lowered"));
    assertClean(app);
  });
});
