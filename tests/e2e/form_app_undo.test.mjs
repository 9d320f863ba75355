// Undo and redo: ten edits on ten fields are walked back one at a time with Ctrl+Z (and the toolbar's
// 撤销), and forward again with Ctrl+Shift+Z (and 重做).
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, num, type, useSite, withExample } from "./form_helpers.mjs";

const env = useSite();

const EDITS = [
  ["header.project", "交警支队专项业务经费（二）"],
  ["header.unit", "晋中市公安局交通警察支队（本级）"],
  ["funds.rows[0].spent", "969.94"],
  ["funds.rows[1].spent", "12.50"],
  ["narratives.other", "另有说明"],
  ["indicators[3].target", "2套"],
  ["indicators[4].actual", "1套"],
  ["scores.quality_rate.score", "6.00"],
  ["evaluators[0].name", "李明"],
  ["declared.grade", "优"],
];
const PATHS = EDITS.map(([path]) => path);

/** The values the ten fields show. */
function values(page) {
  return page.evaluate(
    (paths) => paths.map((p) => document.querySelector(`[data-path="${p}"]`).value),
    PATHS,
  );
}

/** Takes the keyboard focus out of every input: the page's body has it. */
async function focusBody(page) {
  await page.evaluate(() => document.activeElement?.blur());
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, "the body has the focus");
}

// Ctrl+Z must not log "Unable to preventDefault inside passive event listener": the last test below
// checks it on its own.
const PASSIVE_LISTENER = /Unable to preventDefault inside passive event listener/;

const undoButton = (page) => page.locator("nav.toolbar").getByRole("button", { name: "撤销", exact: true });
const redoButton = (page) => page.locator("nav.toolbar").getByRole("button", { name: "重做", exact: true });

test("Ctrl+Z walks back the last ten edits one by one; Ctrl+Shift+Z and the toolbar redo them", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    assert.equal(await undoButton(page).isDisabled(), true, "nothing to undo in a form just opened");

    const original = await values(page);
    const totals = [await num(page, "total")];
    // states[k]: the ten values after k edits.
    const states = [original];
    for (const [i, [path, value]] of EDITS.entries()) {
      assert.notEqual(original[i], value, `${path} is really changed`);
      await type(page, path, value);
      states.push(states[i].map((v, j) => (j === i ? value : v)));
      totals.push(await num(page, "total"));
    }
    assert.deepEqual(await values(page), states[10]);
    assert.equal(totals[10], "97.00", "the full execution (+1.34) and the quality rate (−2.00)");

    // Ctrl+Z ten times, with no input focused.
    await focusBody(page);
    for (let k = 9; k >= 0; k--) {
      await page.keyboard.press("Control+z");
      assert.deepEqual(await values(page), states[k], `after undoing the edit of ${PATHS[k]}`);
      assert.equal(await num(page, "total"), totals[k], `total after undoing the edit of ${PATHS[k]}`);
    }
    assert.equal(await undoButton(page).isDisabled(), true, "all ten edits undone: nothing more to undo");

    // Ctrl+Shift+Z ten times.
    for (let k = 1; k <= 10; k++) {
      await page.keyboard.press("Control+Shift+Z");
      assert.deepEqual(await values(page), states[k], `after redoing the edit of ${PATHS[k - 1]}`);
    }
    assert.equal(await redoButton(page).isDisabled(), true, "everything redone");
    assert.equal(await num(page, "total"), "97.00");

    // The toolbar buttons do the same.
    for (let k = 9; k >= 6; k--) {
      await undoButton(page).click();
      assert.deepEqual(await values(page), states[k], `after 撤销 of the edit of ${PATHS[k]}`);
    }
    // …and the keyboard keeps working once a toolbar button has the focus.
    await page.keyboard.press("Control+z");
    assert.deepEqual(await values(page), states[5]);
    for (let k = 6; k <= 10; k++) {
      await redoButton(page).click();
      assert.deepEqual(await values(page), states[k], `after 重做 of the edit of ${PATHS[k - 1]}`);
    }
    assert.equal(await num(page, "total"), "97.00");
    assertClean({ outside: app.outside, errors: app.errors });
  });
});

test("Ctrl+Z and Ctrl+Shift+Z log no console error", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await type(page, "header.project", "交警支队专项业务经费（二）");
    await focusBody(page);
    await page.keyboard.press("Control+z");
    assert.equal(await page.inputValue('[data-path="header.project"]'), "交警支队专项业务经费");
    await page.keyboard.press("Control+Shift+Z");
    assert.equal(await page.inputValue('[data-path="header.project"]'), "交警支队专项业务经费（二）");
    assertClean(app);
  });
});
