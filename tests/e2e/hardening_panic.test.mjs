// A panic or a trap never eats the user's work: the test build (feature panic-test, built by
// tools/test.sh into target/dist-panic-test) can be made to panic, to trap (a WebAssembly trap that is
// not a panic: no panic hook runs), or to do either while applying the next edit. The page then shows
// a recovery screen whose download holds the latest edit, and a reload brings back every edit that
// was applied.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";

import { ROOT, launchBrowser, openApp, serveDist, waitForApp } from "./helpers.mjs";
import { download, field, num, reloadApp, type, waitSaved } from "./form_helpers.mjs";

const DIR = join(ROOT, "target", "dist-panic-test");
let site;
let browser;

before(async () => {
  if (!existsSync(join(DIR, "index.html"))) {
    throw new Error(`${DIR} is missing: tools/test.sh e2e builds it (trunk build --release --features panic-test --dist target/dist-panic-test)`);
  }
  site = await serveDist({ dir: DIR });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("a forced panic shows the recovery screen, which offers the last saved form", async () => {
  const { context, page, outside, errors } = await openApp(browser);
  try {
    await page.goto(site.url);
    await waitForApp(page);
    await page.click("[data-testid=open-example]");
    await page.waitForSelector(field("header.project"));
    await type(page, "header.project", "崩溃前的修改");
    await waitSaved(page);
    assert.equal(await num(page, "total"), "97.66");

    const thrown = await page.evaluate(() => {
      try {
        window.ziping.__panic("forced for the test");
        return null;
      } catch (e) {
        return String(e);
      }
    });
    assert.ok(thrown, "the panic stops the call");
    const screen = page.locator("main.recovery[role=alert]");
    await screen.waitFor();
    assert.match(await screen.textContent(), /遇到了问题/);
    assert.match(await screen.textContent(), /forced for the test/);
    const file = await download(page, screen.getByRole("button", { name: /下载表单（含最后一次修改）/ }));
    const saved = JSON.parse(file.text);
    assert.equal(saved.header.project, "崩溃前的修改", "the last saved state, with the last edit");
    assert.ok(errors.some((e) => e.includes("Ziping stopped: ")), "the panic is logged for support");
    assert.deepEqual(outside, []);

    // A reload brings the form back.
    await reloadApp(page, field("header.project"));
    assert.equal(await page.inputValue(field("header.project")), "崩溃前的修改");
  } finally {
    await context.close();
  }
});

for (const how of ["trap", "panic"]) {
  test(`a ${how} while an edit is applied: the download holds that edit and the unsaved one before it`, async () => {
    const { context, page, outside } = await openApp(browser);
    try {
      await page.goto(site.url);
      await waitForApp(page);
      await page.click("[data-testid=open-example]");
      await page.waitForSelector(field("header.project"));
      await type(page, "header.project", "已保存的修改");
      await waitSaved(page);
      // An edit not yet saved (the draft is written 300 ms after a change) …
      await type(page, "header.unit", "尚未保存的修改");
      // … and the edit during which the app stops.
      await page.evaluate((h) => window.ziping.__stopNextEdit(h), how);
      await page.fill(field("indicators[4].actual"), "48,6");
      const screen = page.locator("main.recovery[role=alert]");
      await screen.waitFor();
      assert.match(await screen.textContent(), /遇到了问题/);
      if (how === "trap") assert.match(await screen.textContent(), /RuntimeError/);
      const file = await download(page, screen.getByRole("button", { name: /下载表单（含最后一次修改）/ }));
      const form = JSON.parse(file.text);
      assert.equal(form.header.project, "已保存的修改");
      assert.equal(form.header.unit, "尚未保存的修改", "the edit not yet saved");
      assert.equal(form.indicators[4].typed?.actual ?? form.indicators[4].actual, "48,6", "the edit under way");
      assert.deepEqual(outside, []);

      // A reload brings back every edit that was applied; the one under way is in the download.
      await reloadApp(page, field("header.project"));
      assert.equal(await page.inputValue(field("header.project")), "已保存的修改");
      assert.equal(await page.inputValue(field("header.unit")), "尚未保存的修改");
    } finally {
      await context.close();
    }
  });
}

test("a trap outside any edit shows the recovery screen too", async () => {
  const { context, page } = await openApp(browser);
  try {
    await page.goto(site.url);
    await waitForApp(page);
    await page.click("[data-testid=open-example]");
    await page.waitForSelector(field("header.project"));
    await type(page, "header.project", "陷阱前的修改");
    // From an event handler, as a trap in the page would come: not from a caller that catches it.
    await page.evaluate(() => setTimeout(() => window.ziping.__trap(), 0));
    const screen = page.locator("main.recovery[role=alert]");
    await screen.waitFor();
    assert.equal(await page.locator("main.recovery").count(), 1, "one screen, not one per report");
    const file = await download(page, screen.getByRole("button", { name: /下载表单（含最后一次修改）/ }));
    assert.equal(JSON.parse(file.text).header.project, "陷阱前的修改");
  } finally {
    await context.close();
  }
});

test("the profile editor's page, stopped, offers the profile being written", async () => {
  const { context, page, outside, errors } = await openApp(browser);
  try {
    await page.goto(`${site.url}profile-editor/#new=central-2020`);
    await page.waitForSelector("main.profile-editor");
    await type(page, "grades[0].min", "95");
    await page.waitForFunction(() => document.querySelector('[data-path="grades[0].min"]')?.value === "95");
    await page.evaluate(() => setTimeout(() => window.__zipingProfilesPanic(), 0));
    await page.waitForSelector("main.recovery");
    assert.match(await page.locator("main.recovery h1").textContent(), /规则编辑器遇到了问题/);
    const file = await download(page, "[data-testid=pe-recover]");
    assert.equal(file.name, "central-2020-local.json");
    const profile = JSON.parse(file.text);
    assert.equal(profile.extends, "central-2020");
    assert.equal(profile.grades[0].min, "95");
    assert.deepEqual(outside, [], "requests that left 127.0.0.1");
    assert.ok(errors.every((e) => /forced by the test build|RuntimeError|unreachable/.test(e)), errors.join("\n"));
  } finally {
    await context.close();
  }
});
