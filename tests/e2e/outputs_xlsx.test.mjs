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
