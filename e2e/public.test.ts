import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, hasHorizontalScroll, startE2E, visit, type E2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('home page of a visitor', () => {
  it('renders in French with the DSFR header, the brand block and the two main buttons (1280 px)', async () => {
    const page = await e2e.newPage();
    await visit(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toBe('Accueil — Carnet');
    const header = page.locator('header.fr-header');
    await expect.poll(() => header.isVisible()).toBe(true);
    expect(await header.locator('.fr-header__service-title').innerText()).toBe('Carnet');
    // Not the State's deployment: neutral brand block, no Marianne.
    expect(await page.evaluate(() => document.documentElement.classList.contains('carnet-brand-neutral'))).toBe(true);
    expect(
      await page.evaluate(() => getComputedStyle(document.querySelector('.fr-header .fr-logo')!, '::before').display),
    ).toBe('none');
    const main = page.locator('main');
    expect(await main.locator('h1').innerText()).toMatch(/Mon espace santé/);
    const activate = main.getByRole('link', { name: 'Activer Mon espace santé' });
    const login = main.getByRole('link', { name: 'Connexion' });
    expect(await activate.getAttribute('href')).toBe('/activation');
    expect(await login.getAttribute('href')).toBe('/connexion');
    expect(await activate.getAttribute('class')).toContain('fr-btn');
    expect(await page.locator('footer.fr-footer').isVisible()).toBe(true);
    // The DSFR's stylesheet is applied (its blue on the primary button).
    expect(await activate.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 145)');
    await checkPage(page, 'home-1280');
  });

  it('fits a 320 px wide phone without horizontal scroll', async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await visit(page, '/');
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await page.getByRole('link', { name: 'Activer Mon espace santé' }).isVisible()).toBe(true);
    // The header's tools move into the « Menu » dialog.
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(true);
    await checkPage(page, 'home-320');
  });

  it('shows the official Marianne brand block only when BRAND_OFFICIAL=true', async () => {
    const official = await startE2E({ BRAND_OFFICIAL: 'true', BRAND_TOP: 'République\nFrançaise' });
    try {
      const page = await official.newPage();
      await visit(page, '/');
      expect(await page.evaluate(() => document.documentElement.classList.contains('carnet-brand-neutral'))).toBe(
        false,
      );
      expect(
        await page.evaluate(() => getComputedStyle(document.querySelector('.fr-header .fr-logo')!, '::before').display),
      ).toBe('block');
      expect(await page.locator('.fr-header .fr-logo').innerText()).toMatch(/RÉPUBLIQUE\s+FRANÇAISE/i);
      await checkPage(page, 'home-official-1280');
    } finally {
      await official.close();
    }
  });

  it('can be used with the keyboard alone: skip link first, then « Activer Mon espace santé »', async () => {
    const page = await e2e.newPage();
    await visit(page, '/');
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        text: (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '',
      }));
    expect((await focused()).text).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('contenu');

    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focused()).text === 'Activer Mon espace santé';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/activation');
    await page.waitForFunction(() => document.title === 'Activer Mon espace santé — Carnet');
    // In-app navigation puts focus at the start of the new page.
    expect((await focused()).id).toBe('contenu');
    await checkPage(page, 'activation');
  });

  it('leads to the login page', async () => {
    const page = await e2e.newPage();
    await visit(page, '/');
    await page.locator('main').getByRole('link', { name: 'Connexion' }).click();
    await page.waitForURL('**/connexion');
    // The identity journey draws this page; the shell gives it its title.
    await page.waitForFunction(() => document.title === 'Connexion — Carnet');
    await checkPage(page, 'connexion');
  });

  it('answers an unknown address with a French 404 page leading home', async () => {
    const page = await e2e.newPage();
    await visit(page, '/cette-page-n-existe-pas');
    expect(await page.locator('main h1').innerText()).toBe('Page non trouvée');
    expect(await page.title()).toBe('Page non trouvée — Carnet');
    await checkPage(page, 'not-found');
    await page.locator('main').getByRole('link', { name: "Page d'accueil" }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: /Mon espace santé/ }).waitFor();
    await checkPage(page, 'home-after-404');
  });

  it('has an accessibility statement linked from the footer', async () => {
    const page = await e2e.newPage();
    await visit(page, '/');
    await page
      .locator('footer')
      .getByRole('link', { name: /Accessibilité/ })
      .click();
    await page.waitForURL('**/accessibilite');
    await page.getByRole('heading', { level: 1, name: "Déclaration d'accessibilité" }).waitFor();
    await checkPage(page, 'accessibilite');
  });
});
