// Limits that hold: the largest form the format allows (1 000 rows in each list, a file just under
// 2 MB, texts up to Excel's 32 767 characters) opens, takes an edit, is saved in this browser, exports
// as JSON and as Excel and prints; one row more is refused before the rows are read, with a message.
import { test } from "node:test";
import assert from "node:assert/strict";

import { EXAMPLE, assertClean, download, field, num, type, useSite, waitSaved, withApp } from "./form_helpers.mjs";

const env = useSite();
const MAX_ROWS = 1000;
const MAX_BYTES = 2 * 1024 * 1024;

/** The example grown to `rows` rows in each list and to just under the size limit. */
function largest(rows = MAX_ROWS) {
  const form = structuredClone(EXAMPLE);
  const template = form.indicators.findLast((r) => r.level === 3);
  let n = 0;
  while (form.indicators.length < rows) {
    form.indicators.push({ ...template, id: `extra-${n}`, name: `增补指标 ${n}`, deviation_reason: "" });
    n += 1;
  }
  for (let i = form.funds.rows.length; i < rows; i++) {
    form.funds.rows.push({ source: `资金来源 ${i}`, budget: "0", spent: "0" });
  }
  form.evaluators = Array.from({ length: rows }, (_, i) => ({ name: `评价人 ${i}`, title: "科员" }));
  // Text up to the size limit, in fields no longer than an Excel cell holds.
  const size = () => Buffer.byteLength(JSON.stringify(form, null, 2), "utf8");
  let i = 0;
  while (size() < MAX_BYTES - 40_000 && i < form.indicators.length) {
    if (form.indicators[i].level === 3) form.indicators[i].note = "说明".repeat(2000);
    i += 1;
  }
  form.narratives.overview = (form.narratives.overview ?? "") + "概".repeat(Math.floor((MAX_BYTES - 2_000 - size()) / 3));
  return form;
}

test("the largest form opens, takes an edit, is saved, exports and prints", { timeout: 300_000 }, async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const form = largest();
    const text = JSON.stringify(form, null, 2);
    const bytes = Buffer.byteLength(text, "utf8");
    assert.ok(bytes > MAX_BYTES - 4_000 && bytes <= MAX_BYTES, `${bytes} bytes`);
    await page.setInputFiles("#import-file", { name: "largest.json", mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
    await page.waitForSelector(field(`indicators[${MAX_ROWS - 1}].name`), { timeout: 60_000 });
    assert.match(await num(page, "total"), /^\d+\.\d\d$/);

    // An edit, saved in this browser.
    await type(page, "header.project", "最大表单");
    await waitSaved(page);
    const saved = await page.evaluate(() => {
      const id = localStorage.getItem("ziping:open");
      return localStorage.getItem(`ziping:draft:${id}`);
    });
    const kept = JSON.parse(saved);
    assert.equal(kept.header.project, "最大表单");
    assert.equal(kept.indicators.length, MAX_ROWS);

    // JSON and Excel.
    const json = await download(page, "[data-testid=export]");
    const exported = JSON.parse(json.text);
    assert.equal(exported.indicators.length, MAX_ROWS);
    assert.equal(exported.funds.rows.length, MAX_ROWS);
    assert.equal(exported.evaluators.length, MAX_ROWS);
    assert.equal(exported.narratives.overview, form.narratives.overview);
    const xlsx = await download(page, "[data-testid=export-xlsx]");
    assert.equal(xlsx.name, "最大表单-2021.xlsx");
    assert.equal(xlsx.bytes.subarray(0, 2).toString("latin1"), "PK", "a workbook");

    // Print.
    await page.click("[data-testid=print-preview]");
    await page.waitForSelector("[data-testid=print-sheet]", { timeout: 60_000 });
    const sheet = await page.locator("[data-testid=print-sheet]").textContent();
    assert.ok(sheet.includes(`增补指标 ${MAX_ROWS - EXAMPLE.indicators.length - 1}`), "the last row is printed");
    assert.ok(sheet.includes(`评价人 ${MAX_ROWS - 1}`), "the last evaluator is printed");
    assertClean(app);
  });
});

test("one row over the limit is refused before the rows are read, naming the list", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const form = structuredClone(EXAMPLE);
    form.evaluators = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ name: `评价人 ${i}` }));
    await page.setInputFiles("#import-file", { name: "over.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(form), "utf8") });
    const report = page.locator("section.import-report");
    await report.waitFor();
    const shown = await report.textContent();
    assert.match(shown, /行数 1001 超过上限 1000/);
    assert.match(shown, /evaluators|评价人员/);
    assert.equal(await page.locator("main#main.start").count(), 1, "nothing opened");
    assertClean(app);
  });
});
