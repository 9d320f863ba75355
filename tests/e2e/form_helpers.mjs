// Helpers shared by the form app's end-to-end tests (the *.test.mjs files beside this one).
//
// Every test opens its own browser context through `startApp`, so localStorage starts empty, and
// ends with `assertClean`: no request left 127.0.0.1 and the page logged no error.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { ROOT, launchBrowser, openApp, serveDist, waitForApp } from "./helpers.mjs";

/** The seed example, as the app ships it. */
export const EXAMPLE_PATH = join(ROOT, "examples", "jinzhong-2021-traffic-police.json");
export const EXAMPLE_TEXT = readFileSync(EXAMPLE_PATH, "utf8");
export const EXAMPLE = JSON.parse(EXAMPLE_TEXT);

/**
 * Serves dist/ and launches Chromium once for the test file; returns an object whose `site` and
 * `browser` are set before the first test runs.
 */
export function useSite() {
  const env = { site: null, browser: null };
  before(async () => {
    env.site = await serveDist();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/**
 * A fresh browser context (empty localStorage) on the app's start screen. Returns what `openApp`
 * returns: { context, page, outside, errors, console }.
 */
export async function startApp(env, options) {
  const app = await openApp(env.browser, options);
  await app.page.goto(env.site.url);
  await waitForApp(app.page);
  await app.page.waitForSelector("main#main.start");
  return app;
}

/** Runs `body(app)` in a fresh context and closes the context afterwards, whatever happens. */
export async function withApp(env, body, options) {
  const app = await startApp(env, options);
  try {
    return await body(app);
  } finally {
    await app.context.close();
  }
}

/**
 * As `withApp`, on the screen the test starts from: `open(page)` (e.g. `openExample`) leads there
 * before `body(app)` runs.
 */
export function withAppAt(env, open, body, options) {
  return withApp(
    env,
    async (app) => {
      await open(app.page);
      return body(app);
    },
    options,
  );
}

/** As `withApp`, with the seed example open in the editor before `body(app)` runs. */
export function withExample(env, body, options) {
  return withAppAt(env, openExample, body, options);
}

/** Asserts that nothing left 127.0.0.1 and that the page logged no error. */
export function assertClean({ outside, errors }) {
  assert.deepEqual(outside, [], "requests that left 127.0.0.1");
  assert.deepEqual(errors, [], "console errors");
}

/** Reloads the page and waits until the app has rendered again and shows `selector`. */
export async function reloadApp(page, selector) {
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(selector);
}

/**
 * Clicks `target` (a selector, or a locator) and waits for the download it starts. Returns the
 * downloaded file: { name, path, bytes, text }, with the file name the page suggests, the path it
 * was saved to, its bytes and those bytes read as UTF-8.
 */
export async function download(page, target) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    typeof target === "string" ? page.click(target) : target.click(),
  ]);
  const path = await file.path();
  const bytes = await readFile(path);
  return { name: file.suggestedFilename(), path, bytes, text: bytes.toString("utf8") };
}

/** Opens the seed example from the start screen and waits for the editor. */
export async function openExample(page) {
  await page.click("[data-testid=open-example]");
  await page.waitForSelector("[data-testid=total] .num-value");
}

/** The CSS selector of the input bound to a field path. */
export function field(path) {
  return `[data-path="${path.replace(/(["\\])/g, "\\$1")}"]`;
}

/** Types `value` into the field at `path` (replacing what it held), as a user would. */
export async function type(page, path, value) {
  await page.fill(field(path), value);
}

/** The value the input at `path` shows. */
export function valueOf(page, path) {
  return page.inputValue(field(path));
}

/** The shown number of a computed value: `[data-testid=ID] .num-value`. */
export async function num(page, testid) {
  return (await page.locator(`[data-testid="${testid}"] .num-value`).first().textContent()).trim();
}

/** The text of an element (trimmed). */
export async function text(page, selector) {
  return (await page.locator(selector).first().textContent()).trim();
}

/** The text of every element `selector` matches (trimmed), in document order. */
export function texts(page, selector) {
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => e.textContent.trim()));
}

/** The codes of the findings listed in the findings panel, in order. */
export function findingCodes(page) {
  return page.locator("section.findings li.finding").evaluateAll((items) => items.map((li) => li.dataset.code));
}

/** Waits until the toolbar says the draft is saved in this browser. */
export async function waitSaved(page, saved = "已保存在本浏览器") {
  await page.waitForFunction(
    (saved) => document.querySelector("[data-testid=save-status]")?.textContent.trim() === saved,
    saved,
    { timeout: 5_000 },
  );
}

/**
 * Runs axe-core and returns its violations with their impact: [{ id, impact, help, nodes }], where
 * `nodes` lists the first targets of each violation.
 */
export async function axeReport(page, options = { runOnly: ["wcag2a", "wcag2aa", "best-practice"] }) {
  const loaded = await page.evaluate(() => typeof globalThis.axe !== "undefined");
  if (!loaded) await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate((opts) => globalThis.axe.run(document, opts), options);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}

/** Evaluates forms (objects or JSON text) with the page's own engine, `window.ziping.evaluate`. */
export function evaluateInPage(page, forms) {
  return page.evaluate((list) => list.map((f) => globalThis.ziping.evaluate(f)), forms);
}
