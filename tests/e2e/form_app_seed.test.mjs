// The seed example in the editor: its results, their explanations, a live recomputation as an amount
// is typed, and an amount that is not a number refused on its field.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, field, findingCodes, num, text, texts, useSite, valueOf, withExample } from "./form_helpers.mjs";

const env = useSite();

/** Every computed number on the page, in document order. */
const allNumbers = (page) => texts(page, ".num-value");

test("the example shows 97.66 / 优 against the stated 差, and typing the spent amount rescores it", async () => {
  await withExample(env, async (app) => {
    const { page } = app;

    assert.equal(await num(page, "total"), "97.66");
    assert.equal(await num(page, "grade"), "优");
    assert.equal(await text(page, "[data-testid=declared-total]"), "97.66");
    assert.equal(await text(page, "[data-testid=declared-grade]"), "差");
    assert.ok((await findingCodes(page)).includes("grade.contradicts_total"), "finding grade.contradicts_total");
    assert.equal(await valueOf(page, "funds.rows[0].spent"), "536.23");
    assert.equal(await num(page, "row-score-budget_execution"), "1.66");
    assert.equal(await num(page, "execution-rate"), "55.28%");

    // The finding leads to its field.
    const finding = page.locator('li.finding[data-code="grade.contradicts_total"]');
    await finding.getByRole("button", { name: "转到 declared.grade" }).click();
    await page.waitForFunction(() => document.activeElement?.dataset.path === "declared.grade");
    assert.equal(await valueOf(page, "declared.grade"), "差");

    // A number opens its explanation when clicked.
    const total = page.locator("[data-testid=total]");
    assert.equal(await total.locator(".explain").isVisible(), false, "the explanation starts closed");
    await total.locator("summary").click();
    assert.equal(await total.evaluate((d) => d.open), true);
    assert.equal(await total.locator(".explain").isVisible(), true);
    assert.equal((await total.locator(".explain").textContent()).trim(), "18.66 + 20.00 + 29.00 + 30.00 = 97.66");

    const budget = page.locator("[data-testid=row-score-budget_execution] details.num");
    await budget.locator("summary").click();
    assert.equal(await budget.locator(".explain").isVisible(), true);
    assert.match(await budget.locator(".explain").textContent(), /536\.23 ÷ 969\.94 = 55\.28%/);

    // Typing the spent amount, key by key, with nothing else done (no Enter, no leaving the field).
    const spent = page.locator(field("funds.rows[0].spent"));
    await spent.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("969.94");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=row-score-budget_execution] .num-value")?.textContent.trim() === "3.00",
      null,
      { timeout: 5_000 },
    );
    assert.equal(await spent.inputValue(), "969.94", "the field shows what was typed");
    assert.equal(await spent.evaluate((el) => el === document.activeElement), true, "the field keeps the focus");
    assert.equal(await num(page, "row-score-budget_execution"), "3.00");
    assert.equal(await num(page, "execution-rate"), "100.00%");
    assert.equal(await num(page, "total"), "99.00");
    assert.match(await budget.locator(".explain").textContent(), /969\.94 ÷ 969\.94 = 100\.00%/);
    assert.equal((await total.locator(".explain").textContent()).trim(), "20.00 + 20.00 + 29.00 + 30.00 = 99.00");

    assertClean(app);
  });
});

test("an amount that is not a number is refused on its field, and no number changes", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const before = await allNumbers(page);
    assert.ok(before.length > 50, "the page shows its computed numbers");

    // Letters typed key by key over the budget.
    const budget = page.locator(field("funds.rows[0].budget"));
    assert.equal(await budget.getAttribute("aria-invalid"), null);
    await budget.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("abc");
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-invalid") === "true", field("funds.rows[0].budget"));
    assert.equal(await budget.inputValue(), "abc", "what was typed stays in view with the reason");
    const notesId = await budget.getAttribute("aria-describedby");
    assert.ok(notesId, "the field points to its message");
    const notes = page.locator(`#${notesId}`);
    assert.equal(await notes.evaluate((el) => el.matches("ul.field-notes")), true);
    assert.equal(await notes.isVisible(), true, "the message is shown under the field");
    assert.match(await notes.textContent(), /不是数字/);
    assert.deepEqual(await allNumbers(page), before, "computed numbers after letters in the budget");

    // A whole value with a stray letter, pasted at once into the spent amount.
    const spent = page.locator(field("funds.rows[0].spent"));
    await spent.fill("12a");
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-invalid") === "true", field("funds.rows[0].spent"));
    const spentNotes = page.locator(`#${await spent.getAttribute("aria-describedby")}`);
    assert.match(await spentNotes.textContent(), /不是数字/);
    assert.deepEqual(await allNumbers(page), before, "computed numbers after 12a in the spent amount");

    // A number typed over it clears the error.
    await spent.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("536.23");
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-invalid") === null, field("funds.rows[0].spent"));
    assert.equal(await spent.getAttribute("aria-describedby"), null);
    assert.equal(await num(page, "total"), "97.66");

    assertClean(app);
  });
});

test("a refused amount replaced at once by the value the form holds clears the error", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const spent = page.locator(field("funds.rows[0].spent"));
    await spent.fill("12a");
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("aria-invalid") === "true", field("funds.rows[0].spent"));
    // Pasting the amount the form still holds (536.23) in one go.
    await spent.fill("536.23");
    await page.waitForTimeout(300);
    assert.equal(await spent.inputValue(), "536.23", "the field shows the number just entered");
    assert.equal(await spent.getAttribute("aria-invalid"), null, "the field is no longer marked invalid");
    assertClean(app);
  });
});
