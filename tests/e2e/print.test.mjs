// The print view: the open form in its profile's official layout, printed to A4 PDF by Chromium (print
// media) and read back with poppler (pdftotext, pdftoppm, pdfinfo from Debian's poppler-utils):
// every section heading of the profile, the engine's total and grade, no input box anywhere on the
// sheet, the indicator table's head row again on the next page of a long form, the profile's page
// orientation, and docs/screenshots/print-page1.png (page 1 at 60 dpi) for the README.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { EXAMPLE, assertClean, axeReport, openExample, useSite, withApp, withExample } from "./form_helpers.mjs";

const env = useSite();
const OUT = join(ROOT, "docs", "screenshots");
const POPPLER = ["pdftotext", "pdftoppm", "pdfinfo"];
/** A4 in PostScript points. */
const A4 = { short: 595, long: 842 };

/** A built-in profile as the engine compiles it in. */
function profile(id) {
  return JSON.parse(readFileSync(join(ROOT, "crates", "engine", "src", "profile", "builtin", `${id}.json`), "utf8"));
}

before(() => {
  for (const tool of POPPLER) {
    const found = ["/usr/bin", "/usr/local/bin", "/bin"].some((dir) => existsSync(join(dir, tool)));
    assert.ok(found, `${tool} is missing: run \`tools/setup.sh test\` (apt-get install -y poppler-utils)`);
  }
});

/** Opens the print preview of the open form and waits for the sheet. */
async function openPreview(page) {
  await page.click("[data-testid=print-preview]");
  await page.waitForSelector("[data-testid=print-sheet]");
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Prints the page to PDF as Chromium prints it (print media, A4, the page's own @page size) into a
 * fresh folder; returns { dir, pdf, pages: [text of each page], size: [width, height] of page 1 }.
 */
async function printPdf(page) {
  await page.emulateMedia({ media: "print" });
  const dir = await mkdtemp(join(tmpdir(), "ziping-print-"));
  const pdf = join(dir, "form.pdf");
  await writeFile(pdf, await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
  await page.emulateMedia({ media: "screen" });
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  const pages = text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "1", pdf], { encoding: "utf8" });
  const [, w, h] = info.match(/Page\s+1 size:\s+([\d.]+) x ([\d.]+) pts/) ?? [];
  return { dir, pdf, pages, size: [Math.round(Number(w)), Math.round(Number(h))] };
}

/** Text without its layout: pdftotext -layout spreads table cells with spaces and line breaks. */
const flat = (s) => s.replace(/\s+/g, "");

test("the example prints as its official form: every section, 97.66 and 优, no input box", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await openPreview(page);
    const sheet = page.locator("[data-testid=print-sheet]");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main", "the focus moves to the preview");

    // Values as text: no input box, select or text area anywhere on the sheet.
    assert.equal(await sheet.locator("input, textarea, select, button").count(), 0, "form controls on the sheet");

    // Every section of the profile, in its order, under its official heading; the result after the
    // scoring table.
    const titles = profile("jinzhong-2021").sections.map((s) => s.title.zh);
    const headings = await sheet.locator("h2").allTextContents();
    assert.deepEqual(
      headings.filter((h) => h !== "评价结果"),
      titles,
      "the sheet's headings are the profile's sections in order",
    );
    assert.equal(headings.indexOf("评价结果"), headings.indexOf("评分表") + 1, "the result follows the scoring table");
    assert.equal((await page.locator("#print-title").textContent()).trim(), EXAMPLE.header.title);

    // The engine's numbers, as the editor showed them.
    assert.equal((await sheet.locator("[data-testid=print-total]").textContent()).trim(), "97.66");
    assert.equal((await sheet.locator("[data-testid=print-grade]").textContent()).trim(), "优");
    assert.equal((await sheet.locator("[data-testid=print-execution-rate]").textContent()).trim(), "55.28%");
    assert.equal((await sheet.locator("[data-testid=print-row-score-budget_execution]").textContent()).trim(), "1.66");
    assert.equal((await sheet.locator("[data-testid=print-block-input]").textContent()).trim(), "18.66");
    // 一级 and 二级 headings are merged cells: 产出指标 spans every indicator row of the example.
    const level3 = EXAMPLE.indicators.filter((r) => r.level === 3).length;
    assert.equal(await sheet.locator(`.print-indicator-table th.print-l1[rowspan="${level3}"]`).count(), 1);
    assert.equal(
      await sheet.locator(".print-indicator-table th.print-l2").count(),
      EXAMPLE.indicators.filter((r) => r.level === 2).length,
    );
    // Signature lines with the form's values.
    const signatures = flat(await sheet.locator(".print-signatures").textContent());
    for (const part of ["负责人：晋中市交警支队", "经办人：张铭轩", "填报日期：2022-07-02", "单位负责人(签章)："]) {
      assert.ok(signatures.includes(part), `signatures: ${part} in ${signatures}`);
    }

    // "Print" opens the browser's print dialog.
    await page.evaluate(() => {
      globalThis.__printed = 0;
      globalThis.print = () => {
        globalThis.__printed += 1;
      };
    });
    await page.getByRole("button", { name: "打印", exact: true }).click();
    assert.equal(await page.evaluate(() => globalThis.__printed), 1, "window.print() was called once");

    // Printed, the app's chrome is hidden and only the sheet is left.
    await page.emulateMedia({ media: "print" });
    for (const chrome of [".topbar", ".print-toolbar", ".skip-link"]) {
      assert.equal(await page.locator(chrome).isVisible(), false, `${chrome} is hidden in print`);
    }
    assert.equal(await sheet.isVisible(), true);
    assert.equal(
      await page.locator(".print-table thead").first().evaluate((el) => getComputedStyle(el).display),
      "table-header-group",
    );
    assert.equal(
      await page.locator(".print-table tbody tr").first().evaluate((el) => getComputedStyle(el).breakInside),
      "avoid",
    );

    const { dir, pdf, pages, size } = await printPdf(page);
    try {
      assert.deepEqual(size, [A4.short, A4.long], "A4 portrait, as the profile says");
      const all = flat(pages.join("\n"));
      for (const title of [...titles, "评价结果", EXAMPLE.header.title]) {
        assert.ok(all.includes(flat(title)), `the PDF shows the heading ${title}`);
      }
      assert.ok(all.includes("97.66"), "the PDF shows the total 97.66");
      assert.ok(all.includes("评价等次优"), "the PDF shows the grade 优");
      assert.ok(all.includes("综合得分97.66"), "the PDF shows 综合得分 97.66");
      assert.ok(!all.includes("返回编辑") && !all.includes("纸张"), "no toolbar in the PDF");
      assert.ok(pages.length >= 2, `the example takes ${pages.length} pages`);

      // Page 1 as a picture, for the README.
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, join(dir, "page1")]);
      const png = readFileSync(join(dir, "page1.png"));
      // A4 at 60 dpi: 496 × 702 pixels (PNG width and height are the big-endian words at 16 and 20).
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [496, 702]);
      await mkdir(OUT, { recursive: true });
      await copyFile(join(dir, "page1.png"), join(OUT, "print-page1.png"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // Back to editing: the editor, with the same numbers.
    await page.getByRole("button", { name: "← 返回编辑" }).click();
    await page.waitForSelector("[data-testid=total] .num-value");
    assert.equal((await page.locator("[data-testid=total] .num-value").textContent()).trim(), "97.66");
    assertClean(app);
  });
});

test("a form over several pages repeats the indicator table's head row on every page it reaches", async () => {
  // The example with 40 more indicator rows, imported as a file.
  const form = structuredClone(EXAMPLE);
  const added = Array.from({ length: 40 }, (_, k) => `补充指标${String(k + 1).padStart(2, "0")}`);
  added.forEach((name, k) => {
    form.indicators.push({ id: `extra${k + 1}`, level: 3, name, target: `${k + 1}个`, actual: `${k + 1}个` });
  });
  await withApp(env, async (app) => {
    const { page } = app;
    await page.setInputFiles("#import-file", {
      name: "long.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(form)),
    });
    await page.waitForSelector("[data-testid=total] .num-value");
    await openPreview(page);
    // One printed row per level-3 indicator (every heading of the example has indicators under it).
    const rows = form.indicators.filter((r) => r.level === 3).length;
    assert.equal(await page.locator("[data-testid=print-sheet] .print-indicator-table tbody tr").count(), rows);

    const { dir, pages } = await printPdf(page);
    try {
      const heads = ["一级指标", "二级指标", "三级指标", "目标值", "实际完成值", "完成进度"];
      const flatPages = pages.map(flat);
      const start = flatPages.findIndex((p) => p.includes("绩效目标实现情况"));
      assert.ok(start >= 0, "the indicator section is printed");
      // The pages the indicator table continues on: after its first page, up to the page with its last row.
      const last = flatPages.findIndex((p) => p.includes(added.at(-1)));
      assert.ok(last > start, `the indicator table runs from page ${start + 1} to page ${last + 1}`);
      for (let i = start; i <= last; i++) {
        for (const head of heads) {
          assert.ok(flatPages[i].includes(head), `page ${i + 1} repeats the column heading ${head}`);
        }
      }
      // The head row is printed once per page the table is on, never elsewhere (目标值 is only a
      // column heading of this table).
      assert.equal(flatPages.filter((p) => p.includes("实际完成值")).length, last - start + 1);
      // No row is cut in two: each added row's cells are on one page, on one line of the text.
      for (const [k, name] of added.entries()) {
        const on = flatPages.filter((p) => p.includes(name));
        assert.equal(on.length, 1, `${name} is on exactly one page`);
        const line = pages.find((p) => p.includes(name)).split("\n").find((l) => l.includes(name));
        assert.match(line, new RegExp(`${name}\\s+${k + 1}个\\s+${k + 1}个\\s+100%`), `row ${name} is whole`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    assertClean(app);
  });
});

test("a landscape profile prints on landscape A4, in English too", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.click('[data-profile="central-2020"]');
    await page.waitForSelector("[data-testid=total] .num-value");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("button", { name: "Print preview" }).click();
    await page.waitForSelector("[data-testid=print-sheet].landscape");
    assert.equal(await page.getByRole("button", { name: "Print", exact: true }).count(), 1);
    assert.equal(await page.getByRole("button", { name: "← Back to editing" }).count(), 1);
    const sheet = page.locator("[data-testid=print-sheet]");
    assert.equal(await sheet.locator("input, textarea, select, button").count(), 0);
    const titles = profile("central-2020").sections.map((s) => s.title.en);
    const headings = await sheet.locator("h2").allTextContents();
    assert.deepEqual(headings.filter((h) => h !== "Result"), titles);

    const { dir, pages, size } = await printPdf(page);
    try {
      assert.deepEqual(size, [A4.long, A4.short], "A4 landscape, as the profile says");
      const all = flat(pages.join("\n"));
      for (const title of titles) assert.ok(all.includes(flat(title)), `the PDF shows the heading ${title}`);
      assert.ok(all.includes("Level-3indicator"), "the indicator table's column headings");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    assertClean(app);
  });
});

test("the print preview has no axe-core violation, in Chinese and in English", async () => {
  await withApp(
    env,
    async (app) => {
      const { page } = app;
      await openExample(page);
      await openPreview(page);
      const violations = async () => (await axeReport(page)).map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.join(", ")}`);
      assert.deepEqual(await violations(), []);
      await page.click(".lang-switch");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      assert.deepEqual(await violations(), [], "in English");
      assertClean(app);
    },
    // axe-core is injected into the page, which the page's Content-Security-Policy would refuse.
    { bypassCSP: true },
  );
});
