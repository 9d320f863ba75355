// The editor's "导出 Excel": the workbook the browser writes, recalculated by LibreOffice, shows the
// numbers the page shows.
import { test } from "node:test";
import assert from "node:assert/strict";

import { download, num, useSite, withExample } from "./form_helpers.mjs";
import { valueAfter, xlsxToRows } from "./soffice.mjs";

const env = useSite();

test("the seed exported as Excel recalculates to the page's numbers", { timeout: 120_000 }, async () => {
  await withExample(env, async ({ page }) => {
    assert.equal(await num(page, "total"), "97.66");
    const file = await download(page, "[data-testid=export-xlsx]");
    assert.equal(file.name, "交警支队专项业务经费-2021.xlsx");
    const rows = await xlsxToRows(file.path);
    const summary = rows.findIndex((r) => r[0] === "评价内容");
    assert.ok(summary > 0, "the workbook has the score summary");
    for (const [block, score] of [["投入", "18.66"], ["过程", "20.00"], ["产出", "29.00"], ["效果", "30.00"]]) {
      assert.equal(valueAfter(rows, block, summary), score, block);
    }
    assert.equal(valueAfter(rows, "总分", summary), await num(page, "total"));
    assert.equal(valueAfter(rows, "评价等次", summary), await num(page, "grade"));
    assert.ok(rows.some((r) => r.includes("交警支队专项业务经费")), "the project name is in the header");
  });
});

test("a text too long for an Excel cell: the export says which field, of which file, in the page's language", { timeout: 120_000 }, async () => {
  await withExample(env, async ({ page }) => {
    await page.locator("[data-path='narratives.overview']").fill("长".repeat(33_000));
    await page.click("[data-testid=export-xlsx]");
    const notice = page.locator(".notice.error").filter({ hasText: "32767" });
    await notice.waitFor({ timeout: 60_000 });
    const text = await notice.textContent();
    assert.match(text, /“交警支队专项业务经费-2021\.json”/, "the form's file");
    assert.match(text, /“项目概况”有 33000 个字符，超过 Excel 单元格的上限 32767/, "the field, in Chinese");
    assert.doesNotMatch(text, /the workbook could not be written/, "not in English on the Chinese page");
  });
});
