// Draws the app's icons for the web app manifest (static/icon-192.png, static/icon-512.png) from
// static/favicon.svg in headless Chromium. The PNGs are committed; run this again when the SVG changes:
//
//   node tools/make-icons.mjs

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, ROOT } from "../tests/e2e/helpers.mjs";

const svg = readFileSync(join(ROOT, "static/favicon.svg"), "utf8");
const browser = await launchBrowser();
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: join(ROOT, `static/icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
