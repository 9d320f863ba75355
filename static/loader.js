// Loads the app. Trunk writes the names of the built JavaScript glue and WebAssembly files into the
// attributes of this script's own tag (Trunk.toml `pattern_script`); both are resolved against the
// page's <base>, so the app works from any sub-path. A plain file rather than an inline script, so that
// a Content-Security-Policy of `script-src 'self'` allows it.
const tag = document.querySelector("script[data-ziping-js]");

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

const url = (name) => new URL(tag.getAttribute(name), document.baseURI).href;
glue = await import(url("data-ziping-js"));
const wasm = await glue.default({ module_or_path: url("data-ziping-wasm") });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
