import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signIn, startE2E, visit, type E2E } from './support';
import { press, tabTo, typeInto } from './keyboard';
import { fullSpace } from '../server/test/space.js';
import { unzip } from '../server/test/zip.js';
import { startClosureJobs } from '../server/src/features/closure/closure.jobs.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await startClosureJobs(e2e.platform); // the real pg-boss worker prepares the archives
});
afterAll(async () => {
  await e2e?.close();
});

/**
 * Prepares the archive, waits for it (progress shown), then fetches it with the password; returns the ZIP's entries.
 */
async function downloadData(page: Page, password: string, name: string) {
  await press(page, page.getByRole('button', { name: 'Préparer le téléchargement de mes données' }));
  await page.getByText(/Vos données sont prêtes/).waitFor({ timeout: 60_000 });
  await checkPage(page, name);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Télécharger mes données' }) });
  await typeInto(page, form.getByLabel('Mot de passe'), password);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    press(page, page.getByRole('button', { name: 'Télécharger mes données' })),
  ]);
  const file = await download.path();
  return unzip(await readFile(file!));
}

describe('closure', () => {
  it('« Télécharger mes données » without closing: prepared in the background, fetched with the password (1280 px)', async () => {
    const s = await fullSpace(e2e.platform, 'E2EDL');
    const page = await e2e.newPage();
    await signIn(page, e2e, s.accountId);
    await visit(page, '/parametres');
    await page.getByRole('heading', { name: 'Télécharger mes données' }).waitFor();
    const entries = await downloadData(page, s.password, 'closure-download-ready-1280');
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining([
        'fhir/bundle.json',
        'synthese-profil-medical.pdf',
        'documents/compte-rendu-E2EDL.txt',
        'journal-des-acces.csv',
      ]),
    );
    // Not closed: the space is still open.
    await visit(page, '/profil-medical');
    expect(
      (
        await e2e.platform.db
          .selectFrom('profile')
          .select('status')
          .where('id', '=', s.profileId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('activated');
  });

  // At 1280 px both boxes are ticked: the erase job (running here) deletes the account too, so the login
  // gets the usual answer. At 320 px only the download: the space is archived and the login says it is closed.
  for (const [width, erase] of [
    [1280, true],
    [320, false],
  ] as const) {
    it(`« Clôture du profil » ${erase ? 'with both boxes ticked' : 'with the download only'}, by keyboard, then the login is refused (${width} px)`, async () => {
      const s = await fullSpace(e2e.platform, `E2ECL${width}`);
      const page = await e2e.newPage({ width });
      await signIn(page, e2e, s.accountId);
      await visit(page, '/parametres');
      await press(page, page.getByRole('link', { name: 'Clôture du profil' }));
      await page.getByRole('heading', { level: 1, name: 'Clôture du profil' }).waitFor();
      await page.getByText('Bien lire avant de clôturer le profil').waitFor();
      await checkPage(page, `closure-notice-${width}`);
      expect(await hasHorizontalScroll(page)).toBe(false);

      await tabTo(page, page.getByLabel(/Je souhaite télécharger les données/));
      await page.keyboard.press('Space');
      const entries = await downloadData(page, s.password, `closure-download-${width}`);
      expect(entries.has('fhir/bundle.json')).toBe(true);
      if (erase) {
        await tabTo(page, page.getByLabel(/Je souhaite supprimer définitivement/));
        await page.keyboard.press('Space');
      }
      await press(page, page.getByRole('button', { name: 'Clôturer le profil' }));

      await page.getByRole('heading', { level: 1, name: 'Confirmer la clôture du profil' }).waitFor();
      await checkPage(page, `closure-password-${width}`);
      await typeInto(page, page.getByLabel('Mot de passe'), 'pas-le-bon-mot-de-passe');
      await press(page, page.getByRole('button', { name: 'Confirmer la clôture' }));
      await page.getByText("Le mot de passe saisi n'est pas le bon.").waitFor();
      await page.getByLabel('Mot de passe', { exact: true }).fill('');
      await typeInto(page, page.getByLabel('Mot de passe'), s.password);
      await press(page, page.getByRole('button', { name: 'Confirmer la clôture' }));
      await page.getByRole('heading', { level: 1, name: 'Le compte est désormais clôturé' }).waitFor();
      await checkPage(page, `closure-done-${width}`);
      const p = await e2e.platform.db
        .selectFrom('profile')
        .select(['status', 'deletion_requested_at'])
        .where('id', '=', s.profileId)
        .executeTakeFirstOrThrow();
      expect(p.status).toBe('closed');
      expect(p.deletion_requested_at !== null).toBe(erase);

      // With deletion, wait for the erase job (pg-boss, running here) to finish before signing in again.
      for (let i = 0; erase && i < 120; i++) {
        const row = await e2e.platform.db
          .selectFrom('profile')
          .select('deleted_at')
          .where('id', '=', s.profileId)
          .executeTakeFirstOrThrow();
        if (row.deleted_at) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      // Signed out everywhere; the login says why.
      await visit(page, '/connexion');
      await typeInto(page, page.getByLabel('Identifiant'), s.username);
      await typeInto(page, page.getByLabel('Mot de passe'), s.password);
      await page.keyboard.press('Enter');
      await page
        .getByText(erase ? 'Identifiant ou mot de passe incorrect.' : 'Ce profil Mon espace santé a été clôturé')
        .waitFor();
      if (erase) {
        // The erase job ran: nothing of the space is left but the reduced identity.
        const left = await e2e.platform.db
          .selectFrom('profile')
          .select(['deleted_at', 'birth_name'])
          .where('id', '=', s.profileId)
          .executeTakeFirstOrThrow();
        expect(left).toMatchObject({ birth_name: '' });
      }
      await checkPage(page, `closure-login-refused-${width}`);
    });
  }
});
