import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { buildApp, webDist } from '../server/src/app.js';
import { testPlatform, type TestPlatform } from '../server/test/harness.js';
import { createPerson, sessionCookie } from '../server/test/sessions.js';
import { SESSION_COOKIE } from '../server/src/platform/session.js';
import { press, tabTo, typeInto } from './keyboard';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--lang=fr-FR',
];
export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

/** Errors a page reported: uncaught exceptions and console errors (CSP violations among them). */
const pageErrors = new WeakMap<Page, string[]>();

export interface E2E {
  /** http://localhost:PORT ("localhost" so that Secure cookies are kept over plain HTTP). */
  baseUrl: string;
  platform: TestPlatform;
  app: FastifyInstance;
  browser: Browser;
  /** A page in a fresh browser context (own cookies and storage). */
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the real server in-process on a free port, over a fresh database cloned from the migrated
 * template, serving the built web app; launches Debian's Chromium.
 */
export async function startE2E(overrides: Partial<Record<string, string>> = {}): Promise<E2E> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`The built web app is missing (${webDist}/index.html): run npm run build:web first.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const platform = await testPlatform(overrides);
  const app = await buildApp(platform);
  // A test whose server must know its own address (PUBLIC_URL: OpenID redirects) passes PORT.
  await app.listen({ port: overrides.PORT ? Number(overrides.PORT) : 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    env: { ...process.env, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' },
  });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    platform,
    app,
    browser,
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width, height },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
      page.on('console', (msg) => {
        // A 401 from /api/me is how a signed-out visit is detected; the browser logs it, harmlessly.
        if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await app.close();
      await platform.close();
    },
  };
}

/** Opens a path of the web app and waits until its page heading is drawn. */
export async function visit(page: Page, pathname: string): Promise<void> {
  await page.goto(pathname);
  await waitForPage(page);
}

/** Waits until the page's <h1> is drawn in <main>. */
export async function waitForPage(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ state: 'visible' });
}

/** Runs axe on the page as it is and fails with each violation's id and targets when there is any. */
export async function axeCheck(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const report = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
  );
  if (report.length) console.error(`axe violations on ${page.url()}:\n  ${report.join('\n  ')}`);
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** What every visited page gets: no script error so far, an axe scan, a screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await waitForPage(page);
  expect(pageErrors.get(page) ?? [], `errors reported by ${page.url()}`).toEqual([]);
  await axeCheck(page);
  await screenshot(page, name);
}

/** True when the page is wider than the window (a horizontal scroll bar). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Signs a page's browser context in as an account, with the same cookie a real login sets. */
export async function signIn(page: Page, e2e: E2E, accountId: string): Promise<void> {
  const cookie = await sessionCookie(e2e.platform.db, accountId);
  const value = cookie.slice(`${SESSION_COOKIE}=`.length);
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value, domain: 'localhost', path: '/', httpOnly: true, secure: true, sameSite: 'Strict' },
    ]);
}

/** Creates an activated person with an account and signs the page in as them. */
export async function signInAsNewPerson(page: Page, e2e: E2E, person: { firstName?: string; lastName?: string } = {}) {
  const created = await createPerson(e2e.platform.db, person);
  await signIn(page, e2e, created.accountId);
  return created;
}

/**
 * A professional signs in by keyboard through the bundled OpenID provider: « Se connecter avec ma carte
 * professionnelle », the demo professional picked by RPPS, the card's PIN; ends on the portal. `check` runs on
 * the sign-in page and on the provider's page (axe, screenshots).
 */
export async function proSignIn(page: Page, rpps: string, check?: (step: 'connexion' | 'oidc') => Promise<void>) {
  await page.goto('/pro');
  await page.waitForURL('**/pro/connexion');
  await check?.('connexion');
  await press(page, page.getByRole('link', { name: 'Se connecter avec ma carte professionnelle' }));
  await page.waitForURL('**/oidc/interaction/**');
  await check?.('oidc');
  await tabTo(page, page.getByLabel('Professionnel de santé'));
  await page.getByLabel('Professionnel de santé').selectOption(rpps);
  await typeInto(page, page.getByLabel(/Code de la carte/), '1234');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/pro');
}

/**
 * On the portal's « Rechercher un patient »: the NIR and the birth date (YYYY-MM-DD) typed by keyboard,
 * « Rechercher », then waits for the one patient found (`found`, e.g. /PARCOURS Nora/).
 */
export async function proFindPatient(page: Page, nir: string, birthDate: string, found: RegExp): Promise<void> {
  const [year, month, day] = birthDate.split('-').map(Number);
  await typeInto(page, page.getByLabel('NIR (numéro de sécurité sociale, 15 caractères)'), nir);
  await typeInto(page, page.getByLabel('Jour'), String(day));
  await typeInto(page, page.getByLabel('Mois'), String(month));
  await typeInto(page, page.getByLabel('Année'), String(year));
  await press(page, page.getByRole('button', { name: 'Rechercher', exact: true }));
  await page.getByText(found).waitFor();
}
