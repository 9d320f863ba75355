// The seed form typed in by hand: from a blank 晋中 2021 form, every field of
// examples/jinzhong-2021-traffic-police.json is entered through the editor's inputs (rows added with
// the table's buttons, levels set with 升级), then the form is exported. The export evaluates exactly
// as the example does and is the example file, byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  EXAMPLE,
  EXAMPLE_TEXT,
  assertClean,
  download,
  evaluateInPage,
  field,
  num,
  type,
  useSite,
  valueOf,
  withApp,
} from "./form_helpers.mjs";

const env = useSite();

/** Every text or number field of the example as [path, value], in the order of the editor. */
function entries(form) {
  const out = [];
  for (const [k, v] of Object.entries(form.header ?? {})) out.push([`header.${k}`, v]);
  form.funds.rows.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) out.push([`funds.rows[${i}].${k}`, v]);
  });
  for (const [k, v] of Object.entries(form.funds)) {
    if (k === "rows") continue;
    if (typeof v === "object") for (const [c, x] of Object.entries(v)) out.push([`funds.${k}.${c}`, x]);
    else out.push([`funds.${k}`, v]);
  }
  for (const [k, v] of Object.entries(form.narratives ?? {})) out.push([`narratives.${k}`, v]);
  form.indicators.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      if (k !== "id" && k !== "level") out.push([`indicators[${i}].${k}`, v]);
    }
  });
  for (const [id, entry] of Object.entries(form.scores ?? {})) {
    for (const [k, v] of Object.entries(entry)) out.push([`scores.${id}.${k}`, v]);
  }
  for (const [id, v] of Object.entries(form.block_weights ?? {})) out.push([`block_weights.${id}`, v]);
  (form.evaluators ?? []).forEach((e, i) => {
    for (const [k, v] of Object.entries(e)) out.push([`evaluators[${i}].${k}`, v]);
  });
  for (const [k, v] of Object.entries(form.signoff ?? {})) out.push([`signoff.${k}`, v]);
  const d = form.declared ?? {};
  if (d.total !== undefined) out.push(["declared.total", d.total]);
  if (d.grade !== undefined) out.push(["declared.grade", d.grade]);
  for (const [id, v] of Object.entries(d.blocks ?? {})) out.push([`declared.blocks.${id}`, v]);
  return out;
}

test("the seed form typed into a blank 晋中 form exports as the example file", { timeout: 150_000 }, async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.click('[data-profile="jinzhong-2021"]');
    await page.waitForSelector(field("header.project"));

    // The blank form already lists the example's four sources of money.
    const sources = await page
      .locator('[data-path^="funds.rows["][data-path$="].source"]')
      .evaluateAll((inputs) => inputs.map((i) => i.value));
    assert.deepEqual(sources, EXAMPLE.funds.rows.map((r) => r.source), "the blank form's sources");

    // The indicator outline: the preset headings are removed, then the example's 32 rows are built
    // one by one with 添加指标 / 添加标题 and 升级, so that they also get the example's row ids.
    const table = page.locator("table.indicator-table");
    const presets = await table.locator("tr[data-row]").count();
    assert.ok(presets > 0, "the blank form starts with a preset outline");
    for (let n = presets; n > 0; n--) {
      await table.locator("tr[data-row]").first().locator('button[title="删除此行"]').click();
      await page.waitForFunction((left) => document.querySelectorAll("table.indicator-table tr[data-row]").length === left, n - 1);
    }
    const addRow = page.getByRole("button", { name: "添加指标", exact: true });
    const addHeading = page.getByRole("button", { name: "添加标题", exact: true });
    for (const [i, row] of EXAMPLE.indicators.entries()) {
      await (row.level === 3 ? addRow : addHeading).click();
      const tr = table.locator("tr[data-row]").nth(i);
      await tr.waitFor();
      if (row.level === 1) await tr.locator('button[title="升级"]').click();
      await page.waitForFunction(
        ({ i, level }) => {
          const tr = document.querySelectorAll("table.indicator-table tr[data-row]")[i];
          return tr?.classList.contains(`level-${level}`);
        },
        { i, level: row.level },
      );
      assert.equal(await tr.getAttribute("data-row"), row.id, `row ${i} gets the example's id`);
    }

    // Two evaluators.
    for (let i = 0; i < EXAMPLE.evaluators.length; i++) {
      await page.getByRole("button", { name: "添加评价人员", exact: true }).click();
      await page.waitForSelector(field(`evaluators[${i}].name`));
    }

    // Every field, typed.
    const missing = [];
    const all = entries(EXAMPLE);
    for (const [path, value] of all) {
      if ((await page.locator(field(path)).count()) === 0) {
        missing.push(path);
        continue;
      }
      await type(page, path, value);
    }
    assert.deepEqual(missing, [], "fields of the example the editor has no input for");
    // The published form was filed as final (定稿) with its stated grade wrong: here 定稿 is refused
    // while that error stands, so the form stays a draft.
    assert.equal(EXAMPLE.status, "final");
    await page.selectOption(field("status"), "final");
    await page.locator("[data-testid=final-refused]").waitFor();
    assert.equal(await valueOf(page, "status"), "draft");
    const asDraft = { ...EXAMPLE, status: "draft" };
    let asDraftText = EXAMPLE_TEXT.replace('"status": "final"', '"status": "draft"');
    assert.notEqual(asDraftText, EXAMPLE_TEXT);

    // The editor shows every value as typed, and the example's results.
    const shown = [];
    for (const [path, value] of all) {
      const v = await valueOf(page, path);
      if (v !== value) shown.push({ path, shown: v, typed: value });
    }
    assert.deepEqual(shown, [], "fields that do not show what was typed");
    assert.equal(await num(page, "total"), "97.66");
    assert.equal(await num(page, "grade"), "优");

    // Exported: the file is named after the project and year, evaluates as the example does, and
    // is the example file itself.
    const file = await download(page, "[data-testid=export]");
    assert.equal(file.name, "交警支队专项业务经费-2021.json");
    const exported = file.text;
    // A form made here also records the fingerprint of the profile it was scored with (the
    // example file, written elsewhere, has none); the same evaluation shows it is the built-in's.
    const hash = JSON.parse(exported).profile_hash;
    assert.match(hash, /^fnv1a64:[0-9a-f]{16}$/, "the fingerprint of the profile");
    asDraft.profile_hash = hash;
    asDraftText = asDraftText.replace('"profile": "jinzhong-2021",', `"profile": "jinzhong-2021",\n  "profile_hash": "${hash}",`);
    const [fromExport, fromExample] = await evaluateInPage(page, [exported, EXAMPLE_TEXT]);
    assert.equal(fromExport.total.shown, "97.66");
    assert.deepEqual(fromExport, fromExample, "the evaluation of the export and of the example");
    assert.deepEqual(JSON.parse(exported), asDraft, "the exported form, as data (a draft)");
    assert.equal(exported, asDraftText, "the exported file, byte for byte (a draft)");

    assertClean(app);
  });
});
