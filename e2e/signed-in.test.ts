import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../server/test/sessions.js';
import { checkPage, hasHorizontalScroll, signIn, signInAsNewPerson, startE2E, visit, type E2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const menu = ['Accueil', 'Profil médical', 'Documents', 'Messagerie', 'Paramètres'];

describe('signed-in layout', () => {
  it('greets the person by first name, with the main menu and the profile menu', async () => {
    const page = await e2e.newPage();
    await signInAsNewPerson(page, e2e, { firstName: 'Marie', lastName: 'Lefèvre' });
    await visit(page, '/accueil');
    expect(await page.locator('main h1').innerText()).toBe('Bonjour Marie');
    expect(await page.title()).toBe('Accueil de mon espace — Carnet');

    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(menu);
    expect(await nav.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current')).toBe('page');

    const main = page.locator('main');
    for (const name of [
      'Compléter mon profil médical',
      'Ajouter un document de santé',
      'Profil médical',
      'Documents',
      'Messagerie',
      'Paramètres',
    ]) {
      expect(await main.getByRole('link', { name, exact: true }).count(), name).toBeGreaterThan(0);
    }
    await main.getByText('Rien de nouveau pour le moment.', { exact: false }).waitFor();

    const profileButton = page.getByRole('button', { name: 'Profil ouvert : Marie LEFÈVRE' });
    expect(await profileButton.isVisible()).toBe(true);
    await checkPage(page, 'accueil-1280');

    await profileButton.click();
    expect(await profileButton.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await checkPage(page, 'accueil-profile-menu-open');
  });

  it('marks the current section in the main menu and titles each page', async () => {
    const page = await e2e.newPage();
    await signInAsNewPerson(page, e2e, { firstName: 'Paul' });
    await visit(page, '/accueil');
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    const pages = [
      { name: 'Profil médical', path: '/profil-medical', shot: 'profil-medical' },
      { name: 'Documents', path: '/documents', shot: 'documents' },
      { name: 'Messagerie', path: '/messagerie', shot: 'messagerie' },
      { name: 'Paramètres', path: '/parametres', shot: 'parametres' },
    ];
    for (const p of pages) {
      await nav.getByRole('link', { name: p.name }).click();
      await page.waitForURL(`**${p.path}`);
      await page.getByRole('heading', { level: 1, name: p.name }).waitFor();
      expect(await page.title()).toBe(`${p.name} — Carnet`);
      expect(await nav.getByRole('link', { name: p.name }).getAttribute('aria-current')).toBe('page');
      expect(await nav.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current')).toBeNull();
      await checkPage(page, p.shot);
    }
  });

  it('logs out from the profile menu and returns to the home page', async () => {
    const page = await e2e.newPage();
    await signInAsNewPerson(page, e2e, { firstName: 'Inès' });
    await visit(page, '/accueil');
    await page.getByRole('button', { name: /^Profil ouvert : Inès/ }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: /Mon espace santé/ }).waitFor();
    await checkPage(page, 'home-after-logout');
    // The session ended on the server: the signed-in pages are closed again.
    await page.goto('/accueil');
    await page.waitForURL('**/connexion');
    await checkPage(page, 'connexion-after-logout');
  });

  it('sends a visitor without a session to the login page', async () => {
    const page = await e2e.newPage();
    await page.goto('/accueil');
    await page.waitForURL('**/connexion');
    await page.waitForFunction(() => document.title === 'Connexion — Carnet');
    await checkPage(page, 'accueil-signed-out');
  });

  it('switches to a child profile and keeps the choice for the tab', async () => {
    const { db } = e2e.platform;
    const parent = await createPerson(db, { firstName: 'Sophie', lastName: 'Moreau' });
    const child = await db
      .insertInto('profile')
      .values({
        birth_name: 'MOREAU',
        first_names: 'Léo',
        used_first_name: 'Léo',
        sex: 'M',
        birth_date: '2016-05-04',
        status: 'created',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: child.id, status: 'validated' })
      .execute();

    const page = await e2e.newPage();
    await signIn(page, e2e, parent.accountId);
    await visit(page, '/accueil');
    await page.getByRole('button', { name: 'Profil ouvert : Sophie MOREAU' }).click();
    await page.getByRole('button', { name: /Léo MOREAU/ }).click();
    await page.getByText('Vous consultez le profil de').waitFor();
    expect(await page.locator('main h1').innerText()).toBe('Bonjour Sophie');
    expect(await page.getByRole('button', { name: /Profil ouvert.*Léo MOREAU/ }).isVisible()).toBe(true);
    await checkPage(page, 'accueil-child-profile');

    await page.reload();
    await page.getByText('Vous consultez le profil de').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('carnet.activeProfileId'))).toBe(child.id);
  });

  it('fits a 320 px wide phone and still shows whose profile is open', async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await signInAsNewPerson(page, e2e, { firstName: 'Amandine', lastName: 'Rousseau-Delacroix' });
    await visit(page, '/accueil');
    expect(await hasHorizontalScroll(page)).toBe(false);
    const bar = page.locator('.carnet-profile-bar');
    expect(await bar.isVisible()).toBe(true);
    expect(await bar.innerText()).toMatch(/Profil ouvert\s:\s+Amandine ROUSSEAU-DELACROIX/);
    await checkPage(page, 'accueil-320');

    await page.getByRole('button', { name: 'Menu' }).click();
    const dialog = page.locator('.fr-header__menu');
    await dialog.getByRole('link', { name: 'Documents' }).waitFor();
    await checkPage(page, 'accueil-320-menu');
    await dialog.getByRole('button', { name: /^Profil ouvert : Amandine/ }).click();
    await dialog.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'accueil-320-profile-menu');
  });
});
