// Rows pasted from a spreadsheet: text as Excel or WPS copies it, typed into #paste-rows, previewed
// with what each column becomes, and inserted as indicator rows in one undo step.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, axeReport, num, useSite, valueOf, withApp } from "./form_helpers.mjs";

const env = useSite();

/** Opens a new central-2020 form; returns the locator of its indicator rows and how many it has. */
async function newForm(page) {
  await page.click('[data-profile="central-2020"]');
  await page.waitForSelector("#paste-rows");
  const rows = page.locator("table.indicator-table tr[data-row]");
  return { rows, before: await rows.count() };
}

/** Waits until the indicator table has `n` rows. */
function waitRows(page, n) {
  return page.waitForFunction((n) => document.querySelectorAll("table.indicator-table tr[data-row]").length === n, n);
}

/** The text of the option each column's choice in the preview shows, in order. */
function chosen(page) {
  return page.locator(".paste-preview select").evaluateAll((all) => all.map((s) => s.selectedOptions[0].textContent));
}

/** The serious and critical axe-core violations, as "rule (impact): help — first nodes". */
async function seriousViolations(page) {
  return (await axeReport(page))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.join(", ")}`);
}

test("two tab-separated lines without a header are previewed as guessed, then become two scored rows", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const { rows, before } = await newForm(page);

    // 三级指标, 目标值, 实际完成值, 分值, 得分, 偏差原因 — as copied from Excel or WPS.
    const lines = ["培训人次\t≥500人次\t520人次\t10\t", "群众满意度\t≥90%\t85%\t10\t\t宣传不足，下年加强"];
    const button = page.getByRole("button", { name: "预览粘贴的行", exact: true });
    assert.equal(await button.isDisabled(), true, "nothing to paste yet");
    await page.fill("#paste-rows", lines.join("\n"));
    await button.click();
    await page.waitForSelector(".paste-preview");
    assert.match(await page.locator(".paste-preview .hint").textContent(), /没有表头，已按列数推测各列/);
    assert.deepEqual(await chosen(page), ["三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因"]);
    await page.getByRole("button", { name: "插入", exact: true }).click();
    await waitRows(page, before + 2);
    assert.equal(await page.inputValue("#paste-rows"), "", "the paste box is emptied");
    assert.equal(await page.locator(".paste-preview").count(), 0, "the preview is closed");

    const [a, b] = [before, before + 1];
    assert.equal(await rows.nth(a).getAttribute("class"), "level-3");
    assert.equal(await rows.nth(b).getAttribute("class"), "level-3");
    const expected = {
      [`indicators[${a}].name`]: "培训人次",
      [`indicators[${a}].target`]: "≥500人次",
      [`indicators[${a}].actual`]: "520人次",
      [`indicators[${a}].weight`]: "10",
      [`indicators[${a}].score`]: "",
      [`indicators[${b}].name`]: "群众满意度",
      [`indicators[${b}].target`]: "≥90%",
      [`indicators[${b}].actual`]: "85%",
      [`indicators[${b}].weight`]: "10",
      [`indicators[${b}].deviation_reason`]: "宣传不足，下年加强",
    };
    for (const [path, value] of Object.entries(expected)) assert.equal(await valueOf(page, path), value, path);

    // The rows are scored from what was pasted.
    assert.equal(await num(page, `score-${a}`), "10.00");
    assert.equal(await num(page, `score-${b}`), "9.44");
    assert.match(await page.locator(`[data-testid=score-${b}] .explain`).textContent(), /85% ÷ 90% = 94\.44%/);
    assertClean(app);
  });
});

test("a header in another order maps columns by name, a quoted multi-line cell stays one cell, a column is remapped, and one Ctrl+Z removes the paste", async () => {
  await withApp(
    env,
    async (app) => {
      const { page } = app;
      const { rows, before } = await newForm(page);

      // As Excel copies a range: \r\n between lines, a cell with a line break or quotes quoted
      // (its quotes doubled, its line break \n), columns in the order of someone else's table.
      const text =
        '三级指标\t分值\t"偏差原因分析\n及改进措施"\t年度指标值\t实际完成值\t序号\r\n' +
        '培训人次\t15\t"已完成；\n下年继续扩大范围"\t≥500人次\t520人次\t1\r\n' +
        '群众满意度\t10\t"宣传不足，""满意度""略低"\t≥90%\t85%\t2\r\n';
      await page.fill("#paste-rows", text);
      await page.getByRole("button", { name: "预览粘贴的行", exact: true }).click();
      await page.waitForSelector(".paste-preview");

      // The preview says the header was used and shows what each column becomes.
      assert.match(await page.locator(".paste-preview .hint").textContent(), /第一行是表头，已按列名对应各列/);
      assert.match(await page.locator(".paste-preview .hint").textContent(), /共 2 行/);
      assert.deepEqual(await chosen(page), ["三级指标", "分值", "偏差原因", "指标值", "实际完成值", "不导入"]);
      assert.equal(await page.locator(".paste-preview tbody tr").count(), 2, "the header line is not a row");
      const cells = page.locator(".paste-preview tbody tr").first().locator("td");
      assert.equal(await cells.nth(2).textContent(), "已完成；\n下年继续扩大范围");
      assert.equal(await page.locator(".paste-preview tbody tr").nth(1).locator("td").nth(2).textContent(), '宣传不足，"满意度"略低');
      // Each choice is labelled in the page's language, with the column's header.
      const select = page.getByRole("combobox", { name: /第 6 列/ });
      assert.equal(await select.count(), 1);
      assert.match(await page.locator('label[for="paste-col-5"]').textContent(), /序号/);
      assert.deepEqual(await seriousViolations(page), [], "the preview in Chinese");

      // The clerk keeps 序号 as the note of each row.
      await select.selectOption({ label: "备注" });
      assert.equal((await chosen(page))[5], "备注");
      await page.getByRole("button", { name: "插入", exact: true }).click();
      await waitRows(page, before + 2);

      const [a, b] = [before, before + 1];
      const expected = {
        [`indicators[${a}].name`]: "培训人次",
        [`indicators[${a}].target`]: "≥500人次",
        [`indicators[${a}].actual`]: "520人次",
        [`indicators[${a}].weight`]: "15",
        [`indicators[${a}].deviation_reason`]: "已完成；\n下年继续扩大范围",
        [`indicators[${a}].note`]: "1",
        [`indicators[${b}].name`]: "群众满意度",
        [`indicators[${b}].target`]: "≥90%",
        [`indicators[${b}].actual`]: "85%",
        [`indicators[${b}].weight`]: "10",
        [`indicators[${b}].deviation_reason`]: '宣传不足，"满意度"略低',
        [`indicators[${b}].note`]: "2",
      };
      for (const [path, value] of Object.entries(expected)) assert.equal(await valueOf(page, path), value, path);
      assert.equal(await num(page, `score-${a}`), "15.00");

      // One Ctrl+Z takes the whole paste back.
      await page.keyboard.press("Control+z");
      await waitRows(page, before);
      assert.equal(await rows.count(), before);
      assert.equal(await page.locator(`[data-path="indicators[${a}].name"]`).count(), 0);
      assertClean(app);
    },
    { bypassCSP: true },
  );
});

test("the preview in English names every column's choice in English", async () => {
  await withApp(
    env,
    async (app) => {
      const { page } = app;
      await newForm(page);
      await page.click(".lang-switch");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await page.fill("#paste-rows", "产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t10\t10\t无\n");
      await page.getByRole("button", { name: "Preview pasted rows", exact: true }).click();
      await page.waitForSelector(".paste-preview");
      assert.match(await page.locator(".paste-preview .hint").textContent(), /No header line/);
      assert.deepEqual(await chosen(page), [
        "Level-1 indicator",
        "Level-2 indicator",
        "Level-3 indicator",
        "Target",
        "Actual",
        "Weight",
        "Score",
        "Deviation reason",
      ]);
      assert.equal(await page.getByRole("combobox", { name: "Column 8" }).count(), 1);
      // No Chinese in the preview but the pasted cells.
      const words = await page
        .locator(".paste-preview")
        .evaluate((el) => [...el.querySelectorAll("h3, .hint, label, option, button")].map((e) => e.textContent).join(" "));
      assert.doesNotMatch(words, /\p{Script=Han}/u);
      assert.deepEqual(await seriousViolations(page), [], "the preview in English");

      // Cancel closes the preview and keeps the text.
      await page.getByRole("button", { name: "Cancel", exact: true }).click();
      assert.equal(await page.locator(".paste-preview").count(), 0);
      assert.match(await page.inputValue("#paste-rows"), /培训人次/);
      assertClean(app);
    },
    { bypassCSP: true },
  );
});
