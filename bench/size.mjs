// The transfer size of the release build: every .html, .js, .wasm and .css file in dist/, each
// compressed with gzip at level 9 (node's zlib), summed. 1 KB = 1024 bytes. Two sums: the first load
// (what the page fetches to start) and all of dist/, which adds the export worker fetched only when
// someone exports a workbook and the profile editor's page (dist/profile-editor/), fetched only by those
// who open it; that page's own first load is reported apart. The limits and the file kinds are in bench/budgets.json.
//
//   node bench/size.mjs            # print the table
//   node bench/size.mjs --check    # the same, and exit 1 when the sum is over the limit
//   node bench/size.mjs --json     # the measurement as JSON
//
// tools/test.sh runs `--check` right after it builds dist/; bench/browser.mjs (`make bench`) imports
// measureSize().

import { readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const ROOT = resolve(HERE, "..");
export const BUDGETS = JSON.parse(readFileSync(join(HERE, "budgets.json"), "utf8"));

/**
 * Measures dir (default dist/): { files: [{ name, bytes, gzip }], bytes, gzip, kb, limitKb,
 * bytesPerKb, pass, skipped: [names of other files] }. `exclude`: names in dir that are not part of
 * the build (the benchmark's reference page) and are neither counted nor listed.
 */
export function measureSize(dir = join(ROOT, "dist"), { exclude = [] } = {}) {
  const { limit_kb: limitKb, bytes_per_kb: bytesPerKb, extensions, on_demand_prefix: onDemand, ci_ceiling_kb: ceilingKb } = BUDGETS.size;
  const afterStart = BUDGETS.size.after_start ?? [];
  const oneFileName = BUDGETS.size.one_file;
  let oneFile = null;
  const files = [];
  const skipped = [];
  // The pages loaded on demand (their own folder of dist/): every file of theirs counts for them alone.
  const pages = BUDGETS.size.on_demand_pages ?? [];
  const names = readdirSync(dir).sort().flatMap((name) =>
    pages.includes(name) && statSync(join(dir, name)).isDirectory()
      ? readdirSync(join(dir, name)).sort().map((inner) => `${name}/${inner}`)
      : [name],
  );
  for (const name of names) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || exclude.includes(name)) continue;
    if (name === oneFileName) {
      const body = readFileSync(path);
      oneFile = { name, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
      continue;
    }
    if (!extensions.includes(extname(name))) {
      skipped.push(name);
      continue;
    }
    const body = readFileSync(path);
    const page = pages.find((p) => name.startsWith(`${p}/`));
    const after = afterStart.includes(name);
    const later = page || after || [].concat(onDemand ?? []).some((prefix) => name.startsWith(prefix));
    files.push({ name, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, onDemand: Boolean(later), afterStart: after, page: page ?? null });
  }
  if (!files.some((f) => f.name.endsWith(".wasm"))) {
    throw new Error(`${dir} holds no .wasm file: run \`make dist\` first`);
  }
  // The first load: every counted file but the on-demand ones. `all` adds those.
  const first = files.filter((f) => !f.onDemand);
  const gzip = first.reduce((n, f) => n + f.gzip, 0);
  const bytes = first.reduce((n, f) => n + f.bytes, 0);
  const allGzip = files.reduce((n, f) => n + f.gzip, 0);
  const kb = gzip / bytesPerKb;
  const allKb = allGzip / bytesPerKb;
  // Each on-demand page's own first load (its files, as that page fetches them to start).
  const pageLoads = Object.fromEntries(
    pages.map((p) => [p, files.filter((f) => f.page === p).reduce((n, f) => n + f.gzip, 0)]),
  );
  return {
    files, bytes, gzip, kb, allGzip, allKb, limitKb, bytesPerKb, ceilingKb, pageLoads, oneFile,
    pass: kb <= limitKb,
    allPass: allKb <= limitKb,
    withinCeiling: !ceilingKb || kb <= ceilingKb,
    skipped,
  };
}

/** The one-line verdict (tools/test.sh shows it in its summary). */
export function sizeLine(m) {
  const verb = m.pass ? "within" : `over by ${(m.kb - m.limitKb).toFixed(1)} KB,`;
  const ceiling = m.ceilingKb ? `; CI ceiling ${m.ceilingKb} KB ${m.withinCeiling ? "kept" : "EXCEEDED"}` : "";
  const pages = Object.entries(m.pageLoads ?? {})
    .map(([p, gzip]) => `; ${p}/ page ${(gzip / m.bytesPerKb).toFixed(1)} KB`)
    .join("");
  const one = m.oneFile ? `; one-file edition ${m.oneFile.bytes} B (${(m.oneFile.gzip / m.bytesPerKb).toFixed(1)} KB gzip -9)` : "";
  return `size first load ${m.kb.toFixed(1)} KB gzip -9 (${m.gzip} B), ${verb} budget ${m.limitKb} KB${ceiling}; all of dist/ with the workers${pages ? " and the pages on demand" : ""} ${m.allKb.toFixed(1)} KB${pages}${one}`;
}

function printTable(m) {
  const label = (f) => (f.page ? `${f.name} (on opening)` : f.afterStart ? `${f.name} (after start)` : f.onDemand ? `${f.name} (worker, on demand)` : f.name);
  const rows = m.files.map((f) => [label(f), String(f.bytes), String(f.gzip)]);
  rows.push(["first load", String(m.bytes), String(m.gzip)]);
  rows.push(["all of dist/", String(m.files.reduce((n, f) => n + f.bytes, 0)), String(m.allGzip)]);
  if (m.oneFile) rows.push([`${m.oneFile.name} (one-file edition, on download)`, String(m.oneFile.bytes), String(m.oneFile.gzip)]);
  const w = [Math.max(4, ...rows.map((r) => r[0].length)), 9, 9];
  console.log(`${"file".padEnd(w[0])}  ${"bytes".padStart(w[1])}  ${"gzip -9".padStart(w[2])}`);
  for (const r of rows) console.log(`${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2].padStart(w[2])}`);
  if (m.skipped.length) console.log(`not counted (not ${BUDGETS.size.extensions.join(" ")}): ${m.skipped.join(", ")}`);
  console.log(`(1 KB = ${m.bytesPerKb} bytes; limit from bench/budgets.json)`);
  console.log(sizeLine(m));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let m;
  try {
    m = measureSize();
  } catch (e) {
    console.error(`bench/size.mjs: ${e.message}`);
    process.exit(2);
  }
  if (args.includes("--json")) console.log(JSON.stringify(m, null, 2));
  else printTable(m);
  if (args.includes("--check") && !m.withinCeiling) {
    console.error(`FAIL: the first load's gzip -9 sum is over the CI ceiling of ${m.ceilingKb} KB (bench/budgets.json)`);
    process.exit(1);
  }
  if (args.includes("--check") && !m.ceilingKb && !m.pass) {
    console.error(`FAIL: the first load's gzip -9 sum is over the ${m.limitKb} KB budget (bench/budgets.json)`);
    process.exit(1);
  }
}
