// Keeps the app usable offline once it has been opened, one release at a
// time. `scripts/stamp-service-worker` writes the release's version and
// files below at build time, so each release has a cache of its own: it is
// filled whole before the release can take over, an open tab keeps the
// release it started with until the person chooses "Reload to update" (the
// page then sends "skip-waiting"), and the caches of older releases are
// deleted once a new one is active. Relative to where the app is hosted, so
// it works under a sub-path too.
const VERSION = '115877f7ceb105a0';
const FILES = ['./icons/icon-192.png','./icons/icon-512.png','./icons/icon.svg','./index.html','./main-c3634d2191d10788.css','./manifest.webmanifest','./postmortem-b907a1880dc042ba.js','./postmortem-b907a1880dc042ba_bg.wasm'];
const PREFIX = 'postmortem-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(['./', ...FILES])));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith(PREFIX) && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const put = (response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  };
  if (request.mode === 'navigate') {
    // The page from the network when there is one (a share link's page
    // is the app's page: the fragment never reaches here), else this
    // release's copy.
    event.respondWith(fetch(request).then(put).catch(() =>
      caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || cache.match('./')))));
  } else {
    event.respondWith(caches.open(CACHE).then((cache) =>
      cache.match(request).then((hit) => hit || fetch(request).then(put))));
  }
});
