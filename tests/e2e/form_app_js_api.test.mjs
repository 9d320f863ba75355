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

test("every failure of window.ziping.evaluate is an Error naming what went wrong and where", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.waitForFunction(() => typeof globalThis.ziping?.evaluate === "function");
    const failures = await page.evaluate(() => {
      const call = (make) => {
        try {
          globalThis.ziping.evaluate(...make());
          return { threw: false };
        } catch (e) {
          return { isError: e instanceof Error, message: e.message, paths: (e.problems ?? []).map((p) => p.path), en: (e.problems ?? []).map((p) => p.message.en) };
        }
      };
      const base = () => ({ format: "ziping-form", schema_version: 2, profile: "central-2020", header: { project: "x" } });
      const cyclic = base();
      cyclic.header.self = cyclic;
      const big = base();
      big.funds = { rows: [{ source: "a", budget: 10n }] };
      const lone = base();
      lone.header.project = "项目\ud800";
      const fn = base();
      fn.header.unit = () => 1;
      return {
        none: call(() => []),
        undef: call(() => [undefined]),
        cyclic: call(() => [cyclic]),
        big: call(() => [big]),
        lone: call(() => [lone]),
        loneText: call(() => ['{"format":"ziping-form","schema_version":2,"profile":"central-2020","header":{"project":"\ud800"}}'.replace("\\ud800", "\ud800")]),
        fn: call(() => [fn]),
      };
    });
    for (const [name, f] of Object.entries(failures)) {
      assert.equal(f.isError, true, `${name}: an Error`);
      assert.ok(f.en.length > 0, `${name}: with its problems`);
      assert.doesNotMatch(f.message, /unwrap|None value|hex escape/, `${name}: ${f.message}`);
    }
    assert.match(failures.none.en[0], /no form was given/);
    assert.deepEqual(failures.cyclic.paths, ["header.self"]);
    assert.match(failures.cyclic.en[0], /cycle/);
    assert.deepEqual(failures.big.paths, ["funds.rows[0].budget"]);
    assert.match(failures.big.en[0], /BigInt/);
    assert.deepEqual(failures.lone.paths, ["header.project"]);
    assert.match(failures.lone.en[0], /surrogate/);
    assert.match(failures.loneText.en[0], /surrogate/);
    assert.deepEqual(failures.fn.paths, ["header.unit"]);
    assertClean(app);
  });
});
