import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../e2e/support.js';

/**
 * Draws the PNG icons of the installed app (web/public/icons, named in web/public/manifest.webmanifest) from their
 * SVG sources with Chromium: `npx tsx scripts/web-icons.ts`. Run again when an SVG changes; the PNGs are committed.
 */
const ICONS = path.resolve(import.meta.dirname, '../web/public/icons');
const drawings = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192, opaque: false },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512, opaque: false },
  { svg: 'maskable.svg', png: 'maskable-192.png', size: 192, opaque: true },
  { svg: 'maskable.svg', png: 'maskable-512.png', size: 512, opaque: true },
  // iOS draws its own rounded corners on a square, opaque icon.
  { svg: 'maskable.svg', png: 'apple-touch-icon.png', size: 180, opaque: true },
];

const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage();
  for (const { svg, png, size, opaque } of drawings) {
    await page.setViewportSize({ width: size, height: size });
    const source = readFileSync(path.join(ICONS, svg), 'utf8');
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
    );
    await page.screenshot({ path: path.join(ICONS, png), omitBackground: !opaque });
    console.log(`${png} (${size} × ${size})`);
  }
} finally {
  await browser.close();
}
