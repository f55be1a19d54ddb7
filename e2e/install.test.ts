import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, hasHorizontalScroll, signInAsNewPerson, startE2E, visit, type E2E } from './support';

// Issue 15, item 6: Carnet installs as an app on the phone (web app manifest, icons) and, without a connection,
// shows a page that says so; nothing of the person's space is kept on the device.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** What the page's origin holds in its caches, as paths. */
const cachedPaths = (page: import('playwright-core').Page) =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) out.push(new URL(request.url).pathname);
    }
    return out.sort();
  });

describe('the installed app', () => {
  it('has a web app manifest with its icons, linked from every page', async () => {
    const page = await e2e.newPage();
    await visit(page, '/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const answer = await page.request.get(href!);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await answer.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      lang: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ short_name: 'Carnet', start_url: '/accueil', display: 'standalone', lang: 'fr' });
    // Chromium's install criteria: a 192 and a 512 pixel PNG; Android's adaptive icons: a maskable one.
    for (const want of ['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']) {
      expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toContain(want);
    }
    for (const icon of manifest.icons) {
      const file = await page.request.get(icon.src);
      expect(file.status(), icon.src).toBe(200);
      expect(file.headers()['content-type']).toContain(icon.type);
      if (icon.type === 'image/png') {
        const { width, height } = pngSize(await file.body());
        expect(`${width}x${height}`).toBe(icon.sizes);
      }
    }
    const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect((await page.request.get(apple!)).status()).toBe(200);
  });

  it('without a connection, shows the offline page by keyboard at 320 px, and keeps no health data', async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await signInAsNewPerson(page, e2e, { firstName: 'Odile' });
    await visit(page, '/accueil');
    const worker = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL));
    expect(worker).toBe(`${e2e.baseUrl}/sw.js`);
    // Controlled from the next navigation on; the person's pages and their API answers are read as usual.
    await visit(page, '/documents');
    await visit(page, '/profil-medical');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${e2e.baseUrl}/sw.js`);
    expect(await cachedPaths(page)).toEqual(['/hors-ligne.html', '/icons/icon.svg']);

    await page.context().setOffline(true);
    await page.goto('/documents');
    await page.getByRole('heading', { level: 1, name: 'Vous n’êtes pas connecté à Internet' }).waitFor();
    expect(await page.getByText('Odile').count()).toBe(0);
    // The API is never answered from the device: offline, a call fails.
    const api = await page.evaluate(() =>
      fetch('/api/me').then(
        (r) => r.status,
        () => 'failed',
      ),
    );
    expect(api).toBe('failed');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'offline-320');

    await page.context().setOffline(false);
    const retry = page.getByRole('link', { name: 'Réessayer' });
    await retry.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/accueil');
    await page.locator('main h1').first().waitFor();
    expect(await cachedPaths(page)).toEqual(['/hors-ligne.html', '/icons/icon.svg']);
  });
});
