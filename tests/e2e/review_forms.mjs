// Forms for the review desk's tests: the three examples, and any number of forms made from them.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";

export const EXAMPLES = [
  "jinzhong-2021-traffic-police.json",
  "huoqiu-2022-sci-tech-commissioners.json",
  "guichi-tangxi-2022-commissioned-business.json",
].map((name) => ({ name, text: readFileSync(join(ROOT, "examples", name), "utf8") }));

export const UNITS = ["晋中市公安局交通警察支队", "霍邱县科学技术局", "贵池区棠溪镇人民政府", "榆次区财政局", "太谷区教育局"];
/** How much of what was planned each generated form achieved: the grades spread from 优 to 差. */
const FACTORS = [1, 0.95, 0.85, 0.7, 0.5, 0.3, 0.1];

/** The first number in a value as written (`≥50个`, `8.48万`, `100%`) scaled by `factor`. */
function scaled(value, factor) {
  return value.replace(/\d+(\.\d+)?/, (n) => {
    const x = Number(n) * factor;
    return n.includes(".") ? x.toFixed(n.split(".")[1].length) : String(Math.round(x));
  });
}

/**
 * `n` forms made from the three examples: other project names and units, and spending and actual
 * values scaled down by turns, so that totals, grades and findings vary.
 */
export function generatedForms(n) {
  const bases = EXAMPLES.map((e) => JSON.parse(e.text));
  const out = [];
  for (let i = 0; i < n; i++) {
    const form = structuredClone(bases[i % bases.length]);
    const factor = FACTORS[Math.floor(i / bases.length) % FACTORS.length];
    form.header.project = `${form.header.project}（批次 ${String(i + 1).padStart(4, "0")}）`;
    form.header.unit = UNITS[i % UNITS.length];
    const row = form.funds.rows[0];
    if (row.spent && row.budget) row.spent = (Number(row.budget) * Math.min(1, factor + 0.1)).toFixed(2);
    for (const ind of form.indicators) {
      if (ind.level !== 3 || typeof ind.actual !== "string") continue;
      if (/\d/.test(ind.actual) && !/[月日年]/.test(ind.actual)) ind.actual = scaled(ind.actual, factor);
      else if (!/\d/.test(ind.actual) && factor <= 0.3) ind.actual = factor <= 0.1 ? "未完成" : "部分完成";
    }
    out.push({ name: `form-${String(i + 1).padStart(4, "0")}.json`, text: JSON.stringify(form, null, 2) });
  }
  return out;
}

