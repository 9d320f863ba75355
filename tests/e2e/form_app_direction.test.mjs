// Direction without an operator, as a clerk meets it: a reverse row written as a bare "2%" (结转结余率)
// is read as ≤ from its name, 识别为 says so, no false "below target" error is raised, and the clerk
// can set the direction of the row under 识别为 (the layout has no 指标性质 column).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, field, findingCodes, num, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();

/** A central-2020 form: 产出指标 (50) with a carry-over rate kept at 1 % against a 2 % limit. */
const FORM = {
  format: "ziping-form",
  schema_version: 2,
  profile: "central-2020",
  status: "draft",
  header: { year: "2024", project: "结余率测试项目" },
  funds: { rows: [{ source: "财政拨款", budget: "100", spent: "100" }] },
  indicators: [
    { id: "h1", level: 1, name: "产出指标", block: "output" },
    { id: "h2", level: 2, name: "数量指标" },
    { id: "r1", level: 3, name: "结转结余率", target: "2%", actual: "1%", weight: "20", declared_score: "20" },
    { id: "r2", level: 3, name: "培训人次", target: "≥100人次", actual: "100人次", weight: "30" },
  ],
  signoff: {},
  declared: {},
};

test("a reverse row without an operator is read as ≤ from its name, and the clerk can change it", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.setInputFiles("#import-file", { name: "reverse.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(FORM), "utf8") });
    await page.waitForSelector(field("indicators[2].name"));
    const readAs = page.locator("[data-testid=read-as-2]");
    assert.match(await readAs.textContent(), /2% → 1% · ≤ 反向（按名称推断“结余率”）/);
    assert.equal(await num(page, "score-2"), "20.00");
    let codes = await findingCodes(page);
    assert.ok(!codes.includes("score.full_marks_below_target"), codes.join(" "));
    assert.ok(codes.includes("indicator.no_operator"), codes.join(" "));
    const note = page.locator('section.findings li.finding[data-code="indicator.no_operator"]').first();
    assert.match(await note.textContent(), /指标名称含“结余率”，按 ≤（越少越好）计/);

    // The clerk says this row is "more is better": the row is scored as such, and its full marks
    // for 1 % against 2 % are now an error.
    const direction = page.locator(field("indicators[2].operator"));
    await direction.selectOption("≥");
    await page.waitForFunction(() => document.querySelector("[data-testid=read-as-2]").textContent.includes("≥ 正向"));
    assert.doesNotMatch(await readAs.textContent(), /按名称推断/);
    assert.equal(await num(page, "score-2"), "10.00");
    codes = await findingCodes(page);
    assert.ok(codes.includes("score.full_marks_below_target"), codes.join(" "));

    // Back to automatic.
    await direction.selectOption("");
    await page.waitForFunction(() => document.querySelector("[data-testid=read-as-2]").textContent.includes("按名称推断"));
    assert.equal(await num(page, "score-2"), "20.00");

    // A row whose target says its direction has nothing to choose.
    assert.match(await page.locator("[data-testid=read-as-3]").textContent(), /≥100人次 → 100人次 · ≥ 正向$/);
    assert.equal(await page.locator(field("indicators[3].operator")).count(), 0);

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator("tr[data-row=r1]").scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(ROOT, "target", "direction-row-1366.png") });
    assertClean(app);
  });
});

test("in English the row says where its direction came from", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.setInputFiles("#import-file", { name: "reverse.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(FORM), "utf8") });
    await page.waitForSelector(field("indicators[2].name"));
    await page.locator(".lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.match(await page.locator("[data-testid=read-as-2]").textContent(), /≤ less is better \(from the name “结余率”\)/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("tr[data-row=r1]").scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(ROOT, "target", "direction-row-390-en.png") });
    assertClean(app);
  });
});
