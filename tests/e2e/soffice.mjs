// LibreOffice Calc, headless, as a reader of the workbooks the app exports: every formula is
// recalculated on load, and each sheet comes back as rows of cells as displayed.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Parses CSV text (RFC 4180 quoting) into rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The sheets of an xlsx file as LibreOffice shows them after recalculating: `sheet` is the 1-based
 * sheet number (LibreOffice's CSV filter exports one sheet at a time).
 */
export async function xlsxToRows(xlsxPath, sheet = 1) {
  const dir = await mkdtemp(join(tmpdir(), "ziping-soffice-"));
  try {
    await mkdir(join(dir, "profile", "user"), { recursive: true });
    await writeFile(join(dir, "profile", "user", "registrymodifications.xcu"), RECALC_ALWAYS);
    await writeFile(join(dir, "book.xlsx"), await readFile(xlsxPath));
    await run(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--convert-to",
        `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,${sheet}`,
        "--outdir",
        dir,
        join(dir, "book.xlsx"),
      ],
      { timeout: 120_000 },
    );
    const names = [`book.csv`, `book-Sheet${sheet}.csv`];
    for (const n of names) {
      try {
        return parseCsv(await readFile(join(dir, n), "utf8"));
      } catch {}
    }
    const { readdir } = await import("node:fs/promises");
    const files = (await readdir(dir)).filter((f) => f.endsWith(".csv"));
    if (files.length === 1) return parseCsv(await readFile(join(dir, files[0]), "utf8"));
    throw new Error(`LibreOffice made no CSV for sheet ${sheet} (found: ${files.join(", ") || "none"})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The last non-empty cell of the first row at or after `from` whose first non-empty cell is `label`. */
export function valueAfter(rows, label, from = 0) {
  for (const r of rows.slice(from)) {
    const first = r.find((c) => c !== "");
    if (first === label) return [...r].reverse().find((c) => c !== "");
  }
  throw new Error(`no row labelled ${label}`);
}
