// window.ziping.evaluate: the page's engine for other scripts. It evaluates a form given as an object
// or as JSON text, and throws an Error listing every problem of a form it cannot read.
import { test } from "node:test";
import assert from "node:assert/strict";

import { EXAMPLE, EXAMPLE_TEXT, assertClean, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();

/** Calls window.ziping.evaluate in the page; returns { value } or { error } (message, problems…). */
function tryEvaluate(page, form) {
  return page.evaluate((f) => {
    try {
      return { value: globalThis.ziping.evaluate(f) };
    } catch (e) {
      return { error: { isError: e instanceof Error, message: e.message, problems: e.problems } };
    }
  }, form);
}

test("window.ziping.evaluate scores the example, given as an object or as its text", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    assert.equal(await page.evaluate(() => typeof globalThis.ziping?.evaluate), "function");
    const fromObject = await tryEvaluate(page, EXAMPLE);
    assert.equal(fromObject.error, undefined);
    const e = fromObject.value;
    assert.equal(e.total.shown, "97.66");
    assert.equal(e.total.explain.zh, "18.66 + 20.00 + 29.00 + 30.00 = 97.66");
    assert.equal(e.grade.grade, "优");
    assert.ok(e.findings.some((f) => f.code === "grade.contradicts_total"));
    const fromText = await tryEvaluate(page, EXAMPLE_TEXT);
    assert.deepEqual(fromText.value, e, "the same evaluation from the file's text");
    assertClean(app);
  });
});

test("window.ziping.evaluate throws an Error with every problem of a broken form", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const broken = structuredClone(EXAMPLE);
    broken.funds.rows[0].budget = 969.94;
    broken.header.colour = "red";
    broken.indicators[2].level = 7;
    const { value, error } = await tryEvaluate(page, broken);
    assert.equal(value, undefined);
    assert.equal(error.isError, true, "an Error");
    assert.ok(Array.isArray(error.problems), "with its problems");
    assert.deepEqual(error.problems.map((p) => p.path).sort(), ["funds.rows[0].budget", "header.colour", "indicators[2].level"]);
    for (const p of error.problems) {
      assert.ok(p.message.zh && p.message.en, `${p.path} has a message in both languages`);
      assert.ok(error.message.includes(p.path), `the Error's message names ${p.path}`);
    }

    const notJson = await tryEvaluate(page, "not a form at all");
    assert.equal(notJson.error.isError, true);
    assert.equal(notJson.error.problems.length, 1);
    assert.match(notJson.error.problems[0].message.en, /not valid JSON/);
    assertClean(app);
  });
});
