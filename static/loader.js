// Loads the app. Trunk writes the names of the built JavaScript glue and WebAssembly files into the
// attributes of this script's own tag (Trunk.toml `pattern_script`); both are resolved against the
// page's <base>, so the app works from any sub-path. A plain file rather than an inline script, so that
// a Content-Security-Policy of `script-src 'self'` allows it.
const tag = document.querySelector("script[data-ziping-js]");
const url = (name) => new URL(tag.getAttribute(name), document.baseURI).href;
const glue = await import(url("data-ziping-js"));
const wasm = await glue.default({ module_or_path: url("data-ziping-wasm") });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
