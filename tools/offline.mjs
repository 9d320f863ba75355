// Makes a build of the app work offline (run by tools/build-pages.sh after every build, so `make dist`,
// `make serve` and the test builds all carry it):
//
// 1. The one-file edition, DIR/ziping-offline.html: the app, its styles, the export worker and the
//    import worker in one HTML file that works from file:// with no network. Its scripts are inline
//    (the WebAssembly as base64), so its Content-Security-Policy allows them by their SHA-256 hashes,
//    not by 'self'; the workers start from blob: addresses.
// 2. The service worker, DIR/sw.js: static/sw.js with the build's id and every file of the build
//    (pages of their own included, the one-file edition not) with the SHA-256 of its content. The id
//    is written into index.html's loader tag (`data-ziping-build`), which asks for the workers of its
//    own build through it (static/loader.js).
//
//   node tools/offline.mjs DIR                          # both
//   node tools/offline.mjs DIR --service-worker-only    # sw.js only (debug builds)
//
// Text from forms or profiles never reaches these files: they are made of the build's own files only.

import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const ONE_FILE = "ziping-offline.html";
const SW = "sw.js";

const sha256 = (data, encoding = "hex") => createHash("sha256").update(data).digest(encoding);
const fail = (message) => {
  throw new Error(`tools/offline.mjs: ${message}`);
};

/** The one match of `re` in `text`, or the build stops with `what` named. */
function one(text, re, what) {
  const all = [...text.matchAll(new RegExp(re.source, re.flags.replace("g", "") + "g"))];
  if (all.length !== 1) fail(`expected one ${what} in the build, found ${all.length}`);
  return all[0];
}

/** A JavaScript string literal of `text` that is safe inside an HTML <script> element. */
const literal = (text) => JSON.stringify(text).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/**
 * Script or style text inlined as is: it must not end its element early, and its line ends are the
 * ones the HTML parser will see (CRLF becomes LF), so that the hash in the policy is the hash of what
 * the browser runs (a checkout with CRLF line ends would otherwise leave a blank page).
 */
function inlineSafe(text, what) {
  if (/<\/script|<!--/i.test(text)) fail(`${what} holds "</script" or "<!--" and cannot be inlined`);
  return text.replace(/\r\n?/g, "\n");
}

/**
 * The app's JavaScript glue (wasm-bindgen, target web: an ES module) as the body of a function that
 * returns its exports, so that it runs inside the one-file edition's own script.
 */
function glueAsFunction(glue) {
  const exports = one(glue, /^export \{([^}]*)\};?\s*$/m, "export list in the app's glue");
  const names = exports[1].split(",").map((s) => s.trim()).filter(Boolean);
  const fns = [...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  if (/^\s*import\s/m.test(glue)) fail("the app's glue imports another module (a snippet): it cannot be inlined");
  const body = glue.replace(exports[0], "").replace(/^export function /gm, "function ");
  if (/^export\s/m.test(body)) fail("the app's glue has an export this script does not know");
  const members = names.map((n) => {
    const [local, , as] = n.split(/\s+/);
    return `${literal(as ?? local)}: ${local}`;
  });
  return `(() => {\n${inlineSafe(body, "the app's glue")}\nreturn { ${[...members, ...fns].join(", ")} };\n})()`;
}

export function oneFile(dir) {
  const index = readFileSync(join(dir, "index.html"), "utf8");
  // Every address in index.html starts with the public URL (`./` for `make dist`, `/` for `make
  // serve`): the files are named without it.
  const loaderTag = one(index, /<script type="module" src="([^"]*)loader\.js"(?: data-ziping-build="[^"]*")? data-ziping-js="\1([^"]+)" data-ziping-wasm="\1([^"]+)"/, "loader tag");
  const [, base, glueName, wasmName] = loaderTag;
  const named = (re, what) =>
    [...index.matchAll(re)].map((m) => (m[1].startsWith(base) ? m[1].slice(base.length) : fail(`${what} ${m[1]} is not under ${base}`)));
  const styles = named(/<link rel="stylesheet" href="([^"]+\.css)"/g, "stylesheet");
  if (styles.length === 0) fail("no stylesheet in index.html");
  const icons = named(/<link rel="icon" href="([^"]+\.svg)"/g, "icon");
  if (icons.length !== 1) fail(`expected one icon in index.html, found ${icons.length}`);
  const icon = icons[0];
  const read = (name) => readFileSync(join(dir, name));
  const b64 = (name) => read(name).toString("base64");

  // The workers: each a blob of its glue (wasm-bindgen, target no-modules) and its start with its
  // WebAssembly, made when the app first asks for it.
  const workers = {};
  for (const w of ["ziping-export", "ziping-import"]) {
    const shim = read(`${w}_loader.js`).toString("utf8");
    if (!shim.includes(`importScripts("./${w}.js")`)) fail(`${w}_loader.js is not the loader shim this script knows`);
    workers[`${w}_loader.js`] = { glue: read(`${w}.js`).toString("utf8"), wasm: b64(`${w}_bg.wasm`) };
  }
  const workerEntries = Object.entries(workers).map(
    ([name, w]) => `${literal(name)}: [${literal(w.glue)}, ${literal(w.wasm)}]`,
  );
  const boot = `// Ziping 自评, the one-file edition: the app and its workers, made by tools/offline.mjs.
// Base64 to bytes: the browser's own decoder where it has one, else atob and a loop.
const bytes = (b64) => {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
  const text = atob(b64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
};
const glue = ${glueAsFunction(read(glueName).toString("utf8"))};
const app = ${literal(b64(wasmName))};
const workers = { ${workerEntries.join(",\n")} };
const urls = new Map();
globalThis.zipingOneFile = {
  glue,
  wasm: () => bytes(app),
  workerUrl(name) {
    const w = workers[name];
    if (!w) return name;
    if (!urls.has(name)) {
      const start = "\\nconst bytes = " + bytes.toString() + ";\\nwasm_bindgen({ module_or_path: bytes(" + JSON.stringify(w[1]) + ") });\\n";
      urls.set(name, URL.createObjectURL(new Blob([w[0], start], { type: "text/javascript" })));
    }
    return urls.get(name);
  },
};
`;
  const loader = inlineSafe(read("loader.js").toString("utf8"), "loader.js");
  const css = styles.map((name) => inlineSafe(read(name).toString("utf8"), name));
  for (const [i, c] of css.entries()) if (/<\/style/i.test(c)) fail(`${styles[i]} holds "</style"`);
  const hash = (text) => `'sha256-${sha256(text, "base64")}'`;
  const csp = [
    "default-src 'none'",
    `script-src ${hash(boot)} ${hash(loader)} 'wasm-unsafe-eval'`,
    `style-src ${css.map(hash).join(" ")}`,
    "img-src data:",
    "worker-src blob:",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <!-- Ziping 自评, the one-file edition: everything is in this file; nothing is fetched from any
         network. Its scripts and styles are allowed by their hashes. -->
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <title>Ziping 自评</title>
    <link rel="icon" href="data:image/svg+xml;base64,${b64(icon)}" />
${css.map((c) => `    <style>${c}</style>`).join("\n")}
    <script type="module">${boot}</script>
    <script type="module">${loader}</script>
  </head>
  <body>
    <noscript>Ziping 自评 需要启用 JavaScript。 Ziping needs JavaScript.</noscript>
  </body>
</html>
`;
  writeFileSync(join(dir, ONE_FILE), html);
  return html.length;
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out;
}

export function serviceWorker(dir) {
  const files = filesUnder(dir).filter((f) => f !== SW && f !== ONE_FILE && !f.startsWith("."));
  if (!files.includes("index.html")) fail("no index.html");
  // The id: every file's content, index.html's without the id itself (so that running this again
  // on a build gives the same id, and any change of any file a new one).
  const indexPath = join(dir, "index.html");
  const index = readFileSync(indexPath, "utf8").replace(/ data-ziping-build="[^"]*"/, "");
  const content = (f) => (f === "index.html" ? index : readFileSync(join(dir, f)));
  // The service worker's own code counts too: a change to it alone is a new build.
  const template = readFileSync(join(ROOT, "static", SW), "utf8");
  const build = sha256(`${SW}\0${sha256(template)}\n` + files.map((f) => `${f}\0${sha256(content(f))}\n`).join("")).slice(0, 16);
  const tags = [...index.matchAll(/<script type="module" src="[^"]*loader\.js"/g)];
  if (tags.length !== 1) fail(`expected one loader tag in index.html, found ${tags.length}`);
  const tag = tags[0][0];
  writeFileSync(indexPath, index.replace(tag, `${tag} data-ziping-build="${build}"`));
  const list = files.map((f) => [f, sha256(readFileSync(join(dir, f)))]);
  if (!template.includes("__ZIPING_BUILD__") || !template.includes("__ZIPING_FILES__")) fail("static/sw.js has lost its placeholders");
  const sw = template
    .replace('"__ZIPING_BUILD__"', JSON.stringify(build))
    .replace("__ZIPING_FILES__", JSON.stringify(list, null, 0).replace(/\],\[/g, "],\n  ["));
  writeFileSync(join(dir, SW), sw);
  return { build, files: list.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node tools/offline.mjs DIR");
    process.exit(2);
  }
  const size = process.argv.includes("--service-worker-only") ? null : oneFile(dir);
  const { build, files } = serviceWorker(dir);
  console.log(`${size === null ? `${ONE_FILE}: not made` : `${ONE_FILE}: ${size} characters`}; ${SW}: build ${build}, ${files} files`);
}
