// Hardening in the browser: nothing leaves the page's origin, and no text of a form can run code or
// add elements to the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import { EXAMPLE, assertClean, download, field, num, type, useSite, valueOf, withApp } from "./form_helpers.mjs";

const env = useSite();

test("creating, editing, exporting and importing a form requests nothing outside the page's origin", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const origin = new URL(env.site.url).origin;
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(env.site.url);
    await page.waitForSelector("main#main h1");
    // The page itself declares the policy (no server header needed).
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    for (const rule of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'"]) {
      assert.ok(csp.includes(rule), `${rule} in ${csp}`);
    }
    await page.click('[data-profile="central-2020"]');
    await page.waitForSelector(field("header.project"));
    await type(page, "header.project", "无网络测试项目");
    await type(page, "header.year", "2024");
    await type(page, "funds.rows[0].budget", "100");
    await type(page, "funds.rows[0].spent", "80");
    const file = await download(page, "[data-testid=export]");
    assert.equal(file.name, "无网络测试项目-2024.json");
    const exported = JSON.parse(file.text);
    assert.equal(exported.header.project, "无网络测试项目");
    await page.setInputFiles("#editor-import", { name: "example.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(EXAMPLE), "utf8") });
    await page.waitForFunction(() => document.querySelector('[data-path="header.project"]')?.value === "交警支队专项业务经费");
    assert.equal(await num(page, "total"), "97.66");
    const foreign = requests.filter((u) => {
      const url = new URL(u);
      return !(url.origin === origin || url.protocol === "blob:" || url.protocol === "data:");
    });
    assert.deepEqual(foreign, [], "requests outside the page's origin");
    assert.ok(requests.some((u) => u.endsWith(".wasm")), "the app's own files were requested and recorded");
    assertClean(app);
  });
});

const PAYLOADS = [
  `<img src=x onerror="window.__pwned='img';alert('img')">`,
  `<script>window.__pwned='script';alert('script')</script>`,
  `"><svg onload="window.__pwned='svg';alert('svg')"></svg>`,
  `<iframe src="javascript:alert('iframe')"></iframe>`,
  `javascript:alert('href')`,
  `<p onclick="alert('p')">段落</p>&lt;b&gt;`,
];

/** The example with a payload in every text field. */
function hostileForm() {
  const form = structuredClone(EXAMPLE);
  let n = 0;
  const next = () => PAYLOADS[n++ % PAYLOADS.length];
  for (const key of Object.keys(form.header)) form.header[key] = next();
  for (const row of form.funds.rows) row.source = next();
  for (const key of Object.keys(form.narratives)) form.narratives[key] = next();
  for (const row of form.indicators) {
    row.name = next();
    row.note = next();
    if (row.level === 3) {
      row.target = next();
      row.actual = next();
      row.declared_completion = next();
    }
  }
  for (const e of form.evaluators) for (const k of ["name", "title", "office", "phone"]) e[k] = next();
  for (const k of Object.keys(form.signoff)) form.signoff[k] = next();
  form.declared.grade = next();
  return form;
}

test("script and HTML in every text field are shown as text: nothing runs, nothing is added to the page", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    const dialogs = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(env.site.url);
    await page.waitForSelector("#import-file");
    const form = hostileForm();
    await page.setInputFiles("#import-file", { name: "hostile.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(form), "utf8") });
    await page.waitForSelector(field("header.project"));
    // Open every fold and explanation, and go through the findings, so every text is on screen.
    await page.locator("details").evaluateAll((all) => all.forEach((d) => (d.open = true)));
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, "no payload ran");
    assert.deepEqual(dialogs, [], "no dialog opened");
    const injected = await page.evaluate(() => ({
      elements: document.querySelectorAll("img, svg, iframe, object, embed, p[onclick]").length,
      inlineScripts: [...document.querySelectorAll("script")].filter((s) => !s.src).length,
      handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
    }));
    assert.deepEqual(injected, { elements: 0, inlineScripts: 0, handlers: 0 });
    // The text is kept exactly, and shown as text.
    assert.equal(await valueOf(page, "header.project"), form.header.project);
    assert.equal(await valueOf(page, "indicators[2].target"), form.indicators[2].target);
    assert.equal(await valueOf(page, "evaluators[0].name"), form.evaluators[0].name);
    assert.ok((await page.locator("section.findings").textContent()).includes("<"), "findings quote the text as text");
    assertClean(app);
  });
});

test("a file over 2 MB is refused before it is read, with a message", async () => {
  await withApp(env, async (app) => {
    const { page } = app;
    await page.goto(env.site.url);
    await page.waitForSelector("#import-file");
    const big = Buffer.alloc(Math.round(2.1 * 1024 * 1024), 0x20);
    await page.setInputFiles("#import-file", { name: "huge.json", mimeType: "application/json", buffer: big });
    const report = page.locator("section.import-report");
    await report.waitFor();
    assert.match(await report.textContent(), /2\.1 MB，超过 2 MB 上限，未读取/);
    assert.equal(await page.locator("main#main.start").count(), 1);
    assertClean(app);
  });
});
