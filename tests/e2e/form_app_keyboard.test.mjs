// The keyboard alone reaches every field of the editor, in the order the fields are seen: Tab from
// the top of the page, opening with Enter the folded parts (<details>) that hold fields.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, useSite, withApp, withExample } from "./form_helpers.mjs";

const env = useSite();

/** Vertical tolerance, in CSS pixels, for fields on one line of the form. */
const SAME_LINE = 6;
const MAX_TABS = 3000;

test("Tab reaches every field of the editor in visual order", { timeout: 120_000 }, async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const paths = await page.locator("[data-path]").evaluateAll((els) => els.map((el) => el.dataset.path));
    assert.ok(paths.length > 200, `the example's editor has its fields (${paths.length})`);

    // From the top: the first focusable element of the page is the skip link.
    await page.evaluate(() => document.querySelector('a.skip-link[href="#main"]').focus());
    const first = await page.evaluate(() => document.activeElement.className);
    assert.equal(first, "skip-link");

    const stops = [];
    const opened = [];
    for (let n = 0; n < MAX_TABS; n++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const r = el.getBoundingClientRect();
        // A field in a table row is placed by its row and its cell: a cell may stack several fields.
        const tr = el.closest("tr");
        const cell = el.closest("td, th");
        const row = tr ? `${[...document.querySelectorAll("table")].indexOf(tr.closest("table"))}:${tr.rowIndex}` : null;
        const folded = el.tagName === "SUMMARY" && !el.parentElement.open && el.parentElement.querySelector("[data-path]") !== null;
        return {
          tag: el.tagName.toLowerCase(),
          path: el.dataset.path ?? null,
          name: el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 40),
          inForm: el.closest("main#main") !== null,
          x: r.left + scrollX,
          y: r.top + scrollY,
          row,
          cellX: cell ? cell.getBoundingClientRect().left + scrollX : null,
          // Round to the top again: the page's first skip link (the editor has a second, to the findings).
          skip: el.classList.contains("skip-link") && el.getAttribute("href") === "#main",
          folded,
        };
      });
      if (stop === null || stop.skip) break; // out of the page, or round to the top again
      stops.push(stop);
      if (stop.folded) {
        // A folded part holding fields: Enter opens it, and Tab goes on into it.
        await page.keyboard.press("Enter");
        opened.push(stop.name);
        assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true, `Enter opens ${stop.name}`);
      }
    }
    assert.ok(stops.length < MAX_TABS, "the Tab sequence comes to an end");

    // Every field was reached, each once.
    const reached = stops.filter((s) => s.path !== null).map((s) => s.path);
    assert.deepEqual([...reached].sort(), [...new Set(await page.locator("[data-path]").evaluateAll((els) => els.map((el) => el.dataset.path)))].sort(), "fields reached by Tab");
    assert.equal(new Set(reached).size, reached.length, "no field is reached twice");
    for (const p of paths) assert.ok(reached.includes(p), `${p} is reached`);

    // Buttons too: the toolbar, the row actions, the findings' links.
    const buttons = stops.filter((s) => s.tag === "button").map((s) => s.name);
    for (const name of ["← 返回首页", "导出 JSON", "添加指标", "添加标题", "添加评价人员", "转到：所填结果 · 等次"]) {
      assert.ok(buttons.includes(name), `the button ${name} is reached`);
    }

    // The fields come in the order they are seen: down the page, and left to right along a line
    // (in a table, along its row, cell by cell; down a cell that stacks fields).
    const fields = stops.filter((s) => s.path !== null && s.inForm);
    assert.equal(fields.length, reached.length, "every field is in the form");
    const out = [];
    for (let i = 1; i < fields.length; i++) {
      const [a, b] = [fields[i - 1], fields[i]];
      let wrong;
      if (a.row !== null && a.row === b.row) {
        wrong = b.cellX < a.cellX || (b.cellX === a.cellX && b.y < a.y - SAME_LINE);
      } else {
        wrong = b.y < a.y - SAME_LINE || (Math.abs(b.y - a.y) <= SAME_LINE && b.x < a.x);
      }
      if (wrong) out.push(`${a.path} (${Math.round(a.x)}, ${Math.round(a.y)}) → ${b.path} (${Math.round(b.x)}, ${Math.round(b.y)})`);
    }
    assert.deepEqual(out, [], "steps that go up or leftwards");

    // The side panel (summary and findings) follows the form.
    const lastField = stops.findLastIndex((s) => s.path !== null);
    const firstSide = stops.findIndex((s) => !s.inForm && s.name.startsWith("转到"));
    assert.ok(firstSide > lastField, "the findings come after the last field");

    assertClean(app);
  });
});

/** The data-path of the focused element. */
const focusedPath = (page) => page.evaluate(() => document.activeElement?.dataset.path ?? null);

test("the keyboard lands on the first field of a new or reopened form, and on the first field of a row just added", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    // 新建 (a new central-2020 form): the first field has the focus.
    await page.locator('[data-profile="central-2020"]').click();
    await page.waitForSelector("[data-path='header.title']");
    await page.waitForFunction(() => document.activeElement?.dataset.path === "header.title");
    // 添加指标, then + on the row it made: each new row's first field.
    await page.locator("main#main").getByRole("button", { name: "添加指标", exact: true }).click();
    await page.waitForFunction(() => /^indicators\[\d+\]\.name$/.test(document.activeElement?.dataset.path ?? ""));
    const first = await focusedPath(page);
    await page.keyboard.type("新指标");
    await page.locator("tr.level-3 button.icon").filter({ hasText: "+" }).last().focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((p) => /^indicators\[\d+\]\.name$/.test(document.activeElement?.dataset.path ?? "") && document.activeElement.dataset.path !== p, first);
    const second = await focusedPath(page);
    assert.equal(Number(second.match(/\d+/)[0]), Number(first.match(/\d+/)[0]) + 1, "the row right after");
    // 添加资金来源: the new source row's first field.
    await page.getByRole("button", { name: "添加资金来源" }).click();
    await page.waitForFunction(() => /^funds\.rows\[\d+\]\.source$/.test(document.activeElement?.dataset.path ?? ""));
    // Back to the start page and the draft opened again: its first field.
    await page.locator("nav.toolbar").getByRole("button", { name: "← 返回首页" }).click();
    await page.locator(".draft-list li.draft").first().getByRole("button", { name: /^打开/ }).click();
    await page.waitForFunction(() => document.activeElement?.dataset.path === "header.title");
    assertClean(app);
  });
});

test("a skip link goes to the findings, and every row button has a name in the page's language", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    // 添加评价人员 (the example's profile has 评价人员): the new person's name.
    await page.getByRole("button", { name: "添加评价人员" }).click();
    await page.waitForFunction(() => /^evaluators\[\d+\]\.name$/.test(document.activeElement?.dataset.path ?? ""));
    const skip = page.locator('a.skip-link[href="#findings"]');
    await skip.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "findings");
    assert.equal(await page.locator("#findings h2").isVisible(), true);
    const names = async () =>
      page.locator("main#main button").evaluateAll((bs) =>
        bs.map((b) => (b.getAttribute("aria-label") ?? b.textContent).trim()),
      );
    const zh = await names();
    assert.ok(zh.length > 50 && zh.every((n) => n.length > 0), "every button has a name");
    assert.ok(zh.every((n) => !/^[+↑↓←→✕]+$/.test(n)), "no button is named by a symbol alone");
    await page.locator(".lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    const en = await names();
    assert.equal(en.length, zh.length);
    // In English, a name holds Chinese only where it quotes the form (a row's name).
    const content = await page.locator("main#main [data-path]").evaluateAll((is) => is.map((i) => i.value ?? "").filter((v) => v).sort((a, b) => b.length - a.length));
    const chinese = en.filter((n) => /[\u3400-\u9fff]/.test(content.reduce((s, r) => s.split(r).join(""), n)));
    assert.deepEqual(chinese, [], "button names in English");
    assertClean(app);
  });
});
