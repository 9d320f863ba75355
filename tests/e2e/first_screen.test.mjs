// The release build loads from a sub-folder, renders its first screen, stays on 127.0.0.1 and logs
// no error.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { axeViolations, launchBrowser, openApp, serveDist, waitForApp } from "./helpers.mjs";

let site;
let browser;

before(async () => {
  site = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("the release build renders its first screen from /app/", async () => {
  const { context, page, outside, errors } = await openApp(browser, { bypassCSP: true });
  try {
    const response = await page.goto(site.url);
    assert.equal(response.status(), 200);
    await waitForApp(page);

    assert.equal(await page.locator("h1").textContent(), "Ziping 自评");
    assert.match(await page.locator("main").textContent(), /项目支出绩效自评表：填报、计分、核查，全部在浏览器中完成。/);
    assert.equal(await page.title(), "Ziping 自评");

    // Every file came from the sub-folder, none from the server's root.
    const stray = site.requests.filter((path) => !path.startsWith("/app/"));
    assert.deepEqual(stray, [], "requests outside /app/");
    assert.ok(site.requests.some((path) => path.endsWith(".wasm")), "the wasm module was fetched from /app/");

    assert.deepEqual(outside, [], "requests that left 127.0.0.1");
    assert.deepEqual(errors, [], "console errors");
    assert.deepEqual(await axeViolations(page), [], "accessibility (axe-core) violations");
  } finally {
    await context.close();
  }
});

test("the app starts under a strict Content-Security-Policy (no inline script)", async () => {
  const strict = await serveDist({
    headers: {
      "Content-Security-Policy":
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'",
    },
  });
  const { context, page, outside, errors } = await openApp(browser);
  try {
    await page.goto(strict.url);
    await waitForApp(page);
    assert.equal(await page.locator("h1").textContent(), "Ziping 自评");
    assert.deepEqual(outside, [], "requests that left 127.0.0.1");
    assert.deepEqual(errors, [], "console errors (a blocked script shows here)");
  } finally {
    await context.close();
    await strict.close();
  }
});
