// Keeps the app usable offline once it has been opened: every file of the
// app is cached as it is fetched. Pages are fetched from the network first
// (so a new release is picked up), files by their hashed names from the
// cache first. Relative to where the app is hosted, so it works under a
// sub-path too.
const CACHE = 'postmortem-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

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
    event.respondWith(fetch(request).then(put).catch(() => caches.match(request).then((hit) => hit || caches.match('./'))));
  } else {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then(put)));
  }
});
