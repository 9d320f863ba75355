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

/** The Jinzhong profile as a county's own: id county-2024. */
function county() {
  const p = structuredClone(JINZHONG);
  p.id = "county-2024";
  p.name = { zh: "某县 2024 项目自评表", en: "A county's 2024 project form" };
  return p;
}

async function importProfile(page, profile) {
  const buffer = Buffer.from(JSON.stringify(profile, null, 2), "utf8");
  await page.setInputFiles("#import-profile", { name: "profile.json", mimeType: "application/json", buffer });
}

test("an imported profile makes new forms, laid out and scored by it, and is kept in the browser", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const custom = county();
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

test("kept profiles that no longer read or take a built-in id are set aside, never dropped, and the user is told", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const usable = county();
    const clash = structuredClone(JINZHONG); // keeps the id jinzhong-2021
    clash.name = { zh: "冒名的规则", en: "A profile with a built-in id" };
    const broken = { id: "old-version", blocks: "not a list" };
    const list = [usable, clash, broken];
    await page.evaluate((text) => localStorage.setItem("ziping:profiles", text), JSON.stringify(list));
    await reloadApp(page, "[data-testid=profiles-set-aside]");

    const notice = page.locator("[data-testid=profiles-set-aside]");
    const keys = (await notice.locator("code").allTextContents()).map((k) => k.trim());
    assert.equal(keys.length, 2, `two set aside: ${keys}`);
    const kept = await page.evaluate((ks) => ks.map((k) => JSON.parse(localStorage.getItem(k))), keys);
    assert.deepEqual(kept, [clash, broken], "their text is kept under the recovery keys");
    for (const k of keys) assert.match(k, /^ziping:recovered:profile:\d+:/);

    // The usable one is used; the built-in keeps its own name; the kept list holds what is used.
    await page.locator('[data-profile="county-2024"]').waitFor();
    const main = await page.locator("main").textContent();
    assert.doesNotMatch(main, /冒名的规则/, "no import takes a built-in's place");
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("ziping:profiles")).length === 1);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("ziping:profiles")));
    assert.deepEqual(stored.map((p) => p.id), ["county-2024"]);
    assertClean(app);
  });
});
