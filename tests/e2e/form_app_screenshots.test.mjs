// Screenshots for the documentation, at 1366×768 with the fonts loaded: docs/screenshots/start.png
// (the start screen) and docs/screenshots/editor.png (the editor with the example open).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";

import { ROOT } from "./helpers.mjs";
import { assertClean, openExample, useSite, waitSaved, withApp } from "./form_helpers.mjs";

const env = useSite();
const OUT = join(ROOT, "docs", "screenshots");
const VIEWPORT = { width: 1366, height: 768 };

/** Waits for the fonts, then writes a screenshot of the viewport; checks its size. */
async function shoot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  assert.equal(await page.evaluate(() => document.fonts.status), "loaded");
  await mkdir(OUT, { recursive: true });
  const path = join(OUT, name);
  const png = await page.screenshot({ path, animations: "disabled", caret: "hide" });
  // PNG header: width and height are the big-endian words at bytes 16 and 20.
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [VIEWPORT.width, VIEWPORT.height]);
  assert.ok((await stat(path)).size > 10_000, `${name} has content`);
}

test("screenshots of the start screen and of the editor at 1366×768", async () => {
  await withApp(
    env,
    async (app) => {
      const { page } = app;
      await shoot(page, "start.png");
      await openExample(page);
      await waitSaved(page); // the toolbar then reads 已保存在本浏览器, not 正在保存…
      await page.evaluate(() => document.activeElement?.blur());
      await shoot(page, "editor.png");
      assertClean(app);
    },
    { viewport: VIEWPORT },
  );
});
