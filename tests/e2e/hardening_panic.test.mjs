// A panic never eats the user's work: the test build (feature panic-test, built by tools/test.sh into
// target/dist-panic-test) can be made to panic; the page then shows a recovery screen that offers the
// last saved form as a download.
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
    const file = await download(page, screen.getByRole("button", { name: /下载最近保存的表单/ }));
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
