// The editor on a phone (390×844) and at 200 % zoom of a 1366×768 screen (a 683×384 viewport at a
// device scale factor of 2), in Chinese and in English: the toolbar takes at most 15 % of the height,
// a compact live total (total · grade · errors) stays in view wherever the page is scrolled, the page
// never scrolls sideways (wide tables scroll in their own box), and the less frequent actions are one
// tap away. Writes docs/screenshots/editor-phone.png and docs/screenshots/editor-zoom-en.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, openExample, type, useSite, waitSaved, withApp } from "./form_helpers.mjs";

const env = useSite();
const OUT = join(ROOT, "docs", "screenshots");
const SCREENS = [
  { name: "phone", viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 },
  { name: "200 % zoom", viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
];

/** Where the toolbar and the live total are, and whether the page scrolls sideways. */
function measure(page) {
  return page.evaluate(() => {
    const box = (sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r && { top: r.top, bottom: r.bottom, height: r.height, visible: r.width > 0 && r.height > 0 };
    };
    return {
      toolbar: box("nav.toolbar"),
      total: box("[data-testid=live-total]"),
      totalText: document.querySelector("[data-testid=live-total]")?.textContent ?? "",
      vh: innerHeight,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

for (const screen of SCREENS) {
  for (const lang of ["zh", "en"]) {
    test(`${screen.name}, ${lang}: a small toolbar, the live total always in view, no sideways scroll`, async () => {
      await withApp(
        env,
        async (app) => {
          const { page } = app;
          if (lang === "en") {
            await page.locator(".lang-switch").click();
            await page.waitForFunction(() => document.documentElement.lang === "en");
          }
          await openExample(page);
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const expected = lang === "zh" ? "97.66 · 优 · 1 个错误" : "97.66 · 优 · 1 error";
          for (const y of [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * height))) {
            await page.evaluate((top) => window.scrollTo(0, top), y);
            await page.waitForTimeout(50);
            const m = await measure(page);
            assert.ok(m.toolbar.height <= 0.15 * m.vh, `the toolbar is ${m.toolbar.height}px of ${m.vh}px at y=${y}`);
            assert.ok(m.total.visible && m.total.top >= 0 && m.total.bottom <= m.vh, `the live total is in view at y=${y}`);
            assert.equal(m.totalText, expected);
            assert.equal(m.sideways, 0, `the page scrolls sideways by ${m.sideways}px at y=${y}`);
          }
          // The indicator table is wider than the screen: it scrolls in its own box.
          const table = await page.evaluate(() => {
            const t = document.querySelector("table.indicator-table");
            let box = t?.parentElement;
            while (box && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
            return box ? { scroll: box.scrollWidth, client: box.clientWidth } : null;
          });
          assert.ok(table && table.scroll > table.client, `the table scrolls in its own box: ${JSON.stringify(table)}`);
          // The live total follows an edit.
          await page.evaluate(() => window.scrollTo(0, 0));
          await type(page, "funds.rows[0].spent", "969.94");
          // 99.00 now, and the stated 97.66, 1.66 and 差 all contradict it.
          const errors = await page.locator("li.finding.error").count();
          const after = lang === "zh" ? `99.00 · 优 · ${errors} 个错误` : `99.00 · 优 · ${errors} errors`;
          assert.ok(errors > 1);
          assert.equal((await measure(page)).totalText, after);
          // The other actions: one tap away, and the menu closes again.
          const more = page.locator("nav.toolbar .more-toggle");
          assert.equal(await page.locator("[data-testid=export]").isVisible(), false, "behind the menu");
          await more.click();
          assert.equal(await more.getAttribute("aria-expanded"), "true");
          assert.equal(await page.locator("[data-testid=export]").isVisible(), true);
          assert.equal(await page.locator("[data-testid=print-preview]").isVisible(), true);
          await more.click();
          assert.equal(await page.locator("[data-testid=export]").isVisible(), false);
          if (lang === "zh" && screen.name === "phone") {
            await waitSaved(page);
            await page.evaluate(() => document.activeElement?.blur());
            await mkdir(OUT, { recursive: true });
            await page.screenshot({ path: join(OUT, "editor-phone.png"), animations: "disabled", caret: "hide" });
          }
          if (lang === "en" && screen.name !== "phone") {
            await waitSaved(page, "Saved in this browser");
            await page.evaluate(() => document.activeElement?.blur());
            await page.evaluate(() => window.scrollTo(0, 900));
            await mkdir(OUT, { recursive: true });
            await page.screenshot({ path: join(OUT, "editor-zoom-en.png"), animations: "disabled", caret: "hide" });
          }
          assertClean(app);
        },
        { viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor },
      );
    });
  }
}
