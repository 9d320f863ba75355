// The keyboard alone reaches every field of the editor, in the order the fields are seen: Tab from
// the top of the page, opening with Enter the folded parts (<details>) that hold fields.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, useSite, withExample } from "./form_helpers.mjs";

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
    await page.evaluate(() => document.querySelector("a.skip-link").focus());
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
          skip: el.classList.contains("skip-link"),
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
