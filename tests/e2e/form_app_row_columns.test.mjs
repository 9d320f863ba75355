// Columns some layouts print on every indicator row — 指标类型, 核心指标, 得分系数 — switched on by
// a profile (examples/profiles/department-wide-rules.json): typed into, scored, flagged and printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, field, findingCodes, num, type, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();
const PROFILE = readFileSync(join(ROOT, "examples", "profiles", "department-wide-rules.json"));

test("a coefficient scores the row, a core row that falls short is named, and both print", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.setInputFiles("#import-profile", { name: "department-wide-rules.json", mimeType: "application/json", buffer: PROFILE });
    await page.waitForSelector('[data-profile="department-wide-rules"]');
    const form = {
      format: "ziping-form",
      schema_version: 2,
      profile: "department-wide-rules",
      header: { project: "部门整体" },
      indicators: [
        { id: "h", level: 1, name: "产出指标", block: "output" },
        { id: "r", level: 3, name: "政策宣传覆盖率", target: "≥90%", actual: "95%", weight: "30" },
      ],
    };
    await page.setInputFiles("#import-file", { name: "dw.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(form)) });
    await page.waitForSelector(field("indicators[1].coefficient"));
    assert.equal(await num(page, "score-1"), "30.00");
    await type(page, "indicators[1].coefficient", "85%");
    await page.waitForFunction(() => document.querySelector("[data-testid=score-1] .num-value")?.textContent.trim() === "25.50");
    // 核心指标: checked, the row's shortfall is named.
    await page.check(field("indicators[1].core"));
    await page.waitForFunction(() => document.querySelector('section.findings li.finding[data-code="indicator.core_missed"]'));
    // 指标类型: 定性 makes the row a judgement (its coefficient still scores it).
    await page.selectOption(field("indicators[1].nature"), "定性");
    await page.waitForFunction(() => document.querySelector("[data-testid=score-1] .num-value")?.textContent.trim() === "25.50");
    const codes = await findingCodes(page);
    assert.ok(codes.includes("indicator.core_missed"), codes.join(" "));

    await page.click("[data-testid=print-preview]");
    await page.waitForSelector("[data-testid=print-sheet]");
    const head = await page.locator(".print-indicator-table thead").textContent();
    for (const h of ["指标类型", "核心指标", "得分系数"]) assert.ok(head.includes(h), head);
    const body = await page.locator(".print-indicator-table tbody").textContent();
    assert.ok(body.includes("85%") && body.includes("定性") && body.includes("★"), body);
    assertClean(app);
  });
});
