// Compares the cold load of two or more builds, interleaved, so that the machine's load falls on all of
// them alike: one warm-up round, then N rounds (N=12 unless set), each opening every build once in a
// fresh browser context with bench/browser.mjs's cold-load probe. Prints, per build, the medians of the
// same figures as `make bench`'s cold-load row and its parts.
//
//   node bench/compare.mjs DIR_A DIR_B [...]     # each DIR a built dist/ (e.g. copies of it)
//   N=20 node bench/compare.mjs DIR_A DIR_B
//
// Used to decide whether a change to the build or the page makes the cold load faster; the differences
// it found are in docs/performance.md ("What was tried").

import { launchBrowser, serveDist } from "../tests/e2e/helpers.mjs";
import { coldLoadProbe, median } from "./browser.mjs";

const dirs = process.argv.slice(2);
if (dirs.length < 2) {
  console.error("usage: node bench/compare.mjs DIR_A DIR_B [...]");
  process.exit(2);
}
const rounds = Number(process.env.N ?? 12);
const sites = await Promise.all(dirs.map((dir) => serveDist({ dir })));
const browser = await launchBrowser();
const runs = dirs.map(() => []);
try {
  for (let round = -1; round < rounds; round++) {
    for (let d = 0; d < dirs.length; d++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
      try {
        await context.addInitScript(coldLoadProbe);
        const page = await context.newPage();
        await page.goto(sites[d].url, { waitUntil: "commit" });
        const r = await (await page.waitForFunction(() => window.__coldLoad, null, { timeout: 30_000, polling: 100 })).jsonValue();
        if (round >= 0) runs[d].push(r);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  for (const site of sites) await site.close();
}

const columns = {
  "seed interactive": (r) => r.seedPainted,
  "wasm fetched": (r) => r.wasmFetched,
  "app started": (r) => r.appStarted,
  "start painted": (r) => r.startPainted,
  "click → painted": (r) => r.seedPainted - r.click,
};
console.log(`medians of ${rounds} interleaved cold loads each, ms from navigation start`);
console.log(["build", ...Object.keys(columns)].join(" | "));
dirs.forEach((dir, d) => console.log([dir, ...Object.values(columns).map((f) => median(runs[d].map(f)).toFixed(1))].join(" | ")));
