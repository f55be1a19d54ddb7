import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signIn, startE2E, visit, type E2E } from './support.js';
import { press, tabTo, typeInto } from './keyboard.js';
import { adult, enrol, provisionalCodeOf } from '../server/test/identity.js';
import { createPerson, sessionCookie } from '../server/test/sessions.js';
import { pdf } from '../server/test/documents.js';

const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** The newcomer's stumbling points (issue 15, item 2), walked by keyboard alone at 320 px. */
describe('stumbling points of a person not at ease with computers', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  async function phone(accountId: string): Promise<Page> {
    const page = await e.newPage({ width: 320, height: 800 });
    await signIn(page, e, accountId);
    return page;
  }

  it('at 320 px, the profile menu, « Paramètres » and « Se déconnecter » are reached without opening « Menu »', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Yvette', lastName: 'Garnier' });
    const page = await phone(p.accountId);
    await visit(page, '/accueil');
    // The « Profil ouvert » bar is a real button now (it looked like one before and was not).
    const bar = page.locator('.carnet-profile-bar').getByRole('button', { name: /^Profil ouvert : Yvette GARNIER/ });
    await press(page, bar);
    expect(await bar.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator('.carnet-profile-bar .carnet-profile-menu__panel');
    await panel.getByRole('link', { name: 'Paramètres' }).waitFor();
    expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).not.toBe('true');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'inclusion-1-bar-menu-320');
    await press(page, panel.getByRole('button', { name: 'Se déconnecter' }));
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('the password rule on one’s own name is told beside the field, before any refusal', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Bernadette', lastName: 'Lemoine' });
    const page = await phone(p.accountId);
    await visit(page, '/parametres');
    const field = page.getByLabel('Nouveau mot de passe', { exact: true });
    await typeInto(page, field, 'bernadette-au-jardin-2026');
    const rule = page.locator('.fr-message--error', {
      hasText: 'ne contenir ni votre identifiant, ni votre nom, ni votre prénom',
    });
    await rule.waitFor();
    await field.fill('');
    await typeInto(page, field, 'Colibri-dore-sur-la-branche-3');
    await page
      .locator('.fr-message--valid', { hasText: 'ne contenir ni votre identifiant, ni votre nom, ni votre prénom' })
      .waitFor();
    await checkPage(page, 'inclusion-2-password-rule-320');
  });

  it('re-using the code of an opposition says that a new code is needed', async () => {
    const row = adult({ first_names: 'Gaston', used_first_name: 'Gaston', sex: 'M' });
    await enrol(e.platform, [row]);
    const code = await provisionalCodeOf(e.platform.db, row.email);
    const page = await e.newPage({ width: 320, height: 800 });
    const identify = async () => {
      await visit(page, '/activation');
      await press(page, page.getByRole('button', { name: 'Commencer' }));
      await typeInto(page, page.getByLabel('Code provisoire'), code);
      await typeInto(page, page.getByLabel('Numéro de sécurité sociale'), row.nir);
      await typeInto(page, page.getByLabel('Jour'), String(Number(row.birth_date.slice(8, 10))));
      await typeInto(page, page.getByLabel('Mois'), row.birth_date.slice(5, 7));
      await typeInto(page, page.getByLabel('Année'), row.birth_date.slice(0, 4));
      await typeInto(page, page.getByLabel('Numéro de série de la carte Vitale'), row.vitale_serial);
      await press(page, page.getByRole('button', { name: 'Continuer' }));
    };
    await identify();
    await press(page, page.getByRole('button', { name: "Je m'oppose à la création de mon compte" }));
    await press(page, page.getByRole('button', { name: 'Je confirme mon opposition' }));
    await page.getByRole('heading', { name: 'Votre opposition est enregistrée' }).waitFor();
    await identify();
    await page.getByText('Ce code a servi à votre opposition').waitFor();
    await page.locator('main').getByRole('link', { name: 'Je demande un nouveau code' }).waitFor();
    await checkPage(page, 'inclusion-3-opposition-code-320');
  });

  it('once the second representative is validated, the child’s settings no longer offer to share', async () => {
    const { db } = e.platform;
    const mother = await createPerson(db, { firstName: 'Agathe', lastName: 'Colin' });
    const father = await createPerson(db, { firstName: 'Rémi', lastName: 'Colin' });
    const child = await db
      .insertInto('profile')
      .values({
        birth_name: 'COLIN',
        first_names: 'Tom',
        used_first_name: 'Tom',
        sex: 'M',
        birth_date: '2018-02-03',
        status: 'created',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('representation')
      .values({ representative_id: mother.profileId, profile_id: child.id, status: 'validated' })
      .execute();
    const page = await phone(mother.accountId);
    await page.addInitScript((id) => sessionStorage.setItem('carnet.activeProfileId', id), child.id);
    await visit(page, '/parametres');
    await page.getByRole('heading', { name: 'Je partage le profil de mon enfant mineur' }).waitFor();
    await db
      .insertInto('representation')
      .values({ representative_id: father.profileId, profile_id: child.id, status: 'validated' })
      .execute();
    await page.reload();
    await page.getByText('Le profil est partagé avec les deux représentants légaux.').waitFor();
    expect(await page.getByRole('button', { name: 'Partager' }).count()).toBe(0);
    await checkPage(page, 'inclusion-4-shared-twice-320');
  });

  it('sessions are named (browser, system, network, last use) and all the others end in one press', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Lucette' });
    for (let i = 0; i < 3; i++) await sessionCookie(e.platform.db, p.accountId);
    await e.platform.db
      .updateTable('session')
      .set({ user_agent: ANDROID })
      .where('account_id', '=', p.accountId)
      .execute();
    const page = await phone(p.accountId);
    await visit(page, '/parametres');
    await page.getByText('(cet appareil)').waitFor();
    expect(await page.getByText('Chrome 131 sur Android 14 (téléphone)').count()).toBe(3);
    await page
      .getByText(/Adresse réseau\s:\s127\.0\.0/)
      .first()
      .waitFor();
    await checkPage(page, 'inclusion-5-sessions-320');
    await press(page, page.getByRole('button', { name: 'Se déconnecter de tous les autres appareils' }));
    await page.getByText('3 appareils ont été déconnectés.').waitFor();
    expect(await page.getByRole('button', { name: 'Déconnecter cet appareil' }).count()).toBe(0);
    await checkPage(page, 'inclusion-5-sessions-ended-320');
  });

  it('a document joins the list after its information; « Annuler » takes it back; the confirmation is beside it', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Marcel' });
    const page = await phone(p.accountId);
    await visit(page, '/documents');
    const list = page.getByRole('list', { name: 'Mes documents' });
    await tabTo(page, page.getByLabel('parcourir les fichiers'));
    await page
      .getByLabel('parcourir les fichiers')
      .setInputFiles([{ name: 'brouillon.pdf', mimeType: 'application/pdf', buffer: await pdf('Brouillon') }]);
    const form = page.getByRole('form', { name: /Informations du document/ });
    await form.getByRole('heading', { name: 'Je modifie les informations de mon document' }).waitFor();
    // Not in the list while its information is being filled in.
    await page.getByText('Aucun document pour le moment.').waitFor();
    await press(page, form.getByRole('button', { name: 'Annuler' }));
    await page.getByText("L'ajout de « brouillon.pdf » est annulé.").waitFor();
    expect(
      await e.platform.db.selectFrom('document').select('id').where('profile_id', '=', p.profileId).execute(),
    ).toEqual([]);

    await page
      .getByLabel('parcourir les fichiers')
      .setInputFiles([{ name: 'analyse.pdf', mimeType: 'application/pdf', buffer: await pdf('Analyse') }]);
    await form.getByLabel('Titre').waitFor();
    await form.getByLabel('Titre').fill('Prise de sang de mars');
    await press(page, form.getByRole('button', { name: 'Enregistrer' }));
    const card = list.locator(':scope > li', { hasText: 'Prise de sang de mars' });
    await card.getByText('Félicitations, Mon document est ajouté!').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Félicitations');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'inclusion-6-document-added-320');
  });

  it('a chart with one value writes its date once, and no date label is cut', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Hélène' });
    const page = await phone(p.accountId);
    await visit(page, '/accueil');
    const add = (measuredAt: string, value: number) =>
      page.request.post(`/api/profiles/${p.profileId}/medical/measures/weight`, {
        headers: { 'x-carnet-csrf': '1' },
        data: { measuredAt, value },
      });
    expect((await add('2026-03-04T08:00', 64)).status()).toBe(201);
    await visit(page, '/profil-medical/mesures/weight');
    const labels = page.locator('.carnet-chart svg text');
    await page.locator('.carnet-chart').waitFor();
    const dates = (await labels.allTextContents()).filter((t) => /\d{2}$/.test(t) && /[a-zé]/.test(t));
    expect(dates).toHaveLength(1);
    for (const v of [
      ['2026-04-10T08:00', 65],
      ['2026-05-20T08:00', 66],
      ['2026-06-30T08:00', 65.5],
    ] as const)
      expect((await add(v[0], v[1])).status()).toBe(201);
    await page.reload();
    await page.locator('.carnet-chart').waitFor();
    const inside = await page.locator('.carnet-chart svg').evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].every((t) => {
        const r = t.getBoundingClientRect();
        return r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
      });
    });
    expect(inside).toBe(true);
    await checkPage(page, 'inclusion-7-chart-320');
  });
});
