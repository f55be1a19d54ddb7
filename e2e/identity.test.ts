import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, startE2E, visit, type E2E } from './support.js';
import { press, tabTo, typeInto } from './keyboard.js';
import { adult, enrol, lastMessage, otpOf, provisionalCodeOf } from '../server/test/identity.js';
import { createPerson } from '../server/test/sessions.js';

describe('identity journeys, by keyboard alone', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  async function identify(page: Page, row: ReturnType<typeof adult>, code: string) {
    await press(page, page.getByRole('button', { name: 'Commencer' }));
    await typeInto(page, page.getByLabel('Code provisoire'), code);
    await typeInto(page, page.getByLabel('Numéro de sécurité sociale'), row.nir);
    await typeInto(page, page.getByLabel('Jour'), String(Number(row.birth_date.slice(8, 10))));
    await typeInto(page, page.getByLabel('Mois'), row.birth_date.slice(5, 7));
    await typeInto(page, page.getByLabel('Année'), row.birth_date.slice(0, 4));
    await typeInto(page, page.getByLabel('Numéro de série de la carte Vitale'), row.vitale_serial);
    await press(page, page.getByRole('button', { name: 'Continuer' }));
  }

  it('activation at 320 px: code, NIR, birth date, card → contact confirmed → username and password → « Félicitations »', async () => {
    const row = adult({ first_names: 'Inès', used_first_name: 'Inès' });
    await enrol(e.platform, [row]);
    const page = await e.newPage({ width: 320, height: 800 });
    await visit(page, '/');
    await press(page, page.getByRole('link', { name: 'Activer Mon espace santé' }).first());
    await page.getByRole('button', { name: 'Commencer' }).waitFor();
    await checkPage(page, 'activation-1-intro-320');
    // A wrong code first: one generic message, focused.
    await identify(page, row, 'AAAA-BBBB-CCCC');
    await page.getByText('Les informations saisies ne permettent pas de vous identifier').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await checkPage(page, 'activation-2-error-320');
    await page.reload();
    await identify(page, row, await provisionalCodeOf(e.platform.db, row.email));
    await page.getByRole('heading', { name: 'Bonjour Inès, que souhaitez-vous faire ?' }).waitFor();
    await checkPage(page, 'activation-3-choice-320');
    await press(page, page.getByRole('button', { name: "J'active mon compte" }));
    await page.getByRole('heading', { name: 'Je vérifie mes coordonnées de contact' }).first().waitFor();
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(row.email);
    await press(page, page.getByRole('button', { name: 'Recevoir un code de confirmation' }).first());
    await page.getByText(`Un code à 6 chiffres vient d'être envoyé à ${row.email}`).waitFor();
    await typeInto(page, page.getByLabel('Code de confirmation'), await otpOf(e.platform.db, row.email));
    await press(page, page.getByRole('button', { name: 'Valider le code' }));
    await page.getByText(`Adresse e-mail confirmée : ${row.email}`).waitFor();
    await checkPage(page, 'activation-4-contacts-320');
    await press(page, page.getByRole('button', { name: 'Continuer' }));
    await page
      .getByRole('heading', { name: 'Je choisis mon nouvel identifiant et mon mot de passe' })
      .first()
      .waitFor();
    await typeInto(page, page.getByLabel('Identifiant'), 'ines.martin');
    await page.getByText('Cet identifiant est disponible.').waitFor();
    await typeInto(page, page.getByLabel('Mot de passe', { exact: true }), 'Colibri-dore-sur-la-branche-3');
    await typeInto(page, page.getByLabel('Confirmation du mot de passe'), 'Colibri-dore-sur-la-branche-3');
    await checkPage(page, 'activation-5-credentials-320');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await press(page, page.getByRole('button', { name: 'Activer mon espace' }));
    await page.getByRole('heading', { name: 'Félicitations : mon compte est activé !' }).waitFor();
    await checkPage(page, 'activation-6-done-320');
    await press(page, page.getByRole('link', { name: 'Terminer' }));
    await page.getByRole('heading', { name: /Bonjour Inès/ }).waitFor();
  });

  it('opposition: the choice, a confirmation, and the proof of opposition as a PDF', async () => {
    const row = adult({ first_names: 'Paul', used_first_name: 'Paul', sex: 'M' });
    await enrol(e.platform, [row]);
    const page = await e.newPage();
    await visit(page, '/activation');
    await identify(page, row, await provisionalCodeOf(e.platform.db, row.email));
    await press(page, page.getByRole('button', { name: "Je m'oppose à la création de mon compte" }));
    await page.getByRole('heading', { name: "Je m'oppose à la création de mon compte" }).first().waitFor();
    await checkPage(page, 'opposition-1-confirm');
    await press(page, page.getByRole('button', { name: 'Je confirme mon opposition' }));
    await page.getByRole('heading', { name: 'Votre opposition est enregistrée' }).waitFor();
    await checkPage(page, 'opposition-2-done');
    const download = page.waitForEvent('download');
    await press(page, page.getByRole('button', { name: /Télécharger l'attestation/ }));
    const file = await download;
    expect(file.suggestedFilename()).toBe('attestation-opposition.pdf');
    const status = await e.platform.db
      .selectFrom('profile')
      .select('status')
      .where('nir', '=', row.nir)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('opposed');
  });

  it('login at 320 px: username and password → e-mail → the code read in the dev mailbox → « Se connecter »', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Louise' });
    const email = `${p.username}@example.org`;
    await e.platform.db
      .updateTable('profile')
      .set({ email, email_verified_at: new Date(), phone: '+33611223344', phone_verified_at: new Date() })
      .where('id', '=', p.profileId)
      .execute();
    const page = await e.newPage({ width: 320, height: 800 });
    await visit(page, '/');
    await press(page, page.getByRole('link', { name: 'Connexion' }).first());
    await page.getByRole('heading', { name: 'Je me connecte à mon compte Mon espace santé' }).waitFor();
    await checkPage(page, 'login-1-credentials-320');
    await typeInto(page, page.getByLabel('Identifiant'), p.username);
    await typeInto(page, page.getByLabel('Mot de passe', { exact: true }), 'wrong password');
    await press(page, page.getByRole('button', { name: 'Continuer' }));
    await page.getByText('Identifiant ou mot de passe incorrect.').waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill('');
    await typeInto(page, page.getByLabel('Mot de passe', { exact: true }), p.password);
    await press(page, page.getByRole('button', { name: 'Continuer' }));
    await page.getByRole('heading', { name: "Je choisis où recevoir mon code d'accès à usage unique" }).waitFor();
    await checkPage(page, 'login-2-channel-320');
    await tabTo(page, page.getByLabel(/Par e-mail/));
    await page.keyboard.press('ArrowDown'); // radio group: arrows move the choice, to the SMS
    expect(await page.getByLabel(/Par SMS : 06 •• •• •• 44/).isChecked()).toBe(true);
    await page.keyboard.press('ArrowUp');
    await press(page, page.getByRole('button', { name: 'Recevoir le code' }));
    await page.getByRole('heading', { name: "Je saisis mon code d'accès à usage unique" }).waitFor();
    await checkPage(page, 'login-3-code-320');
    // The code, read as a person would: in the dev mailbox, in another tab.
    const mailbox = await e.newPage();
    await visit(mailbox, '/dev/mailbox');
    const text = await mailbox
      .getByText(/Votre code à usage unique pour vous connecter/)
      .first()
      .textContent();
    const code = /(\d{6})/.exec(text ?? '')?.[1];
    expect(code).toBe(await otpOf(e.platform.db, email));
    await typeInto(page, page.getByLabel("Code d'accès à usage unique"), code!);
    await press(page, page.getByRole('button', { name: 'Se connecter' }));
    await page.getByRole('heading', { name: /Bonjour Louise/ }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it('new code, forgotten password and settings pages are axe-clean and work by keyboard', async () => {
    const p = await createPerson(e.platform.db, { firstName: 'Nadia' });
    const email = `${p.username}@example.org`;
    await e.platform.db
      .updateTable('profile')
      .set({ email, email_verified_at: new Date() })
      .where('id', '=', p.profileId)
      .execute();
    const page = await e.newPage();
    await visit(page, '/activation/nouveau-code');
    await checkPage(page, 'new-code');
    await visit(page, '/connexion/identifiant-oublie');
    await checkPage(page, 'forgotten-username');
    await visit(page, '/connexion/mot-de-passe-oublie');
    await checkPage(page, 'forgotten-password-1');
    await typeInto(page, page.getByLabel('Identifiant'), p.username);
    await press(page, page.getByRole('button', { name: 'Recevoir un code' }));
    await page.getByText(/un code à 6 chiffres vient d'être envoyé/).waitFor();
    await typeInto(page, page.getByLabel('Code reçu'), await otpOf(e.platform.db, email));
    await typeInto(page, page.getByLabel('Nouveau mot de passe', { exact: true }), 'Hirondelle-du-printemps-12');
    await checkPage(page, 'forgotten-password-2');
    await press(page, page.getByRole('button', { name: 'Changer mon mot de passe' }));
    await page.getByText('Votre mot de passe a été changé.').waitFor();
    expect(await lastMessage(e.platform.db, email)).toMatch(/pour choisir un nouveau mot de passe/);
    // Signed in: the settings list this session.
    const { signIn } = await import('./support.js');
    await signIn(page, e, p.accountId);
    await visit(page, '/parametres');
    await page.getByRole('heading', { name: 'Mes sessions' }).waitFor();
    await page.getByText('(cet appareil)').waitFor();
    await checkPage(page, 'settings');
    // Changing the e-mail asks for the password again (issue 14.7), then the code sent to the new address.
    await press(page, page.getByRole('button', { name: 'Changer mon adresse e-mail' }));
    const newEmail = `nouvelle.${p.username}@example.org`;
    await typeInto(page, page.getByLabel('Nouvelle adresse e-mail'), newEmail);
    const contactForm = page.locator('form').filter({ has: page.getByLabel('Nouvelle adresse e-mail') });
    await typeInto(page, contactForm.getByLabel('Mot de passe actuel'), 'Hirondelle-du-printemps-12');
    await checkPage(page, 'settings-contact-change');
    await press(page, page.getByRole('button', { name: 'Recevoir un code de confirmation' }));
    await page.getByText(`Un code à 6 chiffres vient d'être envoyé à ${newEmail}`).waitFor();
    await typeInto(page, page.getByLabel('Code de confirmation'), await otpOf(e.platform.db, newEmail));
    await press(page, page.getByRole('button', { name: 'Confirmer' }));
    await page.locator('strong', { hasText: newEmail }).waitFor();
    expect(await lastMessage(e.platform.db, email)).toMatch(/vient d'être remplacée/);
  });
});
