import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, signIn, startE2E, visit, type E2E } from './support.js';
import { press, tabTo, typeInto } from './keyboard.js';
import { enrolParentWithChild } from '../server/test/identity.js';
import { createPerson } from '../server/test/sessions.js';
import type { Page } from 'playwright-core';

const year = new Date().getUTCFullYear();

describe('family journeys, by keyboard alone', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  async function typeDate(page: Page, legend: string | RegExp, iso: string) {
    const group = page.getByRole('group', { name: legend });
    await typeInto(page, group.getByLabel('Jour'), String(Number(iso.slice(8, 10))));
    await typeInto(page, group.getByLabel('Mois'), iso.slice(5, 7));
    await typeInto(page, group.getByLabel('Année'), iso.slice(0, 4));
  }

  it('adds a child from the profile menu, switches to the child, shares with the second representative who accepts', async () => {
    // Claire, enrolled with her son Hugo, has an account.
    const { accountId } = await enrolParentWithChild(e.platform, {
      lastName: 'Roux',
      parent: 'Claire',
      child: 'Hugo',
      childAge: 7,
    });
    const page = await e.newPage();
    await signIn(page, e, accountId);
    await visit(page, '/accueil');
    await press(page, page.getByRole('button', { name: /^Profil ouvert : Claire ROUX/ }).first());
    await press(page, page.getByRole('link', { name: 'Ajouter un profil' }).first());
    await page.getByRole('heading', { level: 1, name: 'Ajouter un ou plusieurs profils' }).waitFor();
    await tabTo(page, page.getByLabel(/Hugo ROUX/));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Je certifie être le représentant légal du ou des profils sélectionnés.'));
    await page.keyboard.press('Space');
    await checkPage(page, 'family-1-add-profile');
    await press(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
    await page.getByText('Le profil a été ajouté.').waitFor();
    // Switch to Hugo's profile: whose profile is open shows everywhere.
    await press(page, page.getByRole('button', { name: /^Profil ouvert : Claire ROUX/ }).first());
    await press(page, page.getByRole('button', { name: /Hugo ROUX/ }).first());
    await page
      .getByRole('button', { name: /^Profil ouvert : Hugo ROUX/ })
      .first()
      .waitFor();
    await visit(page, '/parametres');
    await page.getByRole('heading', { name: 'Représentants légaux' }).waitFor();
    await typeInto(page, page.getByLabel('Nom', { exact: true }), 'Roux');
    await typeInto(page, page.getByLabel('Prénom', { exact: true }), 'Marc');
    await typeDate(page, 'Date de naissance', '1979-11-02');
    await tabTo(
      page,
      page.getByLabel('Je déclare que la personne désignée est bien le représentant légal de mon enfant mineur.'),
    );
    await page.keyboard.press('Space');
    await press(page, page.getByRole('button', { name: 'Partager' }));
    await page.getByText("L'invitation a été envoyée.").waitFor();
    await page.getByText('En attente', { exact: true }).waitFor();
    await checkPage(page, 'family-2-share');

    // Marc signs in, sees the invitation and accepts it.
    const marc = await createPerson(e.platform.db, { firstName: 'Marc', lastName: 'Roux', birthDate: '1979-11-02' });
    const marcPage = await e.newPage({ width: 320, height: 800 });
    await signIn(marcPage, e, marc.accountId);
    await visit(marcPage, '/accueil');
    await press(marcPage, marcPage.getByRole('link', { name: 'Voir les invitations' }));
    await marcPage.getByText('Claire ROUX vous invite à partager le profil de Hugo ROUX').waitFor();
    await checkPage(marcPage, 'family-3-invitation-320');
    await press(marcPage, marcPage.getByRole('button', { name: 'Accepter' }));
    await marcPage.getByText('Aucune invitation en attente.').waitFor();
    const me = await marcPage.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(me.profiles.map((p: { firstName: string }) => p.firstName)).toEqual(['Marc', 'Hugo']);
    await page.reload();
    await page.getByText('Validé', { exact: true }).waitFor();
  });

  it('invites a caregiver, who accepts and then opens the helped person’s profile', async () => {
    const rose = await createPerson(e.platform.db, { firstName: 'Rose', lastName: 'Petitjean' });
    const page = await e.newPage();
    await signIn(page, e, rose.accountId);
    await visit(page, '/parametres');
    await page.getByRole('heading', { name: 'Mes aidants' }).waitFor();
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Inviter' }) });
    await typeInto(page, form.getByLabel('Nom', { exact: true }), 'Bernard');
    await typeInto(page, form.getByLabel('Prénom', { exact: true }), 'Lucien');
    await typeDate(page, 'Date de naissance', '1960-04-04');
    await typeDate(page, "Fin de l'aide", `${year + 1}-12-31`);
    await press(page, page.getByRole('button', { name: 'Inviter' }));
    await page.getByText("L'invitation a été envoyée.").waitFor();
    await page.getByText('En attente', { exact: true }).waitFor();
    await checkPage(page, 'family-4-caregiver-invited');

    const lucien = await createPerson(e.platform.db, {
      firstName: 'Lucien',
      lastName: 'Bernard',
      birthDate: '1960-04-04',
    });
    const lucienPage = await e.newPage();
    await signIn(lucienPage, e, lucien.accountId);
    await visit(lucienPage, '/parametres');
    await lucienPage.getByText(/Rose PETITJEAN vous invite à devenir son aidant/).waitFor();
    await press(lucienPage, lucienPage.getByRole('button', { name: 'Accepter' }));
    await lucienPage.getByText(/Rose PETITJEAN, jusqu'au/).waitFor();
    await press(lucienPage, lucienPage.getByRole('button', { name: /^Profil ouvert : Lucien BERNARD/ }).first());
    await press(lucienPage, lucienPage.getByRole('button', { name: /Rose PETITJEAN/ }).first());
    await lucienPage
      .getByRole('button', { name: /^Profil ouvert : Rose PETITJEAN/ })
      .first()
      .waitFor();
    await visit(lucienPage, '/parametres');
    await lucienPage.getByText("En tant qu'aidant, vous ne pouvez pas modifier les paramètres de cet espace").waitFor();
    await checkPage(lucienPage, 'family-5-caregiver-view');
    await page.reload();
    await page.getByText('Acceptée', { exact: true }).waitFor();
  });
});
