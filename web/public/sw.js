// Carnet's service worker (issue 15, item 6): it lets the app install on a phone and shows « Vous n'êtes pas
// connecté à Internet » when a page cannot be reached. It stores nothing else: no page, no API answer, no file —
// health data never goes into a cache on the device. Registered by web/src/main.tsx in production builds.
const CACHE = 'carnet-offline-v1';
const OFFLINE_PAGE = '/hors-ligne.html';
const OFFLINE_FILES = [OFFLINE_PAGE, '/icons/icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(OFFLINE_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Network only; when the network fails, the offline page (a server's error page is shown as it is).
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_PAGE)));
    return;
  }
  // The offline page's own icon; everything else (API, assets, documents) goes to the network untouched.
  if (OFFLINE_FILES.includes(url.pathname) && url.pathname !== OFFLINE_PAGE) {
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname)));
  }
});
