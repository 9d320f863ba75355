// Importing a form file that cannot be read: every problem is listed with its path, and the form
// that was open is left as it was.
import { test } from "node:test";
import assert from "node:assert/strict";

import { EXAMPLE, EXAMPLE_TEXT, assertClean, field, num, openExample, useSite, valueOf, waitSaved, withApp, withExample } from "./form_helpers.mjs";

const env = useSite();

/** The example with changes, as file text. */
function brokenExample(change) {
  const form = structuredClone(EXAMPLE);
  change(form);
  return JSON.stringify(form, null, 2);
}

/** Picks a file with this text in `input` (the start screen's #import-file), as the file chooser would. */
async function importText(page, name, text, input = "#import-file") {
  await page.setInputFiles(input, { name, mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
}

/** The problems the import report lists, as [path, message]. */
async function reportedProblems(page) {
  const report = page.locator("section.import-report");
  await report.waitFor();
  assert.equal(await report.getAttribute("role"), "alert");
  return report.locator("li").evaluateAll((items) =>
    items.map((li) => [li.querySelector("code.problem-path")?.textContent.trim(), li.querySelector(".problem-message")?.textContent.trim()]),
  );
}

/**
 * Opens the example (the form being worked on), goes back to the start screen where files are
 * imported, and returns a check that the form is still there, unchanged.
 */
async function openFormThenGoBack(page) {
  await openExample(page);
  const project = await valueOf(page, "header.project");
  assert.equal(project, "交警支队专项业务经费");
  assert.equal(await num(page, "total"), "97.66");
  await waitSaved(page);
  await page.getByRole("button", { name: "← 返回首页" }).click();
  await page.waitForSelector("#import-file");
  return async function assertUnchanged() {
    assert.equal(await page.locator("main#main.start").count(), 1, "the failed import opened nothing");
    assert.equal(await page.locator(".draft-list li.draft").count(), 1, "no draft was added");
    await page.locator(".draft-list li.draft").first().getByRole("button", { name: /^打开 / }).click();
    await page.waitForSelector(field("header.project"));
    assert.equal(await valueOf(page, "header.project"), project, "project name");
    assert.equal(await num(page, "total"), "97.66", "total");
    assert.equal(await valueOf(page, "funds.rows[0].budget"), "969.94");
    await page.getByRole("button", { name: "← 返回首页" }).click();
    await page.waitForSelector("#import-file");
  };
}

/**
 * Runs `body(page)` on the start screen while a form is being worked on (see openFormThenGoBack),
 * then checks that the form is still there, unchanged, and that the page is clean.
 */
async function withFormKept(body) {
  await withApp(env, async (app) => {
    const assertUnchanged = await openFormThenGoBack(app.page);
    await body(app.page);
    await assertUnchanged();
    assertClean(app);
  });
}

test("a file with many problems lists each with its path, and the open form is unchanged", async () => {
  await withFormKept(async (page) => {
    const text = brokenExample((f) => {
      f.header.colour = "red"; // an unknown field
      f.funds.rows[0].budget = 969.94; // a JSON number for an amount
      f.indicators[2].level = 4;
      f.indicators[5].weight = "abc";
      f.scores.budget_execution.declared_score = "1.6x";
    });
    await importText(page, "broken.json", text);
    const problems = await reportedProblems(page);
    assert.deepEqual(
      problems.map(([path]) => path).sort(),
      [
        "funds.rows[0].budget",
        "header.colour",
        "indicators[2].level",
        "indicators[5].weight",
        "scores.budget_execution.declared_score",
      ],
      "the paths of the problems",
    );
    const byPath = Object.fromEntries(problems);
    assert.match(byPath["header.colour"], /colour/);
    assert.match(byPath["funds.rows[0].budget"], /969\.94/);
    assert.ok(problems.every(([, message]) => message.length > 0), "every problem says what is wrong");
    assert.match(await page.locator("section.import-report h2").textContent(), /broken\.json/);
  });
});

test("a key written twice is reported with its path", async () => {
  await withFormKept(async (page) => {
    const text = EXAMPLE_TEXT.replace('"other": "无",', '"other": "无",\n    "other": "有",').replace(
      '"year": "2021",',
      '"year": "2021",\n    "year": "2022",',
    );
    assert.notEqual(text, EXAMPLE_TEXT);
    await importText(page, "twice.json", text);
    const problems = await reportedProblems(page);
    assert.deepEqual(problems.map(([path]) => path).sort(), ["header.year", "narratives.other"]);
    assert.ok(problems.every(([, message]) => /两次/.test(message)), "the message says the key is written twice");
  });
});

test("a file that is not JSON is reported, and nothing changes", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const assertUnchanged = await openFormThenGoBack(page);
    await importText(page, "notes.json", "项目支出绩效自评表\n这不是 JSON 文件。");
    const problems = await reportedProblems(page);
    assert.equal(problems.length, 1);
    assert.match(problems[0][0], /^line 1, column 1$/);
    assert.match(problems[0][1], /JSON/);

    // The report can be dismissed; a good file then imports.
    await page.locator("section.import-report").getByRole("button", { name: "关闭" }).click();
    assert.equal(await page.locator("section.import-report").count(), 0);
    await assertUnchanged();
    await importText(page, "good.json", EXAMPLE_TEXT);
    await page.waitForSelector(field("header.project"));
    assert.equal(await num(page, "total"), "97.66");
    assertClean(app);
  });
});

test("a file with a key written twice and other problems lists all of them", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const text = brokenExample((f) => {
      f.header.colour = "red";
      f.funds.rows[0].budget = 969.94;
    }).replace('"other": "无",', '"other": "无",\n    "other": "有",');
    await importText(page, "broken.json", text);
    const problems = await reportedProblems(page);
    assert.deepEqual(problems.map(([path]) => path).sort(), ["funds.rows[0].budget", "header.colour", "narratives.other"]);
    assertClean(app);
  });
});

/** Every field of the page as [path, value], in document order. */
function fieldValues(page) {
  return page.evaluate(() => [...document.querySelectorAll("[data-path]")].map((e) => [e.dataset.path, e.value ?? e.textContent]));
}

test("importing a broken file from the editor lists its problems and leaves the open form as it is", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await waitSaved(page);
    const before = await fieldValues(page);
    const text = brokenExample((form) => {
      form.funds.rows[0].budget = 969.94;
      form.header.colour = "red";
    });
    await importText(page, "broken.json", text, "#editor-import");
    const problems = await reportedProblems(page);
    const paths = problems.map(([path]) => path);
    assert.ok(paths.includes("funds.rows[0].budget"), `${paths}`);
    assert.ok(paths.includes("header.colour"), `${paths}`);
    // Still in the editor, on the same form, every field as it was.
    assert.equal(await num(page, "total"), "97.66");
    const after = await fieldValues(page);
    assert.deepEqual(after, before);
    assertClean(app);
  });
});
