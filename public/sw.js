// Dyad's service worker (registered by the release build's app, src/offline.rs), so that a
// second visit works with no network at all and a flaky one falls back to what was had:
//
// - the app shell of this build (index.html, the JS glue, the wasm, the CSS, the favicon, the
//   methodology) is cached when the worker installs, under a cache named after the build, and
//   served from there: its files are named by their content, so a cached one is never stale;
// - navigations and datasets go to the network first and fall back to the cache offline: a
//   navigation to the cached index.html (the app reads its view from the URL), a dataset to the
//   copy kept when it was last opened (the page also asks, by message, to keep the dataset it
//   opened before this worker controlled it);
// - a new build's worker installs beside the running one and waits; the page says so and asks
//   it to take over when the reader chooses Reload. Taking over, it deletes the older builds'
//   caches. Datasets stay cached across builds (they are not part of one).
//
// Plain JS, no build step: the release build (scripts/post-build.mjs) writes VERSION, a hash of
// the shell's files, and SHELL, their names. These two lines are replaced whole.
const VERSION = 'dev';
const SHELL = [];

const SHELL_CACHE = `dyad-shell-${VERSION}`;
const DATA_CACHE = 'dyad-data';
// The largest dataset the page opens (src/data.rs, MAX_BYTES): a larger one is not kept.
const MAX_DATA_BYTES = 120000000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL.map((f) => new Request(f, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('dyad-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n)),
      );
      // The page that registered this worker (a first visit) is served by it from now on.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  } else if (event.data && typeof event.data.keep === 'string') {
    event.waitUntil(keep(event.data.keep));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname.endsWith('.json')) {
    event.respondWith(dataset(request));
  } else {
    event.respondWith(shellFile(request));
  }
});

/** The network's page; offline, this build's index.html (every path of the app is that page). */
async function navigation(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const cache = await caches.open(SHELL_CACHE);
    const page = await cache.match('index.html');
    if (page) return page;
    throw offline;
  }
}

/** The network's copy, kept for later; offline, the copy kept last time. */
async function dataset(request) {
  try {
    const response = await fetch(request);
    if (response.ok && keepable(response)) {
      const copy = capped(response.clone());
      // The page reads its body meanwhile; the copy is kept only if it arrives whole.
      caches.open(DATA_CACHE).then((c) => c.put(request, copy)).catch(() => {});
    }
    return response;
  } catch (offline) {
    const kept = await caches.match(request, { cacheName: DATA_CACHE });
    if (kept) return kept;
    throw offline;
  }
}

/** Whether a response is small enough to keep: one that says it is larger than the page opens
 * is not (the page refuses it and stops its download; a copy would read it to the end). */
function keepable(response) {
  const length = Number(response.headers.get('content-length'));
  return !(length > MAX_DATA_BYTES);
}

/** `response` whose body fails once it passes the largest size kept, so that a copy of a file
 * the page drops (one that did not say its size) is not read to its end. */
function capped(response) {
  let seen = 0;
  const limit = new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > MAX_DATA_BYTES) controller.error(new Error('larger than the page opens'));
      else controller.enqueue(chunk);
    },
  });
  const { status, statusText, headers } = response;
  return new Response(response.body.pipeThrough(limit), { status, statusText, headers });
}

/** Keeps the dataset at `href` unless it is kept already (asked by the page). */
async function keep(href) {
  const cache = await caches.open(DATA_CACHE);
  if (await cache.match(href)) return;
  try {
    const response = await fetch(href);
    if (response.ok && keepable(response)) await cache.put(href, capped(response));
  } catch {
    // Offline or refused: nothing to keep.
  }
}

/** This build's copy, else the network. */
async function shellFile(request) {
  const cache = await caches.open(SHELL_CACHE);
  return (await cache.match(request, { ignoreSearch: true })) || fetch(request);
}
