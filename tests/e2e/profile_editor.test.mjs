// The profile editor, as a clerk whose province grades differently would use it: start from a
// built-in profile, change a grade band and watch the sample form re-score, make a mistake and see it
// named at its path, save, export, and import the exported file in a fresh browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, axeReport, download, field, reloadApp, text, type, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();

/** Waits until the sample's grade (or total) shows `value`. */
function waitShown(page, testid, value) {
  return page.waitForFunction(
    ([id, v]) => document.querySelector(`[data-testid=${id}]`)?.textContent.trim() === v,
    [testid, value],
  );
}

async function startEditor(page, base) {
  await page.selectOption("#new-profile-base", base);
  await page.click("[data-testid=new-profile]");
  await page.waitForSelector("main.profile-editor");
}

test("a grade band changed re-scores the sample; a mistake is named at its path; the exported profile imports in a fresh browser", async () => {
  let exported;
  await withApp(env, async (app) => {
    const { page } = app;
    await startEditor(page, "jinzhong-2021");
    assert.equal(await page.inputValue(field("id")), "jinzhong-2021-local");
    assert.match(await text(page, "[data-testid=pe-sample-name]"), /交警/);
    assert.equal(await text(page, "[data-testid=pe-total]"), "97.66");
    assert.equal(await text(page, "[data-testid=pe-grade]"), "优");
    assert.equal(await text(page, "[data-testid=pe-status]"), "有未保存的更改");

    // 优 from 98: the sample, at 97.66, is now 良.
    await type(page, "grades[0].min", "98");
    await waitShown(page, "pe-grade", "良");
    assert.equal(await text(page, "[data-testid=pe-total]"), "97.66");

    // A weight typed wrong: named at its path beside the input and in the list, the sample marked
    // as scored under the last readable version; the list's entry takes the keyboard to the input.
    await type(page, "blocks[0].rows[0].weight", "3O");
    await page.waitForSelector("[data-testid=pe-problem-list]");
    const listed = await page.locator("[data-testid=pe-problem-list] li").allTextContents();
    assert.ok(listed.some((t) => t.includes("blocks[0].rows[0].weight")), listed.join("\n"));
    assert.equal(await page.getAttribute(field("blocks[0].rows[0].weight"), "aria-invalid"), "true");
    await page.waitForSelector(".pe-stale");
    await page.click("[data-testid=pe-problem-list] li button");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.path), "blocks[0].rows[0].weight");
    // A problem of a whole list (the weights of a block's rows) takes the keyboard to its first input.
    await type(page, "blocks[0].rows[0].weight", "30");
    await page.locator("[data-testid=pe-problem-list] li button", { hasText: "blocks[0].rows" }).first().click();
    assert.match(await page.evaluate(() => document.activeElement?.dataset.path), /^blocks\[0\]\.rows\[0\]/);
    // Saving is refused while the profile has problems.
    await page.click("[data-testid=pe-save]");
    assert.equal(await text(page, "[data-testid=pe-status]"), "有未保存的更改");

    // A weight moved between two computed rows of a block (到位率 3 → 2, 执行率 3 → 4): the block
    // still adds up, and the sample re-scores.
    await type(page, "blocks[0].rows[0].weight", "3");
    await type(page, "blocks[0].rows[3].weight", "2");
    await page.waitForSelector("[data-testid=pe-problem-list]");
    await type(page, "blocks[0].rows[5].weight", "4");
    await page.waitForSelector("[data-testid=pe-no-problems]");
    assert.equal(await page.locator(".pe-stale").count(), 0);
    const total = await text(page, "[data-testid=pe-total]");
    assert.notEqual(total, "97.66", "the sample re-scored under the moved weights");
    // A row label and a method: the row becomes a per-point deduction with its own fields.
    await type(page, "blocks[0].rows[0].name.zh", "立项程序规范性（本地）");
    await page.selectOption(field("blocks[1].rows[0].method.kind"), "per_point");
    await page.waitForSelector(field("blocks[1].rows[0].method.limit"));
    await page.waitForSelector("[data-testid=pe-no-problems]");

    // Saved: kept in this browser, listed on the start screen, and still there after a reload.
    await page.click("[data-testid=pe-save]");
    await waitShown(page, "pe-status", "已保存");
    exported = await download(page, "[data-testid=pe-export]");
    assert.equal(exported.name, "jinzhong-2021-local.json");
    const file = JSON.parse(exported.text);
    assert.equal(file.extends, "jinzhong-2021");
    assert.equal(file.id, "jinzhong-2021-local");
    assert.deepEqual(file.grades.map((g) => g.min), ["98", "80", "60", "0"]);
    assert.equal(file.qualitative_bands, undefined, "only what differs is written");
    await page.click("[data-testid=pe-close]");
    await page.waitForSelector("main.start");
    await reloadApp(page, '[data-edit-profile="jinzhong-2021-local"]');
    await page.click('[data-edit-profile="jinzhong-2021-local"]');
    await page.waitForSelector("main.profile-editor");
    assert.equal(await page.inputValue(field("grades[0].min")), "98");
    assert.equal(await text(page, "[data-testid=pe-grade]"), "良");
    assert.equal(await text(page, "[data-testid=pe-total]"), total);
    assert.equal(await text(page, "[data-testid=pe-status]"), "已保存");

    // In English, and readable by assistive technology.
    await page.click(".lang-switch");
    await waitShown(page, "pe-status", "Saved");
    assert.equal(await text(page, ".pe-toolbar h1"), "Profile editor");
    assert.deepEqual(await axeReport(page), [], "no axe-core violation in the profile editor");
    assertClean(app);
  }, { bypassCSP: true });

  // A fresh browser: the exported file imports as a profile, a new form of it opens, and the editor
  // shows the same profile and the same re-scored sample.
  await withApp(env, async (app) => {
    const { page } = app;
    await page.setInputFiles("#import-profile", { name: exported.name, mimeType: "application/json", buffer: exported.bytes });
    await page.waitForSelector('[data-edit-profile="jinzhong-2021-local"]');
    await page.click('[data-edit-profile="jinzhong-2021-local"]');
    await page.waitForSelector("main.profile-editor");
    assert.equal(await page.inputValue(field("blocks[0].rows[0].name.zh")), "立项程序规范性（本地）");
    assert.equal(await text(page, "[data-testid=pe-grade]"), "良");
    await page.click("[data-testid=pe-close]");
    await page.click('[data-profile="jinzhong-2021-local"]');
    await page.waitForSelector("[data-testid=total]");
    assertClean(app);
  });
});

test("a file that is not a profile leaves the editor as it was; closing with unsaved changes asks first", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await startEditor(page, "central-2020");
    // The example is of another layout: the sample is a blank form of this one.
    assert.match(await text(page, "[data-testid=pe-sample-name]"), /空白表/);
    await type(page, "blocks[1].weight", "45");
    await page.waitForSelector("[data-testid=pe-problem-list]");
    await page.setInputFiles("#pe-open", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"extends": "nope"}') });
    await page.waitForSelector(".notice.error");
    assert.match(await text(page, ".notice.error"), /extends/);
    assert.equal(await page.inputValue(field("blocks[1].weight")), "45");
    // The example chosen as the sample: a form of another layout is scored as it is, with findings.
    await page.selectOption("#pe-sample-choose", "example");
    await page.waitForFunction(() => /交警/.test(document.querySelector("[data-testid=pe-sample-name]")?.textContent));
    // Closing: the page asks; dismissed, the editor stays.
    page.once("dialog", (d) => d.dismiss());
    await page.click("[data-testid=pe-close]");
    assert.equal(await page.locator("main.profile-editor").count(), 1);
    page.once("dialog", (d) => d.accept());
    await page.click("[data-testid=pe-close]");
    await page.waitForSelector("main.start");
    assert.equal(await page.locator("[data-edit-profile]").count(), 0, "nothing was saved");
    assertClean(app);
  });
});

test("screenshots of the profile editor at 1366, 390 and 200 %, in zh and en", async () => {
  for (const [name, options, en] of [
    ["1366", {}, false],
    ["390-en", { viewport: { width: 390, height: 844 } }, true],
    ["200", { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }, false],
  ]) {
    await withApp(
      env,
      async (app) => {
        const { page } = app;
        await startEditor(page, "jinzhong-2021");
        if (en) await page.click(".lang-switch");
        await type(page, "grades[0].min", "98");
        await type(page, "blocks[0].weight", "25");
        await page.waitForSelector("[data-testid=pe-problem-list]");
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(ROOT, "target", `profile-editor-${name}.png`) });
        // Nothing wider than the page.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        assertClean(app);
      },
      options,
    );
  }
});

test("a draft of the layout is the sample; the page without an address, or with an unknown profile, offers where to start", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    // A central-2020 draft in this browser: the editor of a central-2020 profile scores it.
    await page.click('[data-profile="central-2020"]');
    await page.waitForSelector(field("header.project"));
    await type(page, "header.project", "乡村道路养护项目");
    await page.waitForFunction(() => /已保存/.test(document.querySelector("[data-testid=save-status]")?.textContent));
    await page.click("text=← 返回");
    await page.waitForSelector("main.start");
    await startEditor(page, "central-2020");
    await page.waitForFunction(() => document.querySelector("[data-testid=pe-sample-name]")?.textContent.includes("乡村道路养护项目"));
    await page.waitForSelector("[data-testid=pe-total]");

    // An address naming a profile this browser does not keep (typed into the same page, which asks
    // first: the new profile is not saved): said, and where to start is offered.
    page.once("dialog", (d) => d.accept());
    await page.goto(`${env.site.url}profile-editor/#edit=nope`);
    await page.waitForSelector("[data-testid=pe-notice]");
    assert.match(await text(page, "[data-testid=pe-notice]"), /nope/);
    assert.equal(await page.locator("main.profile-editor").count(), 1, "the editor stays until another is chosen");
    await page.goto(`${env.site.url}profile-editor/`);
    await page.waitForSelector("[data-testid=pe-new]");
    await page.selectOption("#pe-base", "department-wide");
    await page.click("[data-testid=pe-new]");
    await page.waitForSelector("main.profile-editor");
    assert.equal(await page.inputValue(field("id")), "department-wide-local");
    // Back to the app: its start screen, unchanged.
    page.once("dialog", (d) => d.accept());
    await page.click("[data-testid=pe-close]");
    await page.waitForSelector("main.start");
    assertClean(app);
  });
});
