// Offline after one visit (static/sw.js, static/offline.js, tools/offline.mjs), served from /app/:
// - after one visit, with the network gone (the browser offline and the server closed), the app
//   reloads, opens the example and exports a workbook (the export worker from the cache), the desk
//   reads a workbook (the import worker), and the profile editor's page opens;
// - a new build deployed under the same path is found and offered with "新版本可用 · 刷新", never
//   loaded under the user; choosing it reloads into the new build, the draft kept;
// - a deploy half done (a file that is not the one sw.js names) is not taken: the build in use stays;
// - the manifest makes the app installable (Chromium's own check);
// - where the browser has no service worker or refuses it (a private mode), the app works online as
//   before without a word, and an export with the network gone says why in the page's language;
// - the start page offers the one-file edition, which downloads as ziping-offline.html.
// No request leaves the origin in any of them.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, launchBrowser, openApp, serveDist, waitForApp } from "./helpers.mjs";
import { assertClean, download, num, openExample, waitSaved } from "./form_helpers.mjs";
import { readFileSync } from "node:fs";
import { serviceWorker } from "../../tools/offline.mjs";
import { chromium } from "playwright-core";

const WORKBOOK = join(ROOT, "crates/workbook/tests/workbooks/jinzhong-agency.xlsx");

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** A copy of dist/ the test may change, served from /app/ on its own port. */
async function ownSite() {
  const dir = await mkdtemp(join(tmpdir(), "ziping-sw-"));
  await cp(DIST, dir, { recursive: true });
  const site = await serveDist({ dir });
  return {
    dir,
    site,
    async close() {
      site.server.closeAllConnections();
      await site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the service worker controls the page (it has cached the whole build by then). */
function controlled(page) {
  return page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
}

/**
 * Runs `body({ own, app, page })` on a copy of dist/ of its own, in a fresh context whose page has
 * visited the app and is controlled by its service worker; closes both afterwards.
 */
async function visited(body) {
  const own = await ownSite();
  const app = await openApp(browser);
  try {
    await app.page.goto(own.site.url);
    await waitForApp(app.page);
    await controlled(app.page);
    return await body({ own, app, page: app.page });
  } finally {
    await app.context.close();
    await own.close();
  }
}

/** The build a page runs (its loader tag's `data-ziping-build`). */
const buildOf = (page) => page.evaluate(() => document.querySelector("script[data-ziping-build]").dataset.zipingBuild);

/** The names of the builds' caches, sorted. */
const buildCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("ziping-")).sort());

/** Deploys a new build into `dir`: index.html's title marked `mark`, and its sw.js. Its id. */
async function deploy(dir, mark) {
  const index = join(dir, "index.html");
  await writeFile(index, (await readFile(index, "utf8")).replace(/<title>[^<]*<\/title>/, `<title>${mark}</title>`));
  return serviceWorker(dir).build;
}

/** Asks the page's service worker to look for a new build, and waits until one is offered. */
async function offered(page) {
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.locator(".update-prompt").waitFor({ timeout: 60_000 });
}

/** The errors a page logs when the network is gone on purpose: the browser's own update check. */
const ownFailures = (errors) => errors.filter((e) => !/sw\.js/.test(e));

test("after one visit the app reloads and exports a workbook with no network", async () => {
  const own = await ownSite();
  const app = await openApp(browser);
  try {
    await app.page.goto(own.site.url);
    await waitForApp(app.page);
    await controlled(app.page);
    const cached = await app.page.evaluate(async () => {
      const keys = (await caches.keys()).filter((k) => k.startsWith("ziping-"));
      return Promise.all(keys.map(async (k) => [k, (await (await caches.open(k)).keys()).length]));
    });
    assert.equal(cached.length, 1, `one cache: ${JSON.stringify(cached)}`);
    assert.ok(cached[0][1] >= 25, `the whole build cached: ${JSON.stringify(cached)}`);

    // The network goes: the browser offline, the server closed.
    await app.context.setOffline(true);
    await own.close();
    const asked = own.site.requests.length;
    await app.page.reload();
    await waitForApp(app.page);
    await openExample(app.page);
    assert.equal(await num(app.page, "total"), "97.66");
    const xlsx = await download(app.page, "[data-testid=export-xlsx]");
    assert.equal(xlsx.name, "交警支队专项业务经费-2021.xlsx");
    assert.equal(xlsx.bytes.subarray(0, 2).toString("latin1"), "PK");
    // The review desk reads a workbook in the import worker, from the cache too.
    await app.page.click("text=← 返回首页");
    await app.page.click("[data-testid=show-review]");
    await app.page.setInputFiles("#review-files", WORKBOOK);
    await app.page.waitForFunction(() => document.querySelectorAll("table.review-table tbody tr").length >= 1, null, { timeout: 60_000 });
    assert.match(await app.page.locator("table.review-table tbody").textContent(), /jinzhong-agency\.xlsx/);
    // A page of its own, the profile editor, opens offline too.
    await app.page.click("[data-testid=review-back]");
    await app.page.click("[data-testid=new-profile]");
    await app.page.waitForSelector("main.profile-editor");
    assert.equal(own.site.requests.length, asked, "nothing reached the server");
    assert.deepEqual(app.outside, []);
    assert.deepEqual(ownFailures(app.errors), []);
  } finally {
    await app.context.close();
    await own.close().catch(() => {});
  }
});

test("a new build under the same path is offered with 新版本可用 · 刷新 and taken only when chosen; a tab left on the old build keeps its own workers", async () => {
  await visited(async ({ own, app, page }) => {
    await openExample(page);
    await waitSaved(page);
    const first = await buildOf(page);

    // A second tab, on the same (old) build.
    const other = await app.context.newPage();
    await other.goto(own.site.url);
    await waitForApp(other);
    await controlled(other);

    // Deploy a new build: another index.html (a mark in its title), an export worker that cannot
    // start (so that a tab of the old build using it would fail), and its sw.js.
    await writeFile(join(own.dir, "ziping-export_loader.js"), 'throw new Error("a worker of the new build");\n');
    const build = await deploy(own.dir, "Ziping 自评 · new build");
    assert.notEqual(build, first);

    await page.evaluate(() => (globalThis.__stillHere = true));
    const asked = own.site.requests.length;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const prompt = page.locator(".update-prompt");
    await prompt.waitFor({ timeout: 60_000 });
    // Only what changed was downloaded: the rest was copied from the build before.
    assert.deepEqual(
      [...new Set(own.site.requests.slice(asked))].sort(),
      ["/app/index.html", "/app/sw.js", "/app/ziping-export_loader.js"],
    );
    assert.match(await prompt.textContent(), /新版本可用 · 刷新/);
    // Offered, not forced: the page is the same page, on the old build.
    assert.equal(await page.evaluate(() => globalThis.__stillHere), true);
    assert.equal(await page.title(), "Ziping 自评");
    // A reload before choosing keeps the old build too (the new one waits).
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.title(), "Ziping 自评");
    await page.locator(".update-prompt button").waitFor({ timeout: 30_000 });

    await Promise.all([page.waitForEvent("load"), page.click(".update-prompt button")]);
    await waitForApp(page);
    assert.equal(await page.title(), "Ziping 自评 · new build");
    assert.equal(await buildOf(page), build);
    // The draft was kept, and reopens.
    await page.waitForSelector("[data-testid=total] .num-value");
    assert.equal(await num(page, "total"), "97.66");
    // The build before is kept for tabs still open on it; older ones are gone.
    assert.deepEqual(await buildCaches(page), [`ziping-${first}`, `ziping-${build}`].sort());

    // The other tab is still on the old build: it is offered the reload, and its export runs the
    // export worker of its own build (the new build's would throw).
    await other.locator(".update-prompt").waitFor({ timeout: 30_000 });
    assert.equal(await other.title(), "Ziping 自评");
    // (It shows the draft of the first tab, read-only: one draft is edited in one tab.)
    await other.waitForSelector("[data-testid=total] .num-value");
    const xlsx = await download(other, "[data-testid=export-xlsx]");
    assert.equal(xlsx.bytes.subarray(0, 2).toString("latin1"), "PK");
    // Its button, chosen now, reloads it into the new build (the other tab made it take over).
    await Promise.all([other.waitForEvent("load"), other.click(".update-prompt button")]);
    await waitForApp(other);
    assert.equal(await other.title(), "Ziping 自评 · new build");
    assertClean(app);
  });
});

test("a deploy half done is not taken: the build in use stays", async () => {
  await visited(async ({ own, app, page }) => {
    // A new sw.js is up, but a file it names is still the old one (or another build's).
    await deploy(own.dir, "half");
    const index = join(own.dir, "index.html");
    await writeFile(index, (await readFile(index, "utf8")).replace("<title>half</title>", "<title>other</title>"));
    const failed = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      try {
        await r.update();
      } catch (e) {
        return String(e);
      }
      // The install runs after update() resolves: wait until it has given up.
      for (let i = 0; i < 100 && (r.installing || r.waiting); i++) await new Promise((ok) => setTimeout(ok, 100));
      return r.waiting ? "waiting" : "refused";
    });
    assert.notEqual(failed, "waiting", "the half-done build is not offered");
    assert.equal(await page.locator(".update-prompt").count(), 0);
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.title(), "Ziping 自评", "still the build in use");
    const keys = await buildCaches(page);
    assert.equal(keys.length, 1, `no half cache left: ${keys}`);
    assert.deepEqual(app.outside, []);
  });
});

test("the app is installable: a manifest with icons and its name, Chromium finds no error", async () => {
  const own = await ownSite();
  const profile = await mkdtemp(join(tmpdir(), "ziping-profile-"));
  // Installability is not checked in an off-the-record context: a persistent one.
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(own.site.url);
    await waitForApp(page);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send("Page.getAppManifest");
    const parsed = JSON.parse(manifest.data);
    assert.match(parsed.name, /Ziping 自评/);
    assert.equal(parsed.translations.en.short_name, "Ziping");
    assert.deepEqual(manifest.errors, []);
  } finally {
    await context.close();
    await own.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test("without service workers (blocked, or refused as in a private mode) the app works online as before", async () => {
  const own = await ownSite();
  try {
    // Refused: register() rejects, as some private modes do.
    const refused = await openApp(browser);
    await refused.context.addInitScript(() => {
      navigator.serviceWorker.register = () => Promise.reject(new DOMException("refused", "SecurityError"));
    });
    await refused.page.goto(own.site.url);
    await waitForApp(refused.page);
    await openExample(refused.page);
    assert.equal(await num(refused.page, "total"), "97.66");
    const xlsx = await download(refused.page, "[data-testid=export-xlsx]");
    assert.equal(xlsx.bytes.subarray(0, 2).toString("latin1"), "PK");
    assert.equal(await refused.page.evaluate(() => navigator.serviceWorker.controller), null);
    assertClean(refused);
    await refused.context.close();

    // None at all: the export, with the network gone and nothing cached, says so in Chinese.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN", serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(own.site.url);
    await waitForApp(page);
    await openExample(page);
    await context.setOffline(true);
    await page.click("[data-testid=export-xlsx]");
    const notice = page.locator(".notice.error");
    await notice.waitFor({ timeout: 60_000 });
    assert.match(await notice.textContent(), /导出程序/);
    assert.doesNotMatch(await notice.textContent(), /worker/);
    await context.close();
  } finally {
    await own.close();
  }
});

test("the start page offers the one-file edition, which downloads as ziping-offline.html", async () => {
  const own = await ownSite();
  const app = await openApp(browser);
  try {
    await app.page.goto(own.site.url);
    await waitForApp(app.page);
    const link = app.page.locator("[data-testid=download-offline]");
    assert.equal(await link.textContent(), "下载离线版（单个文件）");
    const file = await download(app.page, link);
    assert.equal(file.name, "ziping-offline.html");
    assert.ok(file.bytes.equals(readFileSync(join(DIST, "ziping-offline.html"))), "the built file");
    assertClean(app);
  } finally {
    await app.context.close();
    await own.close();
  }
});

test("a build dropped before it was chosen costs open tabs nothing: the build they run is the one kept", async () => {
  await visited(async ({ own, app, page }) => {
    const first = await buildOf(page);
    // B is deployed and offered, not chosen; C replaces it before anyone chooses.
    const b = await deploy(own.dir, "B");
    await offered(page);
    const c = await deploy(own.dir, "C");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    // C installed: no install under way, C's cache made, a worker waiting (C; B is dropped).
    for (let tries = 0; ; tries++) {
      const state = await page.evaluate(async (c) => {
        const r = await navigator.serviceWorker.getRegistration();
        return (await caches.keys()).includes(`ziping-${c}`) && r.installing === null && r.waiting !== null;
      }, c);
      if (state) break;
      assert.ok(tries < 300, "C was never installed");
      await page.waitForTimeout(200);
    }
    await Promise.all([page.waitForEvent("load"), page.click(".update-prompt button")]);
    await waitForApp(page);
    assert.equal(await page.title(), "C");
    // Kept: C and the build the tabs ran (the first), not B, which no tab ever ran.
    assert.deepEqual(await buildCaches(page), [`ziping-${first}`, `ziping-${c}`].sort());
    assert.ok(!(await buildCaches(page)).includes(`ziping-${b}`));
    // A made-up build in a worker's address is a 404, and makes no cache.
    const status = await page.evaluate(async () => (await fetch("v/made-up/ziping-export_loader.js")).status);
    assert.equal(status, 404);
    assert.deepEqual(await buildCaches(page), [`ziping-${first}`, `ziping-${c}`].sort());
    assert.deepEqual(app.outside, []);
  });
});

test("under the service worker, pages that are not the build's come from the network: the one-file edition, a missing page", async () => {
  await visited(async ({ own, app, page }) => {
    const asked = own.site.requests.length;
    const response = await page.goto(`${own.site.url}ziping-offline.html`, { waitUntil: "commit" });
    assert.ok((await response.body()).includes("the one-file edition"), "the one-file edition itself, not the app's page");
    assert.ok(own.site.requests.slice(asked).includes("/app/ziping-offline.html"), "fetched from the server");
    const missing = await page.goto(`${own.site.url}no-such-page.html`);
    assert.equal(missing.status(), 404, "a page the build does not have is the server's 404");
  });
});
