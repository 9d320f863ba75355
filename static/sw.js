// The service worker: Ziping works offline after one visit. tools/offline.mjs writes this file into
// each build (dist/sw.js) with BUILD (the build's id) and FILES (every file of the build with the
// SHA-256 of its content) filled in, so that a new deploy is a new service worker.
//
// - install: every file of the build goes into the cache `ziping-BUILD`, each checked against its
//   SHA-256: a file of another build (a deploy half done, a stale HTTP cache) fails the install, and
//   the version in use stays. A new version waits until the page's "新版本可用 · 刷新" is chosen
//   (a message "skip-waiting"); it never takes over a page under its user.
// - activate: the caches of older builds are deleted, but for the one just before, which tabs still
//   open on it use (their workers, below).
// - fetch: the build's own files come from its cache; a page (a navigation) from the cached
//   index.html of its folder. A worker is asked for at `v/BUILD/NAME` by the page that starts it
//   (static/loader.js), and comes from that build's cache only: app code of one build never runs with
//   a worker of another. Everything else goes to the network as it would without this file.
//
// Registered by static/loader.js, from this plain file (no inline script, so the page's
// Content-Security-Policy `script-src 'self'` holds); skipped on file:// and where the browser has no
// service workers (some private modes).

const BUILD = "__ZIPING_BUILD__";
const FILES = __ZIPING_FILES__;
const PREFIX = "ziping-";
const CACHE = PREFIX + BUILD;
const VERSIONED = "v/";

const scope = () => new URL(self.registration.scope);

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const [name, hash] of FILES) {
        const url = new URL(name, scope());
        const response = await fetch(url, { cache: "reload" });
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        const body = await response.clone().arrayBuffer();
        if ((await sha256(body)) !== hash) throw new Error(`${name} is not the file of build ${BUILD}`);
        await cache.put(url, response);
      }
    })().catch(async (error) => {
      await caches.delete(CACHE);
      throw error;
    }),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const ours = (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE);
      // Creation order: the last of the others is the build just before this one.
      for (const key of ours.slice(0, -1)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// A file of build `build` by its name in the build, or a 404 that says why.
async function fromBuild(build, name) {
  const cache = await caches.open(PREFIX + build);
  const hit = await cache.match(new URL(name, scope()));
  return hit ?? new Response(`version ${build} of Ziping is no longer cached: reload the page`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  const path = url.pathname.slice(base.pathname.length);
  if (path.startsWith(VERSIONED)) {
    const [build, ...rest] = path.slice(VERSIONED.length).split("/");
    event.respondWith(fromBuild(decodeURIComponent(build), rest.join("/")));
    return;
  }
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      let hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
      if (!hit && request.mode === "navigate") {
        const folder = new URL(".", url);
        hit = await cache.match(new URL("index.html", folder));
      }
      return hit ?? fetch(request);
    })(),
  );
});
