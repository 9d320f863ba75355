// Shared helpers for the end-to-end tests (`node --test tests/e2e/`, run by `make test`).
//
// - serveDist(): serves the release build (dist/, made by `make dist`) from a sub-folder,
//   http://127.0.0.1:PORT/app/, with a tiny static server on node's own http module, so that hosting
//   under a sub-path is tested every time.
// - launchBrowser(): Debian's Chromium (/usr/bin/chromium) through playwright-core. No browser is ever
//   downloaded.
// - openApp(): a new page with guards: every request that leaves 127.0.0.1 is blocked and recorded,
//   and console errors and page errors are recorded, for the test to assert on.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DIST = join(ROOT, "dist");
/** The sub-folder the app is served from. */
export const BASE_PATH = "/app/";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", // the tests may run as root
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves `dir` under `basePath` on 127.0.0.1 at a free port. `headers` are added to every response
 * (e.g. a Content-Security-Policy). Returns { url, server, requests, close }; `url` ends with basePath,
 * `requests` lists every path asked for.
 */
export async function serveDist({ dir = DIST, basePath = BASE_PATH, headers = {} } = {}) {
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`${dir}/index.html is missing: run \`make dist\` first`);
  }
  const root = resolve(dir);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    requests.push(path);
    if (path === basePath.replace(/\/$/, "")) {
      res.writeHead(301, { Location: basePath }).end();
      return;
    }
    if (!path.startsWith(basePath)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    let file = normalize(join(root, path.slice(basePath.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        ...headers,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    origin: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Launches headless Chromium from Debian's package. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`tools/setup.sh test\` (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Opens a page in a fresh context with the network guard and the console log. Returns
 * { context, page, outside, errors, console }: `outside` lists URLs that tried to leave 127.0.0.1
 * (they are aborted), `errors` console errors and uncaught page errors, `console` every message.
 */
export async function openApp(browser, { viewport = { width: 1366, height: 768 }, deviceScaleFactor = 1, bypassCSP = false } = {}) {
  // bypassCSP only for tests that inject a checker (axe-core) into the page; every other test runs
  // under the page's own Content-Security-Policy. 200 % zoom of a 1366×768 screen is a 683×384 CSS
  // viewport at a device scale factor of 2.
  const context = await browser.newContext({ viewport, deviceScaleFactor, locale: "zh-CN", bypassCSP });
  const outside = [];
  const errors = [];
  const messages = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const local = url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:";
    if (local) return route.continue();
    outside.push(url.href);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    messages.push(`${msg.type()}: ${msg.text()}`);
    if (msg.type() === "error") errors.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    // A navigation cancels the icon fetch of the page it leaves (net::ERR_ABORTED): that is the
    // browser's own housekeeping, not a failure of the app.
    const iconCancelled = /favicon/.test(req.url()) && req.failure()?.errorText === "net::ERR_ABORTED";
    if (!outside.includes(req.url()) && !iconCancelled) errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  return { context, page, outside, errors, console: messages };
}

/** Waits until the Yew app has rendered its first screen. */
export async function waitForApp(page) {
  await page.waitForSelector("main#main h1", { timeout: 15_000 });
}

/**
 * Runs axe-core (from node_modules, injected into the page) and returns its violations, each as
 * "rule-id: help (n nodes)". The page must not have a Content-Security-Policy blocking the injection.
 */
export async function axeViolations(page, options = { runOnly: ["wcag2a", "wcag2aa", "best-practice"] }) {
  await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate((opts) => globalThis.axe.run(document, opts), options);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`);
}
