// A form shared by link (`#f=…`, crates/app-state/src/share.rs, crates/browser/src/link.rs):
// - "复制链接" makes the link, says in one sentence that the fragment reaches no server, and the link
//   opened in a fresh browser context shows the same form read-only, with its scores and findings,
//   nothing saved until "编辑副本", whose export is identical to the sender's;
// - a garbled, cut or inflating link gives a clear message, and the drafts are untouched;
// - a form too large for a link is refused with the advice to export JSON;
// - window.ziping.link / fromLink.
// No request leaves 127.0.0.1, and the fragment never reaches the server.

import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";

import { openApp, waitForApp } from "./helpers.mjs";
import { EXAMPLE, assertClean, download, findingCodes, num, openExample, text, useSite, waitSaved, withApp } from "./form_helpers.mjs";

const env = useSite();

/** What this browser keeps of its drafts: the list, each draft's text, and the one left open. */
function drafts(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k === "ziping:drafts" || k === "ziping:open" || k.startsWith("ziping:draft:"))
        .sort()
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );
}

/** The example's link, as "复制链接" makes it; and its JSON export, for comparison. */
async function exampleLink(app) {
  const { page } = app;
  await openExample(page);
  await page.click("[data-testid=copy-link]");
  const input = page.locator("[data-testid=form-link]");
  await input.waitFor();
  return { link: await input.inputValue(), exported: (await download(page, "[data-testid=export]")).text, findings: await findingCodes(page) };
}

test("复制链接: the link opens the same form read-only in a fresh context; 编辑副本 makes it a draft identical to the sender's", async () => {
  const sent = await withApp(env, async (app) => {
    const sent = await exampleLink(app);
    const panel = await text(app.page, "[data-testid=link-panel]");
    assert.match(panel, /浏览器从不把这一部分发送给任何服务器/, "the one sentence on privacy");
    // An edit makes it the link of a form that is no longer this one: it goes.
    await app.page.fill('[data-path="header.project"]', "改过的项目");
    await app.page.waitForSelector("[data-testid=link-panel]", { state: "detached" });
    assertClean(app);
    return sent;
  });
  assert.ok(sent.link.startsWith(`${env.site.url}#f=`), sent.link.slice(0, 80));
  assert.ok(sent.link.length < 8_000, `the example's link is ${sent.link.length} characters`);

  const app = await openApp(env.browser);
  try {
    const { page } = app;
    const before = env.site.requests.length;
    await page.goto(sent.link);
    await waitForApp(page);
    await page.waitForSelector("[data-testid=shared-banner]");
    assert.equal(await num(page, "total"), "97.66");
    assert.deepEqual(await findingCodes(page), sent.findings, "the same findings");
    assert.equal(await page.locator("[data-path]:not([readonly]):not([disabled])").count(), 0, "read-only");
    assert.deepEqual(await drafts(page), {}, "nothing saved in the receiver's browser");
    assert.ok(env.site.requests.slice(before).every((p) => !p.includes("f=")), "the fragment never reaches the server");

    await page.click("text=编辑副本");
    await page.waitForSelector("[data-testid=shared-banner]", { state: "detached" });
    await waitSaved(page);
    assert.equal(new URL(page.url()).hash, "", "the link left the address bar");
    const copy = await download(page, "[data-testid=export]");
    assert.equal(copy.text, sent.exported, "the copy exports exactly as the sender's form");
    assert.equal(Object.keys(await drafts(page)).filter((k) => k.startsWith("ziping:draft:")).length, 1);
    assertClean(app);
  } finally {
    await app.context.close();
  }
});

test("a garbled, cut or inflating link says why, and the drafts are untouched", async () => {
  const { link } = await withApp(env, exampleLink);
  const payload = link.split("#f=")[1];
  const bomb = deflateRawSync(Buffer.alloc(3 * 1024 * 1024, 0x20)).toString("base64url");
  const cases = [
    [payload.slice(0, Math.floor(payload.length / 2)), /数据不完整或已损坏|长度不完整/],
    [`${payload.slice(0, 40)}*${payload.slice(41)}`, /第 41 个字符“\*”不属于链接的编码/],
    [bomb, /解压后超过 2 MB/],
    ["A".repeat(40_000), /表单太大，无法放入链接/],
  ];
  await withApp(env, async (app) => {
    const { page } = app;
    await openExample(page);
    await waitSaved(page);
    await page.click("text=← 返回首页");
    const kept = await drafts(page);
    assert.equal(Object.keys(kept).filter((k) => k.startsWith("ziping:draft:")).length, 1);
    for (const [bad, message] of cases) {
      // A fresh load of the link (the first case also as a link pasted into the open page).
      await page.goto("about:blank");
      await page.goto(`${env.site.url}#f=${bad}`);
      await waitForApp(page);
      const notice = page.locator(".notice.error");
      await notice.waitFor();
      const said = await notice.textContent();
      assert.match(said, message, said);
      assert.match(said, /此链接无法打开|表单太大/, said);
      assert.deepEqual(await drafts(page), kept, "the drafts are untouched");
      assert.equal(await page.locator("[data-testid=shared-banner]").count(), 0);
    }
    // A link pasted into the address bar of the open page (only the fragment changes).
    await page.goto(env.site.url);
    await waitForApp(page);
    await page.evaluate((hash) => (location.hash = hash), `#f=${payload.slice(0, 10)}`);
    await page.locator(".notice.error").filter({ hasText: "此链接无法打开" }).waitFor();
    assert.deepEqual(await drafts(page), kept);
    assert.deepEqual(app.outside, []);
  });
});

test("a form too large for a link is refused with the advice to export JSON", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await openExample(page);
    // 30 000 characters that do not compress: far more than 32 KB of link.
    const noise = await page.evaluate(() => {
      let x = 7;
      return Array.from({ length: 30_000 }, () => String.fromCharCode(0x4e00 + ((x = (x * 1103515245 + 12345) % 2147483648) % 20_000))).join("");
    });
    await page.fill('[data-path="narratives.overview"]', noise);
    await page.click("[data-testid=copy-link]");
    const notice = page.locator(".notice.error");
    await notice.waitFor();
    assert.match(await notice.textContent(), /表单太大，无法放入链接（需要 \d+\.\d KB，链接最多 32 KB）。请导出 JSON 文件发送。/);
    assert.equal(await page.locator("[data-testid=form-link]").count(), 0);
    assertClean(app);
  });
});

test("window.ziping.link and fromLink round-trip a form, and name what is wrong with a bad link", async () => {
  await withApp(env, async (app) => {
    const result = await app.page.evaluate(async (form) => {
      const link = await globalThis.ziping.link(form);
      const back = await globalThis.ziping.fromLink(link);
      let bad;
      try {
        await globalThis.ziping.fromLink("#f=@@@");
      } catch (e) {
        bad = { en: e.message, zh: e.zh };
      }
      let noForm;
      try {
        await globalThis.ziping.link({ format: "ziping-form" });
      } catch (e) {
        noForm = { message: e.message, problems: e.problems?.length ?? 0 };
      }
      return { link, back, bad, noForm };
    }, EXAMPLE);
    assert.ok(result.link.includes("#f="));
    assert.equal(result.back.header.project, EXAMPLE.header.project);
    assert.equal(result.back.profile, EXAMPLE.profile);
    assert.match(result.bad.en, /character 1 \(“@”\)/);
    assert.match(result.bad.zh, /此链接无法打开/);
    assert.ok(result.noForm.problems > 0, JSON.stringify(result.noForm));
    assertClean(app);
  });
});

test("hostile text in a link's form is shown as typed: no markup, no formula, control characters kept as text", async () => {
  const hostile = {
    ...EXAMPLE,
    header: { ...EXAMPLE.header, project: '=HYPERLINK("http://example.invalid","x")<img src=x onerror="window.__owned=1">\u0007\u202e' },
  };
  const link = await withApp(env, (app) => app.page.evaluate((form) => globalThis.ziping.link(form), hostile));
  const app = await openApp(env.browser);
  try {
    const { page } = app;
    await page.goto(link);
    await waitForApp(page);
    await page.waitForSelector("[data-testid=shared-banner]");
    assert.equal(await page.inputValue('[data-path="header.project"]'), hostile.header.project);
    assert.equal(await page.locator("main img").count(), 0, "no element made of the text");
    assert.equal(await page.evaluate(() => globalThis.__owned), undefined, "nothing ran");
    assertClean(app);
  } finally {
    await app.context.close();
  }
});
