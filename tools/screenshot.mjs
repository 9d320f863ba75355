// Takes a screenshot of the release build's first screen in headless Chromium, served from /app/.
//   make dist && node tools/screenshot.mjs [OUT.png] [WIDTHxHEIGHT]
// Chinese text needs a CJK font (Debian's fonts-wqy-microhei, installed by `tools/setup.sh test`).
import { launchBrowser, openApp, serveDist, waitForApp } from "../tests/e2e/helpers.mjs";

const out = process.argv[2] ?? "target/screenshots/first-screen.png";
const [width, height] = (process.argv[3] ?? "1366x768").split("x").map(Number);

const site = await serveDist();
const browser = await launchBrowser();
try {
  const { page, outside, errors, console: messages } = await openApp(browser, { viewport: { width, height } });
  await page.goto(site.url);
  await waitForApp(page);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: out });
  console.log(`wrote ${out} (${width}x${height}) from ${site.url}`);
  for (const line of messages) console.log(`  browser ${line}`);
  if (outside.length || errors.length) {
    console.error({ outside, errors });
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await site.close();
}
