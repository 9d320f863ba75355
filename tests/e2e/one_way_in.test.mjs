// One way in, in the browser: the JavaScript API, the editor's import and the review desk read the
// same files through the same engine intake, so they report the same problems — each at its path,
// with the same message — and the bad-file corpus's manifest (crates/engine/tests/bad_files/
// expected.json) holds for all three. The native shells (command line, export worker, the reducer)
// are held to the same by tests/one_way_in.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, useSite, withApp } from "./form_helpers.mjs";

const env = useSite();
const CORPUS = join(ROOT, "crates", "engine", "tests", "bad_files");
const MANIFEST = JSON.parse(readFileSync(join(CORPUS, "expected.json"), "utf8")).refused;

/**
 * The corpus's refused form files (not profiles, not the over-size ones built by the native tests). The
 * manifest lists what the strict reader alone refuses; the intake in front of it skips a UTF-8
 * byte-order mark (as Windows Notepad writes one), so that file reads.
 */
function refusedForms() {
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith(".json") && name !== "expected.json" && !name.startsWith("profile-") && MANIFEST[name])
    .filter((name) => name !== "bom-prefixed.json")
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS, name), "utf8") }));
}

/** The problems `window.ziping.evaluate` throws for each text: [[path, zh message]]. */
async function apiProblems(page, files) {
  return page.evaluate((list) => list.map(({ text }) => {
    try {
      globalThis.ziping.evaluate(text);
      return null;
    } catch (e) {
      if (!(e instanceof Error)) return "not an Error";
      return e.problems.map((p) => [p.path, p.message.zh]);
    }
  }), files);
}

/** The problems the editor's import report lists for one file: [[path, message]]. */
async function editorProblems(page, file) {
  await page.setInputFiles("#import-file", { name: file.name, mimeType: "application/json", buffer: Buffer.from(file.text, "utf8") });
  const report = page.locator("section.import-report");
  await report.waitFor();
  assert.match(await report.locator("h2").textContent(), new RegExp(file.name.replace(/[.]/g, "\\.")));
  const problems = await report.locator("ul.problems > li").evaluateAll((items) =>
    items.map((li) => [li.querySelector("code.problem-path").textContent.trim(), li.querySelector(".problem-message").textContent.trim()]),
  );
  await report.getByRole("button", { name: "关闭" }).click();
  return problems.map(([path, message]) => [path === "(file)" ? "" : path, message]);
}

/** The problems the review desk lists for each file, by name. */
async function deskProblems(page, files) {
  await page.click("[data-testid=show-review]");
  await page.setInputFiles("#review-files", files.map((f) => ({ name: f.name, mimeType: "application/json", buffer: Buffer.from(f.text, "utf8") })));
  await page.waitForFunction((n) => document.querySelector('[data-count="unreadable"]')?.textContent === String(n), files.length);
  return page.locator("[data-testid=review-unreadable] li[data-file]").evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [
      li.dataset.file,
      [...li.querySelectorAll("ul.problems > li")].map((p) => [p.querySelector("code.problem-path")?.textContent.trim() ?? "", p.querySelector(".problem-message").textContent.trim()]),
    ])),
  );
}

test("the JavaScript API, the editor and the review desk give every bad file the same problems", async () => {
  const files = refusedForms();
  assert.ok(files.length >= 40, `${files.length} refused forms in the corpus`);
  await withApp(env, async (app) => {
    const { page } = app;
    const api = await apiProblems(page, files);
    for (const [i, file] of files.entries()) {
      const problems = api[i];
      assert.ok(Array.isArray(problems), `${file.name}: the API throws an Error with problems (${problems})`);
      // The manifest: the same paths in the same order (its English texts are checked natively).
      assert.deepEqual(problems.map(([path]) => path), MANIFEST[file.name].map((e) => e.path), `${file.name}: paths`);
    }
    // The editor, file by file (a handful is enough to show it is the same reader; the desk takes
    // them all at once).
    for (const i of [0, 7, 13, 21, 33, files.length - 1]) {
      assert.deepEqual(await editorProblems(page, files[i]), api[i], `editor: ${files[i].name}`);
    }
    const desk = await deskProblems(page, files);
    for (const [i, file] of files.entries()) {
      assert.deepEqual(desk[file.name], api[i], `desk: ${file.name}`);
    }
    assertClean(app);
  });
});

test("the JavaScript API reads a form as the editor does: the same total, grade and findings", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const text = readFileSync(join(ROOT, "examples", "guichi-tangxi-2022-commissioned-business.json"), "utf8");
    const api = await page.evaluate((t) => {
      const e = globalThis.ziping.evaluate(t);
      return { total: e.total.shown, grade: e.grade?.grade, codes: e.findings.map((f) => f.code) };
    }, text);
    await page.setInputFiles("#import-file", { name: "b.json", mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
    await page.waitForSelector("[data-testid=total] .num-value");
    const total = (await page.locator("[data-testid=total] .num-value").first().textContent()).trim();
    const codes = await page.locator("section.findings li.finding").evaluateAll((items) => items.map((li) => li.dataset.code));
    assert.equal(total, api.total);
    assert.deepEqual(codes, api.codes);
    assertClean(app);
  });
});
