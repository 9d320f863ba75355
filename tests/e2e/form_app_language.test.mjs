// The language switch: the editor in English shows the same numbers under English labels, keeps the
// choice across a reload, and switches back.
import { test } from "node:test";
import assert from "node:assert/strict";

import { EXAMPLE, assertClean, num, reloadApp, text, texts, useSite, waitSaved, withExample } from "./form_helpers.mjs";

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

/** Text of the page that is not form content: every string of `form` and every field's value cut out. */
async function chromeText(page, form) {
  const text = await page.evaluate(() => {
    document.querySelectorAll("details").forEach((d) => (d.open = true));
    return document.body.innerText;
  });
  const values = await page.locator("[data-path]").evaluateAll((els) => els.map((e) => e.value ?? ""));
  const strings = [...values];
  (function walk(v) {
    if (typeof v === "string") strings.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  })(form);
  return strings
    .filter((s) => s.length > 0 && /[\u3400-\u9fff]/.test(s))
    .sort((a, b) => b.length - a.length)
    .reduce((t, s) => t.split(s).join("⟨form⟩"), text);
}

/** Chinese the English page may show: the product's name, the other language's name, the grades and
 * official names beside their translation. */
const ALLOWED = [/Ziping 自评/g, /中文/g, /[优良中差] \([A-Za-z]+/g, /"[优良中差]" \(/g, /[优良中差] \((excellent|good|fair|poor)\)/g, /财预〔\d+〕\d+号/g, /\((万元|元|千元|亿元)\)/g];

function chineseLeft(text) {
  const left = ALLOWED.reduce((t, re) => t.replace(re, ""), text);
  return left.split("\n").filter((l) => /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/.test(l));
}

test("in English, no screen shows Chinese but form content and official names with their translation", { timeout: 120_000 }, async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const form = EXAMPLE;
    await page.locator(".lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    // The editor, with an amount that does not read and a missing one (their messages and "to fix").
    await page.locator("[data-path='funds.rows[0].spent']").fill("536,2");
    await page.locator("[data-path='funds.rows[0].budget']").fill("");
    await page.waitForFunction(() => document.querySelector("[data-testid=total] .num-value")?.textContent === "—");
    assert.deepEqual(chineseLeft(await chromeText(page, form)), [], "the editor");
    // Refused 定稿, in English.
    await page.selectOption("#form-status", "draft");
    await page.selectOption("#form-status", "final");
    await page.locator("[data-testid=final-refused]").waitFor();
    assert.deepEqual(chineseLeft(await chromeText(page, form)), [], "the refusal");
    // The print preview.
    await page.click("[data-testid=print-preview]");
    await page.waitForSelector("[data-testid=print-sheet]");
    assert.deepEqual(chineseLeft(await chromeText(page, form)), [], "the print preview");
    await page.click("[data-testid=print-back]");
    // The start page and the review desk with the example in it.
    await page.locator("nav.toolbar").getByRole("button", { name: "← Start page" }).click();
    await page.waitForSelector("main#main.start");
    assert.deepEqual(chineseLeft(await chromeText(page, form)), [], "the start page");
    await page.click("[data-testid=show-review]");
    await page.setInputFiles("#review-files", { name: "example.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(form)) });
    await page.waitForSelector(".review-table tbody tr");
    assert.deepEqual(chineseLeft(await chromeText(page, form)), [], "the review desk");
    assertClean(app);
  });
});
