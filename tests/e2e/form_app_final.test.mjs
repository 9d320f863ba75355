// A form with errors cannot pass as final: 定稿 is refused with the list of errors, and the print
// preview, the printed PDF and the Excel export of such a form say "未通过核查：N 个错误" on their face.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { assertClean, axeReport, download, num, text, type, useSite, valueOf, withExample } from "./form_helpers.mjs";
import { xlsxToRows } from "./soffice.mjs";

const env = useSite();

/** Chooses a status in the header's select, as a person does. */
async function chooseStatus(page, value) {
  await page.selectOption("#form-status", value);
}

test("定稿 is refused while errors remain, with the errors listed; fixed, it is taken", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await chooseStatus(page, "draft");
    await page.waitForFunction(() => document.querySelector("#form-status").value === "draft");
    // The example states 差 for 97.66: one error.
    await chooseStatus(page, "final");
    const refused = page.locator("[data-testid=final-refused]");
    await refused.waitFor();
    assert.match(await refused.textContent(), /未通过核查：1 个错误，不能定稿/);
    assert.match(await refused.textContent(), /等次填为“差”/);
    assert.equal(await page.locator("#form-status").inputValue(), "draft", "the select still shows 草稿");
    const serious = (await axeReport(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(serious, [], "no serious axe-core violation with the refusal shown");
    // The listed error leads to its field.
    await refused.getByRole("button", { name: "转到" }).first().click();
    await page.waitForFunction(() => document.activeElement?.dataset.path === "declared.grade");
    // Fixed, 定稿 is taken.
    await type(page, "declared.grade", "优");
    await chooseStatus(page, "final");
    await page.waitForFunction(() => document.querySelector("#form-status").value === "final");
    assert.equal(await valueOf(page, "status"), "final");
    assertClean(app);
  }, { bypassCSP: true }); // axe-core is injected as a script
});

test("the print preview, the printed page and the Excel export of a form with errors say so", { timeout: 120_000 }, async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    // Two errors: the stated grade, and an amount that does not read.
    await type(page, "funds.rows[0].spent", "536,23");
    assert.equal(await num(page, "total"), "—");
    const xlsx = await download(page, "[data-testid=export-xlsx]");
    const rows = await xlsxToRows(xlsx.path);
    assert.equal(rows[1][0], "未通过核查：2 个错误（Not checked: 2 errors）");

    await page.click("[data-testid=print-preview]");
    await page.waitForSelector("[data-testid=print-sheet]");
    assert.equal(await text(page, "[data-testid=print-unchecked]"), "未通过核查：2 个错误");
    await page.emulateMedia({ media: "print" });
    const dir = await mkdtemp(join(tmpdir(), "ziping-final-"));
    const pdf = join(dir, "form.pdf");
    await writeFile(pdf, await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
    await page.emulateMedia({ media: "screen" });
    const printed = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    assert.ok(printed.includes("未通过核查：2个错误"), "the printed page says it");
    // In English too.
    await page.click("[data-testid=print-back]");
    await page.locator(".lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.click("[data-testid=print-preview]");
    await page.waitForSelector("[data-testid=print-sheet]");
    assert.equal(await text(page, "[data-testid=print-unchecked]"), "Not checked: 2 errors");
    assertClean(app);
  });
});
