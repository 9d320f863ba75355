// The one-file edition (dist/ziping-offline.html, tools/offline.mjs) opened from file:// with every
// network request blocked: a new form typed into, a JSON file imported, the example scores 97.66, the form exports as JSON and as a workbook (the
// export worker from a blob:), autosave keeps it across a reload, print preview shows the sheet, and
// the review desk reads a form file and a workbook (the import worker from a blob:). Its
// Content-Security-Policy holds: any script or style it did not list by hash would log an error.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

import { DIST, ROOT, launchBrowser, waitForApp } from "./helpers.mjs";
import { EXAMPLE, EXAMPLE_PATH, download, num, openExample, text, waitSaved } from "./form_helpers.mjs";

const ONE_FILE = pathToFileURL(join(DIST, "ziping-offline.html")).href;
const WORKBOOK = join(ROOT, "crates/workbook/tests/workbooks/jinzhong-agency.xlsx");

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** A context where only file:, data: and blob: load; every other request is recorded and aborted. */
async function offlineContext() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN", acceptDownloads: true });
  await context.setOffline(true);
  const network = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (["file:", "data:", "blob:"].includes(url.protocol)) return route.continue();
    network.push(url.href);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  return { context, page, network, errors };
}

test("the one-file edition works from file:// with no network: example, JSON and xlsx export, autosave, print, desk", async () => {
  const { context, page, network, errors } = await offlineContext();
  try {
    await page.goto(ONE_FILE);
    await waitForApp(page);
    await page.waitForSelector("main#main.start");
    // Its own start page offers no download of itself and no profile editor (no page beside it).
    assert.equal(await page.locator("[data-testid=download-offline]").count(), 0);
    assert.equal(await page.locator("[data-testid=new-profile]").count(), 0);
    assert.match(await text(page, "main#main.start"), /单文件离线版不含规则编辑器/);
    assert.match(await text(page, "#import-h + p"), /单文件版直接打开工作簿中的第一份表/, "no preview page promised");

    // A new form, typed into.
    await page.click('[data-profile="central-2020"]');
    await page.waitForSelector("[data-testid=total]");
    await page.fill('[data-path="header.project"]', "离线新建的项目");
    await waitSaved(page);
    await page.click("text=← 返回首页");
    assert.match(await text(page, ".draft-list"), /离线新建的项目/);

    // A form file imported (JSON), then the example.
    await page.setInputFiles("#import-file", EXAMPLE_PATH);
    await page.waitForSelector("[data-testid=total] .num-value");
    assert.equal(await num(page, "total"), "97.66");
    await page.click("text=← 返回首页");
    await openExample(page);
    assert.equal(await num(page, "total"), "97.66");
    // No link to share: the edition's address is a file on this computer.
    assert.equal(await page.locator("[data-testid=copy-link]").count(), 0);

    const json = await download(page, "[data-testid=export]");
    const exported = JSON.parse(json.text);
    assert.equal(exported.header.project, EXAMPLE.header.project);
    assert.equal(exported.profile, EXAMPLE.profile);

    const xlsx = await download(page, "[data-testid=export-xlsx]");
    assert.equal(xlsx.name, "交警支队专项业务经费-2021.xlsx");
    assert.equal(xlsx.bytes.subarray(0, 2).toString("latin1"), "PK", "a zip (xlsx) file");
    assert.ok(xlsx.bytes.includes(Buffer.from("xl/workbook.xml")), "with a workbook in it");

    // Autosave: the draft is kept by this browser profile and reopens after a reload.
    await waitSaved(page);
    await page.reload();
    await waitForApp(page);
    await page.waitForSelector("[data-testid=total] .num-value");
    assert.equal(await num(page, "total"), "97.66");

    await page.click("[data-testid=print-preview]");
    await page.waitForSelector(".print-sheet");
    assert.match(await text(page, ".print-sheet"), /交警支队专项业务经费/);
    await page.click("[data-testid=print-back]");
    await page.click("text=← 返回首页");

    // The review desk: a form file and a workbook (read by the import worker, from a blob:).
    await page.click("[data-testid=show-review]");
    await page.setInputFiles("#review-files", [EXAMPLE_PATH, WORKBOOK]);
    await page.waitForFunction(() => document.querySelectorAll("table.review-table tbody tr").length >= 2, null, { timeout: 60_000 });
    const rows = await page.locator("table.review-table tbody tr").allTextContents();
    assert.ok(rows.some((r) => r.includes("97.66")), `the example's row: ${rows.join(" | ")}`);
    assert.ok(rows.some((r) => r.includes("jinzhong-agency.xlsx")), `the workbook's row: ${rows.join(" | ")}`);

    // No service worker on file://, and nothing offered.
    assert.equal(await page.locator(".update-prompt").count(), 0);
    assert.deepEqual(network, [], "requests to any network");
    assert.deepEqual(errors, [], "console errors (a Content-Security-Policy violation is one)");
  } finally {
    await context.close();
  }
});

test("the one-file edition opens a workbook from the editor's import through its own import worker", async () => {
  const { context, page, network, errors } = await offlineContext();
  try {
    await page.goto(ONE_FILE);
    await waitForApp(page);
    await page.setInputFiles("#import-file", WORKBOOK);
    await page.waitForSelector("[data-testid=total] .num-value", { timeout: 60_000 });
    assert.match(await text(page, "#form-title"), /绩效自评表/);
    assert.deepEqual(network, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
