// A rule profile imported from a file: its "new" button appears on the start screen, a new form of it
// is laid out by it, it survives a reload, and a profile that contradicts itself is refused with the
// reason and its path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, field, num, reloadApp, type, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();
const JINZHONG = JSON.parse(readFileSync(join(ROOT, "crates/engine/src/profile/builtin/jinzhong-2021.json"), "utf8"));

async function importProfile(page, profile) {
  const buffer = Buffer.from(JSON.stringify(profile, null, 2), "utf8");
  await page.setInputFiles("#import-profile", { name: "profile.json", mimeType: "application/json", buffer });
}

test("an imported profile makes new forms, laid out and scored by it, and is kept in the browser", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const custom = structuredClone(JINZHONG);
    custom.id = "county-2024";
    custom.name = { zh: "某县 2024 项目自评表", en: "A county's 2024 project form" };
    // The county scores 预算执行率 5 and 到位及时率 1 (the block still adds up to 20).
    const input = custom.blocks[0].rows;
    input.find((r) => r.id === "budget_execution").weight = "5";
    input.find((r) => r.id === "arrival_timeliness").weight = "1";
    await importProfile(page, custom);
    const button = page.locator('[data-profile="county-2024"]');
    await button.waitFor();
    assert.match(await page.locator("main").textContent(), /某县 2024 项目自评表/);

    await button.click();
    await page.waitForSelector(field("funds.rows[0].budget"));
    await type(page, "funds.rows[0].budget", "100");
    await type(page, "funds.rows[0].spent", "50");
    // 50 ÷ 100 = 50%; × 5 = 2.50 under the imported profile (1.50 under the built-in one).
    assert.equal(await num(page, "row-score-budget_execution"), "2.50");

    await reloadApp(page, field("funds.rows[0].spent"));
    assert.equal(await num(page, "row-score-budget_execution"), "2.50", "the draft reopens with its imported profile");
    assertClean(app);
  });
});

test("a profile that contradicts itself is refused with every reason and its path", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const broken = structuredClone(JINZHONG);
    broken.id = "broken";
    broken.blocks[0].weight = "25";
    broken.grades[1].min = "95";
    await importProfile(page, broken);
    const report = page.locator("section.import-report");
    await report.waitFor();
    const paths = await report.locator("code.problem-path").allTextContents();
    assert.ok(paths.includes("blocks"), `${paths}`);
    assert.ok(paths.includes("blocks[0].rows"), `${paths}`);
    assert.ok(paths.includes("grades[1]"), `${paths}`);
    assert.equal(await page.locator('[data-profile="broken"]').count(), 0);
    assertClean(app);
  });
});
