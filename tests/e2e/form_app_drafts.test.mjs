// Drafts in this browser: a reload in the middle of editing comes back to the same state, and the
// start screen lists drafts to open, duplicate and delete (with undo).
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, field, num, openExample, reloadApp, text, texts, type, useSite, valueOf, waitSaved, withApp, withExample } from "./form_helpers.mjs";

const env = useSite();

test("a reload in the middle of editing restores every edited value and the total", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const edits = {
      "header.project": "交警支队专项业务经费（修订）",
      "narratives.overview": "概述已改写：第一行\n第二行，含“引号”、'单引号' 与 \\ 反斜杠。",
      "indicators[3].target": "2套",
      "funds.rows[0].spent": "969.94",
      "scores.quality_rate.score": "6.50",
      "evaluators[1].phone": "0354-2429456",
      "declared.grade": "优",
    };
    for (const [path, value] of Object.entries(edits)) await type(page, path, value);
    await page.selectOption(field("status"), "draft");
    await page.locator(field("header.year")).focus(); // leave the last field, as a user moving on would
    const total = await num(page, "total");
    assert.equal(total, "97.50", "99.00 with the full execution, less 1.50 on the quality rate");
    await waitSaved(page);

    await reloadApp(page, field("header.project"));
    for (const [path, value] of Object.entries(edits)) {
      assert.equal(await valueOf(page, path), value, `${path} after the reload`);
    }
    assert.equal(await valueOf(page, "status"), "draft");
    assert.equal(await num(page, "total"), total);
    assert.equal(await num(page, "grade"), "优");
    assert.equal(await text(page, "[data-testid=declared-grade]"), "优");
    assert.equal(await text(page, "[data-testid=save-status]"), "已保存在本浏览器");
    assertClean(app);
  });
});

test("an edit made just before the page is left is saved all the same", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await waitSaved(page);
    // Reload at once, well inside the 300 ms the app waits before saving: the page's pagehide saves it.
    await type(page, "header.project", "刚刚改的项目名");
    await reloadApp(page, field("header.project"));
    assert.equal(await valueOf(page, "header.project"), "刚刚改的项目名");
    assertClean(app);
  });
});

test("a narrative with text between < and > comes back unchanged after a reload", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const narrative = "到位率<100%，执行率>90%；A&amp;B";
    await type(page, "narratives.other", narrative);
    await waitSaved(page);
    await reloadApp(page, field("narratives.other"));
    assert.equal(await valueOf(page, "narratives.other"), narrative);
    assertClean(app);
  });
});

/** The titles of the drafts listed on the start screen. */
const draftTitles = (page) => texts(page, ".draft-list li.draft .draft-title");

async function backToStart(page) {
  await page.getByRole("button", { name: "← 返回首页" }).click();
  await page.waitForSelector("main#main.start");
}

test("drafts: listed after editing, duplicated, deleted and restored with 撤销删除", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    assert.equal(await page.locator(".draft-list li.draft").count(), 0, "a fresh browser has no draft");
    await openExample(page);
    await type(page, "header.project", "交警支队业务经费草稿");
    await waitSaved(page);
    await backToStart(page);
    assert.deepEqual(await draftTitles(page), ["2021 交警支队业务经费草稿"]);

    // Duplicate: the copy opens in the editor, the same form saved as a draft of its own.
    const first = page.locator(".draft-list li.draft").first();
    await first.getByRole("button", { name: /^复制 / }).click();
    await page.waitForSelector(field("header.project"));
    assert.equal(await valueOf(page, "header.project"), "交警支队业务经费草稿");
    await waitSaved(page);
    await backToStart(page);
    await page.waitForFunction(() => document.querySelectorAll(".draft-list li.draft").length === 2);
    assert.deepEqual(await draftTitles(page), ["2021 交警支队业务经费草稿", "2021 交警支队业务经费草稿"]);

    // Both open with the edit and the example's results.
    for (const i of [0, 1]) {
      await page.locator(".draft-list li.draft").nth(i).getByRole("button", { name: /^打开 / }).click();
      await page.waitForSelector(field("header.project"));
      assert.equal(await valueOf(page, "header.project"), "交警支队业务经费草稿");
      assert.equal(await num(page, "total"), "97.66");
      await backToStart(page);
    }

    // Delete one: it leaves the list and 撤销删除 is offered.
    await page.locator(".draft-list li.draft").first().getByRole("button", { name: /^删除 / }).click();
    await page.waitForFunction(() => document.querySelectorAll(".draft-list li.draft").length === 1);
    const undo = page.getByRole("button", { name: "撤销删除" });
    await undo.waitFor();
    assert.match(await page.locator("section.notice").textContent(), /已删除草稿：2021 交警支队业务经费草稿/);

    // 撤销删除 puts it back, for good: it is still there after a reload, and opens.
    await undo.click();
    await page.waitForFunction(() => document.querySelectorAll(".draft-list li.draft").length === 2);
    assert.equal(await page.getByRole("button", { name: "撤销删除" }).count(), 0, "the notice is gone");
    await reloadApp(page, "main#main.start");
    assert.equal(await page.locator(".draft-list li.draft").count(), 2, "drafts after the reload");
    for (const i of [0, 1]) {
      await page.locator(".draft-list li.draft").nth(i).getByRole("button", { name: /^打开 / }).click();
      await page.waitForSelector(field("header.project"));
      assert.equal(await valueOf(page, "header.project"), "交警支队业务经费草稿");
      await backToStart(page);
    }

    // A deletion without undo holds across a reload.
    await page.locator(".draft-list li.draft").first().getByRole("button", { name: /^删除 / }).click();
    await page.waitForFunction(() => document.querySelectorAll(".draft-list li.draft").length === 1);
    await reloadApp(page, "main#main.start");
    assert.equal(await page.locator(".draft-list li.draft").count(), 1, "drafts after a deletion and a reload");

    assertClean(app);
  });
});

test("an edit made just before going back to the start page is saved, and reopens as typed", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await waitSaved(page);
    // Typed, then straight back to the start page (well within the 300 ms the save waits).
    await page.locator(field("header.project")).fill("立刻返回前的修改");
    await page.locator("nav.toolbar").getByRole("button", { name: "← 返回首页" }).click();
    await page.waitForSelector("main#main.start");
    const titles = await texts(page, ".draft-list li.draft .draft-title");
    assert.ok(titles.some((t) => t.includes("立刻返回前的修改")), `the draft is listed with the edit: ${titles}`);
    await page.locator(".draft-list li.draft").first().getByRole("button", { name: /^打开/ }).click();
    await page.waitForSelector(field("header.project"));
    assert.equal(await valueOf(page, "header.project"), "立刻返回前的修改");
    assertClean(app);
  });
});
