import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signIn, startE2E, visit, type E2E } from './support.js';
import { press } from './keyboard.js';
import { createPerson } from '../server/test/sessions.js';

/**
 * The RGAA 4.1 checks axe cannot make (issue 15, item 3), as the statement's method says: focus order,
 * 200 % zoom (a 1280 px screen zoomed 200 % is a 640 px wide page), text spacing (criterion 10.12), reduced
 * motion, form errors tied to their field (11.10), and the session's time limit (13.1).
 */
describe('RGAA checks beyond axe', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  const signedInPages = [
    '/accueil',
    '/profil-medical',
    '/profil-medical/mesures',
    '/documents',
    '/messagerie',
    '/parametres',
    '/profils/ajouter',
  ];
  const publicPages = ['/', '/activation', '/connexion', '/accessibilite'];

  /** The focused element's name, as a keyboard user hears it. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });

  it('focus order: skip links first, then the header, the menu, the page, the footer', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Rosalie' });
    const page = await e.newPage();
    await signIn(page, e, p.accountId);
    await visit(page, '/accueil');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Aller au contenu');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Aller au menu');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Aller au pied de page');
    // « Aller au contenu » puts the focus in <main>: the next Tab reaches the page's first control.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    const order = await page.evaluate(() => {
      const seen: string[] = [];
      const parts = ['.fr-skiplinks', 'header', 'main', 'footer'];
      for (const el of document.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, [tabindex="0"]',
      )) {
        if (el.offsetParent === null) continue;
        const part = parts.find((s) => el.closest(s));
        if (part && seen.at(-1) !== part) seen.push(part);
      }
      return seen;
    });
    expect(order).toEqual(['.fr-skiplinks', 'header', 'main', 'footer']);
  });

  it('200 % zoom: every page reflows in 640 px, without scrolling sideways, and stays axe-clean', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Octave' });
    const page = await e.newPage({ width: 640, height: 450 });
    await signIn(page, e, p.accountId);
    for (const path of [...publicPages, ...signedInPages]) {
      await visit(page, path);
      expect(await hasHorizontalScroll(page), path).toBe(false);
    }
    await visit(page, '/accueil');
    await checkPage(page, 'a11y-zoom-200-accueil');
  });

  it('text spacing (10.12): with wider lines, letters, words and paragraphs, no text is cut or overlaps', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Sidonie' });
    const page = await e.newPage({ width: 320, height: 800 });
    await signIn(page, e, p.accountId);
    for (const path of ['/accueil', '/documents', '/parametres']) {
      await visit(page, path);
      await page.addStyleTag({
        content:
          '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
      });
      expect(await hasHorizontalScroll(page), path).toBe(false);
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main button, main a.fr-btn, main label, main h1, main h2')]
          .filter(
            (el) =>
              el.offsetParent !== null &&
              getComputedStyle(el).overflow === 'hidden' &&
              el.scrollWidth > el.clientWidth + 1,
          )
          .map((el) => el.textContent),
      );
      expect(clipped, path).toEqual([]);
    }
  });

  it('reduced motion: with the system setting on, nothing on the page animates', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Anatole' });
    const page = await e.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(page, e, p.accountId);
    await visit(page, '/accueil');
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => {
          const s = getComputedStyle(el);
          const long = (v: string) => v.split(',').some((d) => parseFloat(d) > 0.01);
          return (s.animationName !== 'none' && long(s.animationDuration)) || long(s.transitionDuration);
        })
        .map((el) => el.className),
    );
    expect(moving).toEqual([]);
  });

  it('a refused field (11.10): its message is tied to the field and read with it', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Ernest' });
    const page = await e.newPage({ width: 320, height: 800 });
    await signIn(page, e, p.accountId);
    await visit(page, '/profil-medical/maladies');
    await press(page, page.getByRole('button', { name: "J'ajoute une maladie ou un autre sujet de santé" }));
    await press(page, page.getByRole('button', { name: 'Enregistrer' }));
    await page.getByRole('alert').first().waitFor();
    const nir = page.getByLabel('Maladie ou sujet de santé');
    const described = await nir.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    // The DSFR ties the message to the field (aria-describedby) and marks the field in red with its text.
    expect(described).toMatch(/\S/);
    expect(await nir.evaluate((el) => el.classList.contains('fr-input--error'))).toBe(true);
    await checkPage(page, 'a11y-field-error-320');
  });

  it('time limit (13.1): a warning before the idle timeout, « Rester connecté » keeps the session, doing nothing signs out', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Clémence' });
    const page = await e.newPage({ width: 320, height: 800 });
    await page.clock.install();
    await signIn(page, e, p.accountId);
    // The warning counts from the server's last answer: wait until the page has heard it, then let time pass.
    const started = page.waitForResponse('**/api/me/session/keep-alive');
    await visit(page, '/accueil');
    await started;
    await page.waitForLoadState('networkidle');
    const idle = e.platform.config.SESSION_IDLE_MINUTES;
    await page.clock.fastForward(`${String(idle - 3).padStart(2, '0')}:30`);
    const warning = page.getByRole('alertdialog', { name: 'Votre session va bientôt se terminer' });
    await warning.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('idle-title');
    await checkPage(page, 'a11y-idle-warning-320');
    await press(page, warning.getByRole('button', { name: 'Rester connecté' }));
    await warning.waitFor({ state: 'detached' });
    // Left alone after that: signed out at the end, and told why on the login page.
    await page.clock.fastForward(`${String(idle).padStart(2, '0')}:00`);
    await page.waitForURL('**/connexion');
    await page.getByText("Vous avez été déconnecté car vous n'avez rien fait pendant un moment.").waitFor();
    await checkPage(page, 'a11y-idle-signed-out-320');
  });

  it("« Déclaration d'accessibilité » from the footer: the rate, the failures, the method, a contact; and « Plan du site »", async () => {
    const page = await e.newPage({ width: 320, height: 800 });
    await visit(page, '/');
    const footer = page.locator('footer');
    expect(await footer.innerText()).toMatch(/Accessibilité\s?:\s?partiellement conforme/);
    await press(page, footer.getByRole('link', { name: /Accessibilité/ }));
    await page.getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/98,6\s%\sdes critères du RGAA 4\.1 sont respectés/);
    expect(text).toContain('69 critères respectés sur 70');
    expect(text).toContain('Critère 13.3');
    expect(text).toContain('3422');
    expect(text).toContain('Défenseur des droits');
    await checkPage(page, 'a11y-statement-320');
    await press(page, page.locator('footer').getByRole('link', { name: 'Plan du site' }));
    await page.getByRole('heading', { level: 1, name: 'Plan du site' }).waitFor();
    await checkPage(page, 'a11y-sitemap-320');
  });
});
