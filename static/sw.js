// The service worker: Ziping works offline after one visit. tools/offline.mjs writes this file into
// each build (dist/sw.js) with BUILD (the build's id) and FILES (every file of the build with the
// SHA-256 of its content) filled in, so that a new deploy is a new service worker.
//
// - install: every file of the build goes into the cache `ziping-BUILD`, each checked against its
//   SHA-256: a file of another build (a deploy half done, a stale HTTP cache) fails the install, and
//   the version in use stays. A file the build before had with the same content is copied from its
//   cache, not downloaded again. A new version waits until the page's "新版本可用 · 刷新" is chosen
//   (a message "skip-waiting"); it never takes over a page under its user.
// - activate: the caches of older builds are deleted, but for the build this one replaces, which tabs
//   still open on it use (their workers, below).
// - fetch: the build's own files come from its cache; a page (a navigation) to a folder of the build
//   from that folder's cached index.html. A worker is asked for at `v/BUILD/NAME` by the page that
//   starts it (static/loader.js), and comes from that build's cache only: app code of one build never
//   runs with a worker of another. Everything else — the one-file edition, any other page of the
//   site — goes to the network as it would without this file.
//
// Registered by static/offline.js, from this plain file (no inline script, so the page's
// Content-Security-Policy `script-src 'self'` holds); skipped on file:// and where the browser has no
// service workers (some private modes).

const BUILD = "__ZIPING_BUILD__";
const FILES = __ZIPING_FILES__;
const PREFIX = "ziping-";
const CACHE = PREFIX + BUILD;
const VERSIONED = "v/";
// Where the worker keeps which build is active (not a build's cache: no PREFIX).
const META = "ziping:meta";
const ACTIVE = "active-build";

const scope = () => new URL(self.registration.scope);
const MATCH = { ignoreVary: true };

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The build that was active before this one, as the worker of that build recorded it. */
async function activeBuild() {
  const meta = await caches.open(META);
  const hit = await meta.match(ACTIVE);
  return hit ? hit.text() : null;
}

/** A file's body from `before` (the cache of the build before), when it is the content this build names. */
async function fromBefore(before, url, hash) {
  const hit = before && (await before.match(url, MATCH));
  if (!hit) return null;
  const body = await hit.arrayBuffer();
  return (await sha256(body)) === hash ? { body, headers: hit.headers } : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const active = await activeBuild();
      const before = active && active !== BUILD && (await caches.has(PREFIX + active)) ? await caches.open(PREFIX + active) : null;
      for (const [name, hash] of FILES) {
        const url = new URL(name, scope());
        let kept = await fromBefore(before, url, hash);
        if (!kept) {
          const response = await fetch(url, { cache: "reload" });
          if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
          const body = await response.arrayBuffer();
          if ((await sha256(body)) !== hash) throw new Error(`${name} is not the file of build ${BUILD}`);
          kept = { body, headers: response.headers };
        }
        // Stored as a plain response: a host that redirected (`/index.html` → `/`) would otherwise
        // leave a redirected response, which a navigation refuses. The body is decoded already.
        const headers = new Headers(kept.headers);
        for (const h of ["Content-Encoding", "Content-Length", "Transfer-Encoding"]) headers.delete(h);
        await cache.put(url, new Response(kept.body, { status: 200, headers }));
      }
    })().catch(async (error) => {
      // Only this build's own cache: never the one a worker in use serves from.
      if ((await activeBuild()) !== BUILD) await caches.delete(CACHE);
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
      const before = await activeBuild();
      const keep = new Set([CACHE, before && PREFIX + before]);
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && !keep.has(key)) await caches.delete(key);
      }
      await (await caches.open(META)).put(ACTIVE, new Response(BUILD));
      await self.clients.claim();
    })(),
  );
});

const notCached = () =>
  new Response("this version of Ziping is no longer cached: reload the page", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
  });

// A file of build `build` by its name in the build, or a 404 that says why. A build whose cache is
// gone is not looked for (`caches.open` would make an empty one).
async function fromBuild(build, name) {
  if (!(await caches.has(PREFIX + build))) return notCached();
  const cache = await caches.open(PREFIX + build);
  return (await cache.match(new URL(name, scope()), MATCH)) ?? notCached();
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
      const navigate = request.mode === "navigate";
      let hit = await cache.match(request, { ...MATCH, ignoreSearch: navigate });
      // A folder of the build (`…/app/`, `…/app/profile-editor/`): its index.html.
      if (!hit && navigate && url.pathname.endsWith("/")) {
        hit = await cache.match(new URL("index.html", url), MATCH);
      }
      return hit ?? fetch(request);
    })(),
  );
});
