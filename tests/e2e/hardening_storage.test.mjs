// Storage faults: full, corrupted, switched off, and one draft in two tabs. Whatever happens, the work
// stays in memory, the user is told, and nothing is silently lost or overwritten.
import { test } from "node:test";
import assert from "node:assert/strict";

import { waitForApp } from "./helpers.mjs";
import { assertClean, download, field, num, reloadApp, type, useSite, valueOf, waitSaved, withApp, withExample } from "./form_helpers.mjs";

const env = useSite();

test("storage full: a visible warning, the work kept in memory, and an export offered", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await waitSaved(page);
    await page.evaluate(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await type(page, "header.project", "存储已满时的修改");
    const notice = page.locator("section.notice.error", { hasText: "保存失败" });
    await notice.waitFor();
    assert.match(await notice.textContent(), /quota/i);
    assert.match(await page.locator("[data-testid=save-status]").textContent(), /保存失败/);
    assert.equal(await valueOf(page, "header.project"), "存储已满时的修改", "the edit is kept in memory");
    const { text } = await download(page, notice.getByRole("button", { name: "立即导出 JSON" }));
    assert.equal(JSON.parse(text).header.project, "存储已满时的修改");
    assertClean(app);
  });
});

test("a corrupted saved draft is set aside under a recovery key, and the user is told", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.goto(env.site.url);
    await waitForApp(page);
    await page.evaluate(() => {
      localStorage.setItem("ziping:drafts", JSON.stringify([{ id: "d1", title: "2021 被损坏的草稿", profile: "jinzhong-2021", updated: 1 }]));
      localStorage.setItem("ziping:draft:d1", '{"format": "ziping-form", "schema_version": 1, "profile": "jinzh');
      localStorage.setItem("ziping:open", "d1");
    });
    await page.reload();
    await waitForApp(page);
    const notice = page.locator("[data-testid=corrupted-notice]");
    await notice.waitFor();
    assert.match(await notice.textContent(), /2021 被损坏的草稿/);
    const key = (await notice.locator("code").textContent()).trim();
    assert.match(key, /^ziping:recovered:d1:/);
    const kept = await page.evaluate((k) => localStorage.getItem(k), key);
    assert.equal(kept, '{"format": "ziping-form", "schema_version": 1, "profile": "jinzh', "the text is kept, not deleted");
    assert.equal(await page.evaluate(() => localStorage.getItem("ziping:draft:d1")), null);
    assert.equal(await page.locator(".draft-list li.draft").count(), 0, "no longer listed as a draft");
    assert.equal(await page.locator("main#main.start").count(), 1, "the app goes on, on its start screen");
    assertClean(app);
  });
});

test("storage switched off: the app works, with a warning", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    await page.goto(env.site.url);
    await waitForApp(page);
    await page.locator("[data-testid=storage-off]").waitFor();
    await page.click("[data-testid=open-example]");
    await page.waitForSelector("[data-testid=total]");
    assert.equal(await num(page, "total"), "97.66");
    await type(page, "funds.rows[0].spent", "969.94");
    await page.waitForFunction(() => document.querySelector('[data-testid="total"] .num-value')?.textContent.trim() === "99.00");
    assertClean(app);
  });
});

test("the same draft in a second tab is shown read-only, with the reason, and never overwrites the first", async () => {
  await withExample(env, async (app) => {
    const { page, context } = app;
    await type(page, "header.project", "第一个标签页的修改");
    await waitSaved(page);

    const second = await context.newPage();
    const errors = [];
    second.on("pageerror", (e) => errors.push(e.message));
    await second.goto(env.site.url);
    await waitForApp(second);
    await second.locator("[data-testid=open-elsewhere]").waitFor();
    assert.notEqual(await second.locator(field("header.project")).getAttribute("readonly"), null, "the field is read-only");
    // …and looks it: not the white of an editable field.
    const look = (p) => p.locator(field("header.project")).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(await look(second), await look(page), "a read-only field does not look editable");
    assert.equal(await valueOf(second, "header.project"), "第一个标签页的修改");
    // Typing in the second tab changes nothing.
    await second.locator(field("header.project")).pressSequentially("X");
    assert.equal(await valueOf(second, "header.project"), "第一个标签页的修改");

    // The first tab goes on editing and saving.
    await type(page, "header.year", "2022");
    await waitSaved(page);
    const saved = await page.evaluate(() => {
      const id = localStorage.getItem("ziping:open");
      return JSON.parse(localStorage.getItem(`ziping:draft:${id}`));
    });
    assert.equal(saved.header.project, "第一个标签页的修改");
    assert.equal(saved.header.year, "2022");
    assert.deepEqual(errors, []);
    await second.close();
    assertClean(app);
  });
});

test("your own draft reopens editable after a reload: at once after an edit, after idling, and past a claim dated in the future", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    const editable = async (why) => {
      await page.locator(field("header.project")).waitFor();
      assert.equal(await page.locator(field("header.project")).getAttribute("readonly"), null, `editable ${why}`);
      assert.equal(await page.locator("[data-testid=open-elsewhere]").count(), 0, `no "open in another tab" ${why}`);
    };
    // A reload straight after an edit (the save is still waiting).
    await type(page, "header.project", "刚改完就刷新");
    await reloadApp(page, field("header.project"));
    await editable("after a reload straight after an edit");
    assert.equal(await valueOf(page, "header.project"), "刚改完就刷新", "the edit was saved on the way out");
    // A reload after three seconds with nothing done.
    await page.waitForTimeout(3_000);
    await reloadApp(page, field("header.project"));
    await editable("after a reload after idling");
    // A claim by another tab dated a minute ahead (a clock set wrong) is stale.
    await page.evaluate(() => {
      const id = localStorage.getItem("ziping:open");
      localStorage.setItem(`ziping:lock:${id}`, JSON.stringify({ tab: "another-tab", at: Date.now() + 60_000 }));
    });
    await reloadApp(page, field("header.project"));
    await editable("past a claim from the future");
    await type(page, "header.project", "仍可编辑");
    assert.equal(await valueOf(page, "header.project"), "仍可编辑");
    assertClean(app);
  });
});

test("a damaged list of drafts is made again from the drafts themselves, and the user is told", async () => {
  await withExample(env, async (app) => {
    const { page } = app;
    await type(page, "header.project", "第一份草稿");
    await waitSaved(page);
    await page.locator("nav.toolbar").getByRole("button", { name: "← 返回首页" }).click();
    await page.waitForSelector("main#main.start");
    // The list cut short in the middle of its text, as a full or interrupted write leaves it.
    const cut = await page.evaluate(() => {
      const text = localStorage.getItem("ziping:drafts");
      localStorage.setItem("ziping:drafts", text.slice(0, Math.floor(text.length / 2)));
      return text;
    });
    assert.ok(cut.includes("第一份草稿"));
    await reloadApp(page, "[data-testid=drafts-put-back]");
    assert.match(await page.locator("[data-testid=drafts-put-back]").textContent(), /补回 1 份/);
    assert.deepEqual(await page.locator(".draft-list li.draft .draft-title").allTextContents().then((t) => t.map((x) => x.trim())), ["2021 第一份草稿"]);
    // The damaged text was set aside, not thrown away.
    const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ziping:recovered:drafts-index:")));
    assert.equal(aside.length, 1);
    await page.locator(".draft-list li.draft").first().getByRole("button", { name: /^打开/ }).click();
    await page.waitForSelector(field("header.project"));
    assert.equal(await valueOf(page, "header.project"), "第一份草稿");
    assertClean(app);
  });
});
