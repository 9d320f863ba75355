// Filled Excel/WPS forms, as a clerk and a reviewer bring them: a workbook chosen on the start screen
// opens the workbook preview page, which shows the profile recognised and the cell of every field
// before anything changes; accepting opens the form in the app as a new draft, cancelling leaves the
// app as it was; a workbook with no form says what was looked for. The review desk reads a folder of
// workbooks and forms together, and `window.ziping.readWorkbook` reads one from a script. The
// workbooks are the ones saved by LibreOffice in crates/workbook/tests/workbooks/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { EXAMPLE_TEXT, assertClean, axeReport, num, openExample, text, useSite, valueOf, withApp } from "./form_helpers.mjs";

const env = useSite();
const BOOKS = join(ROOT, "crates", "workbook", "tests", "workbooks");
const BAD = join(ROOT, "crates", "workbook", "tests", "bad_workbooks");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const file = (dir, name) => ({ name, mimeType: XLSX, buffer: readFileSync(join(dir, name)) });

/** Chooses a workbook on the start screen and waits for the preview page. */
async function chooseWorkbook(page, dir, name, input = "#import-file") {
  await page.setInputFiles(input, file(dir, name));
  await page.waitForURL(/\/workbook-preview\/$/);
  await page.waitForSelector("main.workbook-page");
}

test("a unit's workbook is shown cell by cell, then opened as a draft scored as the command line scores it", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await chooseWorkbook(page, BOOKS, "jinzhong-agency.xlsx");
    await page.waitForSelector("[data-testid=workbook-preview]");
    assert.match(await text(page, "[data-testid=wb-profile]"), /晋中市财政支出项目绩效自评表/);
    assert.match(await text(page, "[data-testid=wb-result]"), /97\.66 · 优/);
    const rows = await page.locator("[data-testid=wb-mapping] tbody tr").allTextContents();
    assert.ok(rows.some((r) => r.includes("预算下达资金") && r.includes("自评表!E10") && r.includes("9,699,400元")), rows.join("\n"));
    assert.ok(rows.some((r) => r.includes("填报日期") && r.includes("2022-07-02")), "a date serial is a date");
    await page.click("[data-testid=wb-unused] summary");
    assert.match(await text(page, "[data-testid=wb-unused]"), /注：1\. 金额单位为万元/);
    assert.deepEqual(await axeReport(page), [], "no axe-core violation on the preview page");
    // Accepted: the app opens the form as a new draft.
    await page.click("[data-testid=wb-accept]");
    await page.waitForURL((u) => !u.pathname.includes("workbook-preview"));
    await page.waitForSelector("[data-path='header.project']");
    assert.equal(await valueOf(page, "header.project"), "交警支队专项业务经费");
    assert.equal(await num(page, "total"), "97.66");
    assert.equal(await num(page, "grade"), "优");
    const codes = await page.locator("[data-code]").evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.ok(codes.includes("grade.contradicts_total"), codes.join(" "));
    // It is a draft of this browser: the start screen lists it.
    await page.click("text=← 返回");
    await page.waitForSelector("main.start");
    assert.match(await page.locator("main.start").textContent(), /交警支队专项业务经费/);
    assertClean(app);
  }, { bypassCSP: true });
});

test("cancelling changes nothing; of two forms on a sheet the one chosen opens; a workbook with no form says what was looked for", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await openExample(page);
    const before = await valueOf(page, "header.project");
    await page.click("text=← 返回");
    await page.waitForSelector("main.start");
    await chooseWorkbook(page, BOOKS, "central-two-forms.xls");
    await page.waitForSelector("[data-testid=workbook-preview]");
    await page.click("[data-testid=wb-cancel]");
    await page.waitForSelector("main.start");
    const drafts = await page.locator("main.start").textContent();
    assert.ok(!drafts.includes("国省干线公路养护") && !drafts.includes("农村公路养护"), "nothing was imported");
    assert.ok(drafts.includes(before), "the draft already there is kept");

    await chooseWorkbook(page, BOOKS, "central-two-forms.xls");
    await page.locator(".wb-choice input").nth(1).check();
    assert.match(await text(page, "[data-testid=wb-result]"), /98\.00/);
    await page.click("[data-testid=wb-accept]");
    await page.waitForSelector("[data-path='header.project']");
    assert.equal(await valueOf(page, "header.project"), "农村公路养护");
    assert.equal(await num(page, "total"), "98.00");

    // No form at all: every sheet says what it lacked; nothing is opened.
    await page.goto(new URL("workbook-preview/", page.url()).href);
    await page.waitForSelector("main.workbook-page");
    await page.setInputFiles("#wb-file", file(BOOKS, "not-a-form.xlsx"));
    await page.waitForSelector(".import-report");
    const report = await text(page, ".import-report");
    assert.match(report, /未找到自评表/);
    assert.match(report, /项目名称/);
    assert.equal(await page.locator("[data-testid=workbook-preview]").count(), 0);
    // A zip bomb: refused before anything is unpacked.
    await page.setInputFiles("#wb-file", file(BAD, "zip-bomb.xlsx"));
    await page.waitForFunction(() => /压缩炸弹/.test(document.querySelector(".import-report")?.textContent ?? ""));
    assertClean(app);
  });
});

test("the review desk reads forms and workbooks together, each workbook's forms as rows, and names the workbooks that hold none", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.click("[data-testid=show-review]");
    await page.waitForSelector("#review-files", { state: "attached" });
    await page.setInputFiles("#review-files", [
      { name: "seed.json", mimeType: "application/json", buffer: Buffer.from(EXAMPLE_TEXT, "utf8") },
      file(BOOKS, "central-two-forms.ods"),
      file(BOOKS, "budget10-per-sheet.xlsx"),
      file(BOOKS, "not-a-form.xls"),
      file(BAD, "encrypted.xlsx"),
    ]);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=review-table] tbody tr").length === 5, null, { timeout: 60_000 });
    const table = await text(page, "[data-testid=review-table]");
    for (const project of ["交警支队专项业务经费", "国省干线公路养护", "农村公路养护", "新品种推广", "示范基地建设"]) {
      assert.ok(table.includes(project), project);
    }
    assert.ok(table.includes("central-two-forms.ods · 汇总 #2"), "a workbook's forms are named by file and sheet");
    const unreadable = await text(page, "[data-testid=review-unreadable]");
    assert.match(unreadable, /not-a-form\.xls[\s\S]*未找到自评表/);
    assert.match(unreadable, /encrypted\.xlsx[\s\S]*密码/);
    assertClean(app);
  });
});

test("window.ziping.readWorkbook reads a workbook as the desk does; its forms evaluate as files do", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const bytes = [...readFileSync(join(BOOKS, "central-two-forms.xlsx"))];
    const bad = [...readFileSync(join(BOOKS, "not-a-form.xlsx"))];
    const got = await page.evaluate(async ([b, n]) => {
      const read = await window.ziping.readWorkbook(new Uint8Array(b), "two.xlsx");
      const forms = read.read.forms.map((f) => ({
        name: f.name,
        profile: f.profile,
        total: window.ziping.evaluate(f.form).total.shown,
        cell: f.mapping.find((m) => m.path === "header.project").cell,
      }));
      const none = await window.ziping.readWorkbook(new Uint8Array(n).buffer, "note.xlsx");
      let refused = "";
      try {
        await window.ziping.readWorkbook("not bytes");
      } catch (e) {
        refused = e.message;
      }
      return { forms, none: none.unreadable.problems[0].message.en, refused };
    }, [bytes, bad]);
    assert.deepEqual(got.forms, [
      { name: "two.xlsx · 汇总 #1", profile: "central-2020", total: "99.00", cell: "汇总!C3" },
      { name: "two.xlsx · 汇总 #2", profile: "central-2020", total: "98.00", cell: "汇总!C24" },
    ]);
    assert.match(got.none, /no form found: looked for the labels/);
    assert.match(got.refused, /ArrayBuffer or a Uint8Array/);
    assertClean(app);
  });
});

test("screenshots of the workbook preview at 1366, 390 and 200 %, in zh and en", async () => {
  for (const [name, options, en] of [
    ["1366", {}, false],
    ["390-en", { viewport: { width: 390, height: 844 } }, true],
    ["200", { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }, false],
    ["1366-en", {}, true],
  ]) {
    await withApp(
      env,
      async (app) => {
        const { page } = app;
        await chooseWorkbook(page, BOOKS, "central-two-forms.xlsx");
        await page.waitForSelector("[data-testid=workbook-preview]");
        if (en) {
          await page.click(".lang-switch");
          await page.waitForFunction(() => /Recognised as/.test(document.querySelector("[data-testid=wb-profile]")?.textContent ?? ""));
        }
        await page.screenshot({ path: join(ROOT, "target", `workbook-preview-${name}.png`), fullPage: false });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        assertClean(app);
      },
      options,
    );
  }
});
