// The language switch: the editor in English shows the same numbers under English labels, keeps the
// choice across a reload, and switches back.
import { test } from "node:test";
import assert from "node:assert/strict";

import { assertClean, num, reloadApp, text, texts, useSite, waitSaved, withExample } from "./form_helpers.mjs";

const env = useSite();

/** The labels of the summary's rows. */
const summaryLabels = (page) => texts(page, ".summary-table tbody th");

test("English labels, the same 97.66", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const switcher = page.locator(".lang-switch");
    assert.equal((await switcher.textContent()).trim(), "English");
    assert.ok((await summaryLabels(page)).includes("综合得分"));

    await switcher.click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal((await switcher.textContent()).trim(), "中文");
    const labels = await summaryLabels(page);
    assert.ok(labels.includes("Total"), `summary labels: ${labels.join(" | ")}`);
    assert.ok(labels.includes("Grade"));
    assert.equal(await num(page, "total"), "97.66");
    assert.match(await num(page, "grade"), /^优 \(.+\)$/, "the grade keeps its Chinese name, with the English one");
    assert.equal(await text(page, "[data-testid=declared-grade]"), "差");
    assert.equal((await page.locator("[data-testid=total] .explain").textContent()).trim(), "18.66 + 20.00 + 29.00 + 30.00 = 97.66");
    assert.ok(await page.locator("nav.toolbar").getByRole("button", { name: "Undo", exact: true }).count(), "toolbar in English");
    assert.ok(await page.locator("nav.toolbar").getByRole("button", { name: "Export JSON", exact: true }).count());
    assert.match(await page.locator("section.findings").textContent(), /grade\.contradicts_total/);
    assert.doesNotMatch(await page.locator("#findings-h").textContent(), /核查结果/);

    // The choice is remembered.
    await waitSaved(page, "Saved in this browser");
    await reloadApp(page, "[data-testid=total]");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.ok((await summaryLabels(page)).includes("Total"));
    assert.equal(await num(page, "total"), "97.66");

    // And back to Chinese.
    await page.locator(".lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.ok((await summaryLabels(page)).includes("综合得分"));
    assert.equal(await num(page, "grade"), "优");
    assertClean(app);
  });
});
