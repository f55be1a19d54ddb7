import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { webDist } from '../../server/src/app.js';
import { defineScenario, type ResultRow } from '../lib/types.js';
import type { Measurement } from '../lib/measure.js';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** Chrome DevTools' "Slow 4G" preset (bytes/s and ms, as DevTools sets them). */
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6e6 / 8) * 0.9,
  uploadThroughput: (750e3 / 8) * 0.9,
};

function size(label: string, bytes: number): ResultRow {
  const m: Measurement = {
    label,
    count: 1,
    seconds: 1,
    rate: bytes / 1024,
    unit: 'kB gzip',
    p50Ms: Number.NaN,
    p99Ms: Number.NaN,
    non2xx: 0,
    errors: 0,
  };
  return { measurement: m };
}

/**
 * The web app's weight, from the Vite build manifest (web/dist/.vite/manifest.json; `npm run build:web`
 * first): JavaScript gzip the first page needs before it paints, all of it, the heaviest page, the
 * password dictionaries; then the time Chromium takes to show a usable sign-in page over a throttled
 * network (DevTools' Slow 4G), cold cache, median of BENCH_WEB_LOADS loads (default 3).
 */
export default defineScenario({
  name: 'web',
  description: 'JS gzip per page from the Vite manifest; time to a usable /connexion in Chromium on slow 4G',
  async run(ctx) {
    const manifestFile = path.join(webDist, '.vite', 'manifest.json');
    if (!existsSync(manifestFile)) {
      // A fresh clone has no build yet: made here (between measurements, so it disturbs none of them).
      ctx.log(`  ${manifestFile} is missing: npm run build:web`);
      execFileSync('npm', ['run', 'build:web'], {
        cwd: path.join(import.meta.dirname, '..', '..'),
        stdio: ['ignore', 2, 2],
      });
    }
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Chunk>;
    const gz = new Map<string, number>();
    const gzip = (file: string) => {
      if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(webDist, file))).length);
      return gz.get(file)!;
    };
    /** The chunk and everything it imports statically: what must arrive before it runs. */
    const closure = (key: string, into = new Set<string>()) => {
      if (into.has(key)) return into;
      into.add(key);
      for (const k of manifest[key]?.imports ?? []) closure(k, into);
      return into;
    };
    const bytes = (keys: Set<string>) =>
      [...keys].reduce((n, k) => n + (manifest[k]!.file.endsWith('.js') ? gzip(manifest[k]!.file) : 0), 0);
    const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const entry = closure(entryKey);
    const dynamic = manifest[entryKey]!.dynamicImports ?? [];
    const all = new Set(entry);
    for (const k of dynamic.filter((k) => !k.includes('src/'))) closure(k, all); // the DSFR's own script
    const layout = dynamic.find((k) => k.endsWith('SignedInLayout.tsx'));
    let heaviest = { name: 'first page', bytes: bytes(entry) };
    for (const page of dynamic.filter((k) => k.includes('src/'))) {
      const keys = closure(page, new Set(entry));
      if (
        layout &&
        page !== layout &&
        !page.includes('identity/') &&
        !page.includes('legal/') &&
        !page.includes('devmailbox/')
      )
        closure(layout, keys);
      const b = bytes(keys);
      if (b > heaviest.bytes) heaviest = { name: path.basename(page, '.tsx'), bytes: b };
    }
    const credentials = Object.values(manifest).filter((c) => c.file.includes('credentials'));
    const rows: ResultRow[] = [
      size('JS before first paint, first page (/, /connexion)', bytes(entry)),
      size("JS of the first page with the DSFR's script (loaded after start)", bytes(all)),
      size(`JS before first paint, heaviest page (${heaviest.name})`, heaviest.bytes),
      size(
        'password dictionaries (password pages, while typing)',
        credentials.reduce((n, c) => n + gzip(c.file), 0),
      ),
    ];
    if (!existsSync(CHROMIUM)) {
      ctx.log(`  no Chromium at ${CHROMIUM}: no browser row`);
      return rows;
    }
    const loads = Number(process.env.BENCH_WEB_LOADS ?? 3);
    ctx.log(`  loading /connexion ${loads} times in Chromium, slow 4G, cold cache`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const times: number[] = [];
    try {
      for (let i = 0; i < loads; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
        const started = performance.now();
        await page.goto(`${ctx.baseUrl}/connexion`, { waitUntil: 'commit' });
        // Usable: the username field is on screen and typing in it reaches React's state.
        const field = page.locator('input[autocomplete="username"]');
        await field.waitFor({ state: 'visible', timeout: 60_000 });
        await field.fill('x');
        await page.waitForFunction(
          () => (document.querySelector('input[autocomplete="username"]') as HTMLInputElement | null)?.value === 'x',
        );
        times.push(performance.now() - started);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    rows.push({
      measurement: {
        label: `/connexion usable in Chromium, slow 4G, cold cache (median of ${loads}; p99 = slowest)`,
        count: loads,
        seconds: times.reduce((a, b) => a + b, 0) / 1000,
        rate: median / 1000,
        unit: 's',
        p50Ms: median,
        p99Ms: times.at(-1)!,
        non2xx: 0,
        errors: 0,
      },
    });
    return rows;
  },
});
