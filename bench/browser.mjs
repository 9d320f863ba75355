// Browser benchmarks of the release build (dist/), run by `make bench` after the criterion benches.
// Definitions, how to read the numbers, and the latest run: docs/performance.md. Budgets:
// bench/budgets.json.
//
//   node bench/browser.mjs            # measure, print the table, write bench/results.json
//   node bench/browser.mjs --check    # the same, and exit 1 when a budget is missed
//   node bench/browser.mjs cold_load  # only the measurements named (ids of MEASUREMENTS)
// The exit status is 2 when a measurement could not be made.
//
// A copy of dist/ (target/bench/dist, so that a build started meanwhile cannot change it) is served
// from /app/ by the end-to-end tests' server (tests/e2e/helpers.mjs) and opened in
// Debian's Chromium (/usr/bin/chromium) with the tests' launch arguments. The synthetic forms come
// from the engine (`cargo run --release -p ziping-engine --example sample -- ROWS`).
//
// Each measurement is an entry of MEASUREMENTS: { id, what, unit, budget, run(env) }, where `run`
// returns { samples } (and anything else worth keeping in results.json) or is null for what cannot
// be measured yet (the review desk). Add a measurement by adding an entry.

import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { CHROMIUM, CHROMIUM_ARGS, DIST, launchBrowser, serveDist } from "../tests/e2e/helpers.mjs";
import { BUDGETS, ROOT, measureSize } from "./size.mjs";
import { EXAMPLES, generatedForms } from "../tests/e2e/review_forms.mjs";

const VIEWPORT = { width: 1366, height: 768 };
// The cold load's reference page (no script), written into the served copy of dist/ and not counted in
// its size.
const FLOOR_PAGE = "floor.html";
const SAVED = "已保存在本浏览器";

// ---------------------------------------------------------------------------------------------------
// Statistics

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

const round = (x, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** { median, p95 } of a list, in tenths. */
const stat = (values) => ({ median: round(median(values), 1), p95: round(percentile(values, 95), 1) });

// ---------------------------------------------------------------------------------------------------
// Helpers

/**
 * Copies dist/ to target/bench/dist and measures the copy, so that a build started meanwhile (other
 * work on the same tree) cannot change the files half-way through a run. The copy must be whole: the
 * glue and wasm that index.html names are there.
 */
function snapshotDist() {
  const dir = join(ROOT, "target", "bench", "dist");
  for (let attempt = 1; ; attempt++) {
    rmSync(dir, { recursive: true, force: true });
    // Not Trunk's staging folder (.stage), which exists while a build is under way.
    cpSync(DIST, dir, { recursive: true, filter: (src) => src === DIST || !basename(src).startsWith(".") });
    const html = existsSync(join(dir, "index.html")) ? readFileSync(join(dir, "index.html"), "utf8") : "";
    const named = [...html.matchAll(/data-ziping-(?:js|wasm)="\.\/([^"]+)"/g)].map((m) => m[1]);
    if (named.length === 2 && named.every((f) => existsSync(join(dir, f)))) {
      const files = readdirSync(dir).sort();
      // The cold load's reference page: the same document and stylesheets without any script.
      const floor = html.replace(/<script\b[^>]*><\/script>/g, "").replace(/<link rel="(?:module)?preload"[^>]*>/g, "");
      writeFileSync(join(dir, FLOOR_PAGE), floor);
      return { dir, files };
    }
    if (attempt === 5) throw new Error("dist/ is not a whole build (index.html names files it lacks): run `make dist`");
    execFileSync("sleep", ["2"]);
  }
}

/** A ziping-form file of `rows` level-3 indicator rows, from the engine's `sample::large_form`. */
const forms = new Map();
function sampleForm(rows) {
  if (!forms.has(rows)) {
    const text = execFileSync(
      "cargo",
      ["run", "--release", "--quiet", "-p", "ziping-engine", "--example", "sample", "--", String(rows)],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] },
    );
    forms.set(rows, text);
  }
  return forms.get(rows);
}

/** A fresh browser context (no cache, empty storage) and a page, with errors recorded. */
async function freshPage(env) {
  const context = await env.browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  const outside = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
  // Recorded, not intercepted: routing every request through playwright would slow the load.
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", ""].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol)) outside.push(r.url());
  });
  const check = () => {
    if (errors.length || outside.length) throw new Error([...errors, ...outside.map((u) => `left 127.0.0.1: ${u}`)].join("\n"));
  };
  return { context, page, check };
}

async function startScreen(env, page) {
  await page.goto(env.site.url);
  await page.waitForSelector("main#main.start [data-testid=open-example]", { timeout: 30_000 });
}

/** Imports a form file through the start screen's file input and waits for the editor. */
async function importForm(page, name, text) {
  await page.setInputFiles("#import-file", { name, mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
  await page.waitForSelector("[data-testid=total] .num-value", { timeout: 120_000 });
  await waitSaved(page);
}

function waitSaved(page) {
  return page.waitForFunction(
    (saved) => document.querySelector("[data-testid=save-status]")?.textContent.trim() === saved,
    SAVED,
    { timeout: 60_000, polling: 50 },
  );
}

// ---------------------------------------------------------------------------------------------------
// Measurements

/** Installed before any script of the page: times the first screen and the opening of the seed. */
export function coldLoadProbe() {
  const now = () => performance.now();
  // The paint after a DOM change: the next frame, then a task after it.
  const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  const r = {};
  addEventListener("TrunkApplicationStarted", () => (r.appStarted = now()));
  let stage = 0;
  const observer = new MutationObserver(() => {
    if (stage === 0) {
      const button = document.querySelector("main#main.start [data-testid=open-example]");
      if (!button) return;
      stage = 1;
      r.startSeen = now();
      painted().then(() => {
        r.startPainted = now();
        stage = 2;
        r.click = now();
        button.click();
      });
    } else if (stage === 2) {
      const total = document.querySelector("[data-testid=total] .num-value");
      if (total?.textContent.trim() !== "97.66") return;
      stage = 3;
      r.seedSeen = now();
      observer.disconnect();
      painted().then(() => {
        r.seedPainted = now();
        const nav = performance.getEntriesByType("navigation")[0];
        r.responseEnd = nav?.responseEnd;
        r.domContentLoaded = nav?.domContentLoadedEventEnd;
        const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
        r.wasmFetched = wasm?.responseEnd;
        window.__coldLoad = r;
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * Back to the start screen (the editor's first toolbar button, ← 返回首页), then 打开示例 again:
 * click → total 97.66 painted, with the module's code compiled by the first opening. The difference to
 * the first click is what compiling the editor's code on first use costs.
 */
async function reopenExample(page) {
  await page.click(".editor .toolbar button >> nth=0");
  await page.waitForSelector("main#main.start [data-testid=open-example]");
  return page.evaluate(
    () =>
      new Promise((ok) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector("[data-testid=total] .num-value")?.textContent.trim() !== "97.66") return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => ok(performance.now() - t0), 0));
        });
        observer.observe(document, { childList: true, subtree: true, characterData: true });
        document.querySelector("[data-testid=open-example]").click();
      }),
  );
}

async function coldLoad(env) {
  const { runs } = BUDGETS.cold_load;
  const one = async () => {
    const { context, page, check } = await freshPage(env);
    try {
      await context.addInitScript(coldLoadProbe);
      await page.goto(env.site.url, { waitUntil: "commit" });
      const handle = await page.waitForFunction(() => window.__coldLoad, null, { timeout: 30_000, polling: 100 });
      const r = await handle.jsonValue();
      r.reopen = await reopenExample(page);
      check();
      return r;
    } finally {
      await context.close();
    }
  };
  // The browser's own share: the same server, a fresh context, the app's HTML and stylesheets but no
  // script (FLOOR_PAGE in the served copy), from navigation start to the first frame painted after `load`.
  const floor = async () => {
    const { context, page, check } = await freshPage(env);
    try {
      await page.goto(new URL(FLOOR_PAGE, env.site.url).href, { waitUntil: "commit" });
      const t = await page.evaluate(
        () =>
          new Promise((ok) => {
            const painted = () => requestAnimationFrame(() => setTimeout(() => ok(performance.now()), 0));
            if (document.readyState === "complete") painted();
            else addEventListener("load", painted);
          }),
      );
      check();
      return t;
    } finally {
      await context.close();
    }
  };
  await one(); // warm-up, not counted: the browser process's first page and the OS file cache
  const list = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    list.push(await one());
    floors.push(await floor());
  }
  const part = (f) => stat(list.map(f));
  return {
    samples: list.map((r) => r.seedPainted),
    parts: {
      "navigation start → wasm fetched": part((r) => r.wasmFetched),
      "navigation start → app started (TrunkApplicationStarted)": part((r) => r.appStarted),
      "navigation start → start screen painted": part((r) => r.startPainted),
      "click on 打开示例 → total 97.66 painted": part((r) => r.seedPainted - r.click),
      "reference: the same click again in the same page (code already compiled)": part((r) => r.reopen),
      "reference: a page without script (HTML and CSS only), navigation start → painted": stat(floors),
    },
    runs: list.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, 1)]))),
  };
}

/**
 * Keystrokes in the actual of the first level-3 row (target ≥10个, actual 8个) of a `rows`-row form:
 * alternately "1" after the 8 (81个, full score) and Backspace (8个 again, 0.8 of it), so the total
 * changes on every keystroke. t0 = performance.now() in a capture keydown listener on window (the
 * first script to see the keystroke); t1 = performance.now() in a task after the frame that follows
 * the total's change (MutationObserver, then requestAnimationFrame, then setTimeout 0). Between
 * keystrokes the draft is left to save (status 已保存在本浏览器), so each keystroke starts idle.
 */
async function keystrokes(env, rows, count, warmup = 3) {
  const text = sampleForm(rows);
  const { context, page, check } = await freshPage(env);
  try {
    await startScreen(env, page);
    await importForm(page, `rows-${rows}.json`, text);
    const input = '[data-path="indicators[2].actual"]';
    assert((await page.inputValue(input)) === "8个", `indicators[2].actual of the ${rows}-row form is 8个`);
    await page.evaluate(() => {
      window.__keydown = 0;
      addEventListener("keydown", () => (window.__keydown = performance.now()), { capture: true });
    });
    await page.focus(input);
    const samples = [];
    const warm = [];
    const changed = [];
    for (let i = 0; i < warmup + count; i++) {
      const typeOne = i % 2 === 0;
      await page.evaluate(
        ({ sel, caret }) => {
          const el = document.querySelector(sel);
          el.focus();
          el.setSelectionRange(caret, caret);
          const summary = document.querySelector("section.summary");
          const value = () => document.querySelector("[data-testid=total] .num-value")?.textContent.trim();
          const before = value();
          window.__keystroke = new Promise((ok) => {
            const observer = new MutationObserver(() => {
              const after = value();
              if (after === before) return;
              observer.disconnect();
              const changed = performance.now() - window.__keydown;
              requestAnimationFrame(() =>
                setTimeout(() => ok({ dt: performance.now() - window.__keydown, changed, before, after, typed: el.value }), 0),
              );
            });
            observer.observe(summary, { childList: true, subtree: true, characterData: true });
          });
        },
        { sel: input, caret: typeOne ? 1 : 2 },
      );
      await page.keyboard.press(typeOne ? "1" : "Backspace");
      const r = await page.evaluate(() =>
        Promise.race([window.__keystroke, new Promise((_, no) => setTimeout(() => no(new Error("the total did not change within 10 s")), 10_000))]),
      );
      const expected = typeOne ? "81个" : "8个";
      assert(r.typed === expected, `keystroke ${i}: the field reads ${r.typed}, expected ${expected}`);
      assert(r.before !== r.after, `keystroke ${i}: the total changed`);
      (i < warmup ? warm : samples).push(r.dt);
      if (i >= warmup) changed.push(r.changed);
      await waitSaved(page);
      await page.waitForTimeout(30);
    }
    check();
    return {
      samples,
      parts: { "keydown → total changed in the DOM": stat(changed), "total changed → painted": stat(samples.map((t, i) => t - changed[i])) },
      warmup_not_counted: warm.map((x) => round(x, 1)),
    };
  } finally {
    await context.close();
  }
}

/** window.ziping.timeEvaluate in the release build: one evaluation per sample, after 10 to warm up. */
async function engineWasm(env) {
  const { rows, samples: n } = BUDGETS.engine_wasm_1000;
  const text = sampleForm(rows);
  const { context, page, check } = await freshPage(env);
  try {
    await startScreen(env, page);
    const r = await page.evaluate(
      ({ text, n }) => {
        const z = globalThis.ziping;
        if (typeof z?.timeEvaluate !== "function") throw new Error("window.ziping.timeEvaluate is missing from this build");
        z.timeEvaluate(text, 10);
        const samples = [];
        for (let i = 0; i < n; i++) samples.push(z.timeEvaluate(text, 1));
        return { samples, mean100: z.timeEvaluate(text, 100) };
      },
      { text, n },
    );
    check();
    return { samples: r.samples, "mean of 100 in one call (ms)": round(r.mean100) };
  } finally {
    await context.close();
  }
}

/**
 * The criterion result of `cargo bench -p ziping-engine --bench evaluate` (run before this script):
 * criterion's median estimate, and the p95 of its samples' per-evaluation means.
 */
async function engineNative() {
  const base = join(ROOT, "target", "criterion", ...BUDGETS.engine_native_1000.criterion_dir.split("/"), "new");
  const estimates = join(base, "estimates.json");
  if (!existsSync(estimates)) throw new Error(`${estimates} is missing: run \`cargo bench -p ziping-engine --bench evaluate\``);
  const e = JSON.parse(readFileSync(estimates, "utf8"));
  const s = JSON.parse(readFileSync(join(base, "sample.json"), "utf8"));
  const ms = (ns) => ns / 1e6;
  return {
    samples: s.times.map((t, i) => ms(t / s.iters[i])), // one per criterion sample
    median: ms(e.median.point_estimate),
    "criterion mean (ms): low, estimate, high": [e.mean.confidence_interval.lower_bound, e.mean.point_estimate, e.mean.confidence_interval.upper_bound].map((x) => round(ms(x), 4)),
    measured_at: statSync(estimates).mtime.toISOString(),
  };
}

async function size(env) {
  const m = measureSize(env.dist, { exclude: [FLOOR_PAGE] });
  return { samples: [m.kb], bytes: m.gzip, files: m.files, not_counted: m.skipped, bytes_per_kb: m.bytesPerKb };
}

/** The one-file edition (dist/ziping-offline.html): its size in KB as a file (what a USB stick or a
 * mail carries), with its gzip -9 size beside it. */
async function oneFileSize(env) {
  const m = measureSize(env.dist, { exclude: [FLOOR_PAGE] });
  if (!m.oneFile) throw new Error("dist/ has no one-file edition (tools/offline.mjs)");
  return { samples: [m.oneFile.bytes / m.bytesPerKb], bytes: m.oneFile.bytes, gzip: m.oneFile.gzip, bytes_per_kb: m.bytesPerKb };
}

/**
 * The one-file edition's cold load from file:// with every network request refused: each run a new
 * context (empty storage), the same probe as `cold_load` (navigation start → start screen painted →
 * click on 打开示例 → total 97.66 painted).
 */
async function oneFileColdLoad(env) {
  const { runs } = BUDGETS.one_file_cold_load;
  const url = pathToFileURL(join(env.dist, BUDGETS.size.one_file)).href;
  const one = async () => {
    const { context, page, check } = await freshPage(env);
    try {
      await context.setOffline(true);
      await context.addInitScript(coldLoadProbe);
      await page.goto(url, { waitUntil: "commit" });
      const handle = await page.waitForFunction(() => window.__coldLoad, null, { timeout: 60_000, polling: 100 });
      const r = await handle.jsonValue();
      check();
      return r;
    } finally {
      await context.close();
    }
  };
  await one(); // warm-up, not counted
  const list = [];
  for (let i = 0; i < runs; i++) list.push(await one());
  const part = (f) => stat(list.map(f));
  return {
    samples: list.map((r) => r.seedPainted),
    parts: {
      "navigation start → app started (TrunkApplicationStarted)": part((r) => r.appStarted),
      "navigation start → start screen painted": part((r) => r.startPainted),
      "click on 打开示例 → total 97.66 painted": part((r) => r.seedPainted - r.click),
    },
    runs: list.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, 1)]))),
  };
}

async function sizeAll(env) {
  const m = measureSize(env.dist, { exclude: [FLOOR_PAGE] });
  return { samples: [m.allKb], bytes: m.allGzip, files: m.files, bytes_per_kb: m.bytesPerKb };
}

/**
 * Opens the review desk from the start screen, chooses `files` at once and waits for the frame in
 * which the table lists `rows` rows: milliseconds from the input's change event to that frame.
 */
async function deskLoad(env, page, files, rows) {
  await startScreen(env, page);
  await page.click("[data-testid=show-review]");
  await page.waitForSelector("#review-files", { state: "attached" });
  await page.evaluate(() => {
    document.addEventListener("change", () => (window.__reviewStart = performance.now()), { capture: true, once: true });
  });
  await page.setInputFiles("#review-files", files);
  const took = await page.waitForFunction(
    (n) => document.querySelectorAll("[data-testid=review-table] tbody tr").length === n && performance.now() - window.__reviewStart,
    rows,
    { polling: "raf", timeout: 120_000 },
  );
  return took.jsonValue();
}

/**
 * The review desk: `forms` files (the three examples and forms made from them) chosen at once in a
 * fresh page, from the input's change event to the frame in which the table lists every one; and
 * the JS heap after (CDP `Runtime.getHeapUsage`, after a garbage collection). Three runs.
 */
async function reviewDesk(env) {
  const { forms, runs = 3 } = BUDGETS.review_desk_1000;
  const files = [...EXAMPLES, ...generatedForms(forms - EXAMPLES.length)].map(({ name, text }) => ({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(text, "utf8"),
  }));
  const samples = [];
  const heaps = [];
  const wasm = [];
  for (let i = 0; i < runs; i++) {
    const { context, page, check } = await freshPage(env);
    try {
      // The wasm module's memory, kept from the loader's start event (loader.js).
      await page.addInitScript(() =>
        addEventListener("TrunkApplicationStarted", (e) => (window.__wasmMemory = e.detail.wasm.memory)),
      );
      samples.push(await deskLoad(env, page, files, files.length));
      const cdp = await context.newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      const wasmBytes = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
      heaps.push(usedSize / 1048576);
      wasm.push(wasmBytes / 1048576);
      check();
    } finally {
      await context.close();
    }
  }
  // The budget's "JS heap": the JS heap proper plus the wasm module's linear memory (an ArrayBuffer
  // outside that heap, where the forms and their evaluations live).
  const heap = Math.max(...heaps.map((h, i) => h + wasm[i]));
  return {
    samples,
    "JS heap after, MB (max of runs)": round(Math.max(...heaps), 1),
    "wasm memory after, MB (max of runs)": round(Math.max(...wasm), 1),
    heapMb: heap,
  };
}

/**
 * The agency-style workbooks (crates/workbook/tests/workbooks/: three layouts, each saved by
 * LibreOffice as .xlsx, .xls and .ods), `count` files in turn under names of their own, and how many
 * forms they hold together (the central layout has two forms on a sheet, the 10 + 90 layout one per
 * sheet on two sheets).
 */
function workbookFiles(count) {
  const dir = join(ROOT, "crates", "workbook", "tests", "workbooks");
  const forms = { "jinzhong-agency": 1, "central-two-forms": 2, "budget10-per-sheet": 2 };
  const books = Object.keys(forms).flatMap((stem) => ["xlsx", "xls", "ods"].map((ext) => ({ stem, ext, buffer: readFileSync(join(dir, `${stem}.${ext}`)) })));
  const files = [];
  let rows = 0;
  for (let i = 0; i < count; i++) {
    const b = books[i % books.length];
    files.push({ name: `${String(i).padStart(3, "0")}-${b.stem}.${b.ext}`, mimeType: "application/octet-stream", buffer: b.buffer });
    rows += forms[b.stem];
  }
  return { files, rows };
}

/**
 * The review desk: `files` workbooks chosen at once in a fresh page (read in the import worker), from
 * the input's change event to the frame in which the table lists every form they hold. Three runs.
 */
async function reviewDeskWorkbooks(env) {
  const { files: count, runs = 3 } = BUDGETS.review_desk_workbooks_300;
  const { files, rows } = workbookFiles(count);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const { context, page, check } = await freshPage(env);
    try {
      samples.push(await deskLoad(env, page, files, rows));
      check();
    } finally {
      await context.close();
    }
  }
  return { samples, workbooks: count, forms: rows };
}

/**
 * The command line over the same workbooks: `ziping check --summary` of `files` workbooks in a
 * temporary folder (the release binary, built if missing), wall-clock, three runs.
 */
async function cliWorkbooks() {
  const { files: count, runs = 3 } = BUDGETS.cli_workbooks_300;
  const bin = join(ROOT, "target", "release", "ziping");
  if (!existsSync(bin)) execFileSync("cargo", ["build", "--release", "-p", "ziping-cli"], { cwd: ROOT, stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "ziping-bench-workbooks-"));
  try {
    const { files, rows } = workbookFiles(count);
    for (const f of files) writeFileSync(join(dir, f.name), f.buffer);
    const paths = files.map((f) => join(dir, f.name));
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const out = spawnSync(bin, ["check", "--summary", ...paths], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      samples.push(performance.now() - t0);
      assert(out.status === 0 || out.status === 1, `ziping check --summary exited ${out.status}: ${out.stderr}`);
    }
    return { samples, workbooks: count, forms: rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

const b = BUDGETS;
export const MEASUREMENTS = [
  { id: "size", what: "transfer size, first load (gzip -9, summed)", unit: "KB", budget: { limit: b.size.limit_kb, statistic: "median" }, run: size },
  { id: "size_all", what: "transfer size, all of dist/ incl. export worker", unit: "KB", budget: { limit: b.size.limit_kb, statistic: "median" }, run: sizeAll },
  { id: "cold_load", what: "cold load to the seed example interactive", unit: "ms", budget: { limit: b.cold_load.limit_ms, statistic: b.cold_load.statistic }, run: coldLoad },
  { id: "one_file_size", what: "one-file edition (ziping-offline.html), bytes", unit: "KB", budget: { limit: b.one_file_size.limit_kb, statistic: "median" }, run: oneFileSize },
  { id: "one_file_cold_load", what: "one-file edition from file://, cold load to the seed example interactive", unit: "ms", budget: { limit: b.one_file_cold_load.limit_ms, statistic: b.one_file_cold_load.statistic }, run: oneFileColdLoad },
  {
    id: "keystroke_200",
    what: "keystroke → total painted, 200 rows",
    unit: "ms",
    budget: { limit: b.keystroke_200.limit_ms, statistic: b.keystroke_200.statistic },
    run: (env) => keystrokes(env, b.keystroke_200.rows, b.keystroke_200.keystrokes),
  },
  {
    id: "keystroke_1000",
    what: "keystroke → total painted, 1 000 rows",
    unit: "ms",
    budget: { limit: b.keystroke_1000.limit_ms, statistic: b.keystroke_1000.statistic },
    run: (env) => keystrokes(env, b.keystroke_1000.rows, b.keystroke_1000.keystrokes),
  },
  { id: "engine_native_1000", what: "engine, 1 000 rows, native", unit: "ms", budget: { limit: b.engine_native_1000.limit_ms, statistic: b.engine_native_1000.statistic }, run: engineNative },
  { id: "engine_wasm_1000", what: "engine, 1 000 rows, wasm", unit: "ms", budget: { limit: b.engine_wasm_1000.limit_ms, statistic: b.engine_wasm_1000.statistic }, run: engineWasm },
  {
    id: "review_desk_1000",
    what: "review desk, 1 000 forms",
    unit: "ms",
    budget: { limit: b.review_desk_1000.limit_ms, statistic: b.review_desk_1000.statistic, heap_limit_mb: b.review_desk_1000.heap_limit_mb },
    run: reviewDesk,
  },
  {
    id: "review_desk_workbooks_300",
    what: "review desk, 300 workbooks (500 forms)",
    unit: "ms",
    budget: { limit: b.review_desk_workbooks_300.limit_ms, statistic: b.review_desk_workbooks_300.statistic },
    run: reviewDeskWorkbooks,
  },
  {
    id: "cli_workbooks_300",
    what: "command line, check --summary of the same 300 workbooks",
    unit: "ms",
    budget: { limit: b.cli_workbooks_300.limit_ms, statistic: b.cli_workbooks_300.statistic },
    run: cliWorkbooks,
  },
];

// ---------------------------------------------------------------------------------------------------
// Run

function machine(browserVersion) {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? "unknown";
  const git = (args) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  let os = "unknown";
  try {
    os = readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? os;
  } catch {}
  return {
    cpu: model,
    cores: cpus().length,
    memory_gib: round(totalmem() / 2 ** 30, 1),
    os,
    node: process.version,
    chromium: browserVersion,
    chromium_path: CHROMIUM,
    chromium_args: CHROMIUM_ARGS,
    load_average_at_start: loadAtStart,
    load_average_at_end: loadavg().map((x) => round(x, 2)),
    commit: git(["rev-parse", "--short", "HEAD"]),
    working_tree_changed: (git(["status", "--porcelain"]) ?? "") !== "",
  };
}

const fmt = (x, unit) => (x === undefined || Number.isNaN(x) ? "—" : `${unit === "KB" ? x.toFixed(1) : x < 10 ? x.toFixed(2) : x.toFixed(1)} ${unit}`);

// Other processes on the machine: the timings are wall-clock, so a busy machine shows in them.
const loadAtStart = loadavg().map((x) => round(x, 2));

async function main() {
  const check = process.argv.includes("--check");
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const snapshot = snapshotDist();
  console.log(`[bench] measuring a copy of dist/ in ${snapshot.dir}: ${snapshot.files.join(", ")}`);
  const env = { dist: snapshot.dir, site: await serveDist({ dir: snapshot.dir }), browser: await launchBrowser() };
  const results = [];
  let broken = 0;
  try {
    for (const m of MEASUREMENTS) {
      if (only.length && !only.includes(m.id)) continue;
      let result = null;
      let error = null;
      if (m.run) {
        process.stdout.write(`[bench] ${m.what} … `);
        const start = Date.now();
        try {
          const r = await m.run(env);
          result = { ...r, median: r.median ?? median(r.samples), p95: r.p95 ?? percentile(r.samples, 95), n: r.samples.length };
          console.log(`done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
        } catch (e) {
          error = e.message;
          broken++;
          console.log(`FAILED: ${e.message}`);
        }
      }
      // pass: null when not measured, false when the measurement failed.
      const pass = m.run
        ? result
          ? result[m.budget.statistic] <= m.budget.limit && (!m.budget.heap_limit_mb || result.heapMb <= m.budget.heap_limit_mb)
          : false
        : null;
      results.push({ id: m.id, what: m.what, unit: m.unit, budget: m.budget, note: m.note, error, pass, ...(result ?? {}) });
    }
    const info = machine(env.browser.version());
    const rows = results.map((r) => {
      const budget = `${r.budget.statistic === "p95" ? "p95" : r.id.startsWith("size") ? "" : "median"} ≤ ${r.budget.limit} ${r.unit}${r.budget.heap_limit_mb ? `, heap ≤ ${r.budget.heap_limit_mb} MB` : ""}`.trim();
      if (r.pass === null) return [r.what, r.note ?? "not measured", "", budget, "—"];
      if (r.error) return [r.what, "error", "", budget, "FAIL"];
      const p95 = r.id.startsWith("size") ? "" : fmt(r.p95, r.unit);
      const heap = r.heapMb !== undefined ? `, heap ${r.heapMb.toFixed(0)} MB` : "";
      return [r.what, fmt(r.median, r.unit) + heap, p95, budget, r.pass ? "pass" : "FAIL"];
    });
    const head = ["what", "median", "p95", "budget", "result"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join(" | ");
    console.log(`\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}`);
    for (const r of rows) console.log(line(r));
    console.log(
      `\n${info.cpu}, ${info.cores} cores, ${info.memory_gib} GiB, ${info.os}; Chromium ${info.chromium}; ` +
        `commit ${info.commit}${info.working_tree_changed ? " (working tree changed)" : ""}; ` +
        `load average ${info.load_average_at_start.join(" ")} at start, ${info.load_average_at_end.join(" ")} at end`,
    );
    const out = {
      date: new Date().toISOString(),
      machine: info,
      budgets: "bench/budgets.json",
      dist_files: snapshot.files,
      results: results.map((r) => {
        const { samples, ...rest } = r;
        return { ...rest, median: round(r.median, 4), p95: round(r.p95, 4), samples: samples?.map((x) => round(x, 4)) };
      }),
    };
    writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(out, null, 2)}\n`);
    console.log("written: bench/results.json");
    const missed = results.filter((r) => r.pass === false).length;
    if (missed) console.log(`${missed} budget(s) missed`);
    if (broken) process.exitCode = 2;
    else if (check && missed) process.exitCode = 1;
  } finally {
    await env.browser.close();
    await env.site.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
