// Offline after one visit (imported by static/loader.js once the app has started): registers the
// service worker (sw.js, written into each build by tools/offline.mjs from static/sw.js) and offers a
// new build when one is found — "新版本可用 · 刷新" — rather than reloading the page under its user.
// A registration the browser refuses (private modes) rejects, and the app works online as before.

export async function offline() {
  const sw = navigator.serviceWorker;
  const registration = await sw.register(new URL("sw.js", document.baseURI), { updateViaCache: "none" });
  // A new build found while this page runs (or before: waiting since an earlier visit) is offered,
  // never forced: "新版本可用 · 刷新". Choosing it activates the new build and reloads this page.
  let chosen = false;
  // Choosing: the build waiting takes over (and this page reloads on `controllerchange`); when
  // another tab has made it take over already, this page just reloads into it.
  const choose = () => {
    chosen = true;
    if (registration.waiting) registration.waiting.postMessage("skip-waiting");
    else location.reload();
  };
  const offer = () => {
    if (registration.waiting && sw.controller) prompt(choose);
  };
  const watch = (next) => next?.addEventListener("statechange", () => next.state === "installed" && offer());
  offer();
  // An install under way already (the browser's own check after the page loaded) is watched too.
  watch(registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  let controlled = Boolean(sw.controller);
  sw.addEventListener("controllerchange", () => {
    // The first visit: the service worker has just taken this page over; nothing is new.
    if (!controlled) return void (controlled = true);
    // The new build took over (chosen here, or in another tab): this page is of the old one.
    if (chosen) location.reload();
    else prompt(choose);
  });
  // A tab left open looks for a new build when it is shown again (at most once an hour).
  let checked = Date.now();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && Date.now() - checked > 3_600_000) {
      checked = Date.now();
      registration.update().catch(() => {});
    }
  });
}

// The bar that offers the new version, in the page's language. Offered again, the bar shown takes the
// new choice.
function prompt(choose) {
  const shown = document.querySelector(".update-prompt button");
  if (shown) {
    shown.onclick = () => {
      shown.disabled = true;
      choose();
    };
    return;
  }
  const en = document.documentElement.lang === "en";
  const bar = document.createElement("div");
  bar.className = "update-prompt";
  bar.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = en ? "A new version is available" : "新版本可用";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = en ? "Reload" : "刷新";
  button.onclick = () => {
    button.disabled = true;
    choose();
  };
  bar.append(text, " · ", button);
  document.body.append(bar);
}
