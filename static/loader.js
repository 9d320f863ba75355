// Loads the app. Trunk writes the names of the built JavaScript glue and WebAssembly files into the
// attributes of this script's own tag (Trunk.toml `pattern_script`); both are resolved against the
// page's <base>, so the app works from any sub-path. A plain file rather than an inline script, so that
// a Content-Security-Policy of `script-src 'self'` allows it.
//
// The one-file edition (dist/ziping-offline.html, written by tools/offline.mjs) has no files beside it:
// a script of its own sets `globalThis.zipingOneFile` to { glue, wasm(), workerUrl(name) } before this
// one runs, and this file takes the app and its workers from there.
const tag = document.querySelector("script[data-ziping-js]");
const oneFile = globalThis.zipingOneFile;

// A trap of the WebAssembly (out of memory, a stack overflow …) is not a panic: no panic hook runs,
// and it reaches the page as a WebAssembly.RuntimeError. The app's recovery screen is shown for it;
// should the app be unable to show it, a screen of this file's own offers the last saved draft.
let glue = null;
const stopped = (error) => {
  if (!(error instanceof WebAssembly.RuntimeError) || document.querySelector("main.recovery")) return;
  try {
    glue.ziping_recover(String(error));
  } catch {
    fallback(String(error));
  }
};
addEventListener("error", (e) => stopped(e.error));
addEventListener("unhandledrejection", (e) => stopped(e.reason));

function fallback(message) {
  const el = (tag, text) => {
    const e = document.createElement(tag);
    e.textContent = text;
    return e;
  };
  const main = el("main", "");
  main.className = "recovery";
  main.setAttribute("role", "alert");
  main.append(
    el("h1", "Ziping 自评 遇到了问题 · Ziping ran into a problem"),
    el("p", "请下载最近保存的表单，然后重新加载页面。 · Download the last saved form, then reload the page."),
    el("pre", message),
  );
  let saved = null;
  try {
    const id = localStorage.getItem("ziping:open");
    saved = id && localStorage.getItem("ziping:draft:" + id);
  } catch {}
  if (saved) {
    const b = el("button", "下载最近保存的表单 · Download the last saved form");
    b.onclick = () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([saved], { type: "application/json" }));
      a.download = "ziping-recovered.json";
      a.click();
    };
    main.append(b);
  }
  const r = el("button", "重新加载 · Reload");
  r.onclick = () => location.reload();
  main.append(r);
  document.body.replaceChildren(main);
}

// Where a worker's loader (`ziping-export_loader.js`, `ziping-import_loader.js`) is fetched from; the
// app (src/browser/worker.rs) asks here. Under the service worker, at `v/BUILD/NAME`: the worker of
// this page's own build, even after a newer build has taken over (static/sw.js).
const build = tag?.getAttribute("data-ziping-build");
globalThis.zipingWorkerUrl = (name) =>
  oneFile
    ? oneFile.workerUrl(name)
    : build && navigator.serviceWorker?.controller
      ? `v/${encodeURIComponent(build)}/${name}`
      : name;

const url = (name) => new URL(tag.getAttribute(name), document.baseURI).href;
glue = oneFile ? oneFile.glue : await import(url("data-ziping-js"));
const wasm = await glue.default({ module_or_path: oneFile ? oneFile.wasm() : url("data-ziping-wasm") });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));

// Offline after one visit: the service worker (static/sw.js) caches this build; static/offline.js
// registers it and offers a new build when there is one. Fetched two seconds after the app has
// started, when the page is idle, so that caching the build never competes with the start or the
// first clicks (docs/performance.md). Not on file:// (the one-file edition needs none), nor where the
// browser has no service workers or refuses them (private modes): the app then works online as
// before, without a word.
if (!oneFile && build && location.protocol.startsWith("http") && "serviceWorker" in navigator) {
  const later = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 0));
  setTimeout(() => later(() => import(new URL("offline.js", document.baseURI).href).then((m) => m.offline()).catch(() => {}), { timeout: 5_000 }), 2_000);
}
