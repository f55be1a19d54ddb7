import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signIn, startE2E, visit, type E2E } from './support';
import { press, tabTo, typeInto } from './keyboard';
import { multipartBody, pdf } from '../server/test/documents.js';
import { createPatient, createProfessional } from '../server/test/messaging.js';
import { proSessionCookie, sessionCookie } from '../server/test/sessions.js';
import { PRO_SESSION_COOKIE } from '../server/src/platform/professional-session.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function signInPro(page: Page, professionalId: string) {
  const cookie = await proSessionCookie(e2e.platform.db, professionalId);
  const value = cookie.slice(`${PRO_SESSION_COOKIE}=`.length);
  await page.context().addCookies([
    {
      name: PRO_SESSION_COOKIE,
      value,
      domain: 'localhost',
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    },
  ]);
}

/**
 * The seed's journey (II.7) on both sides, by keyboard: a professional writes with an attachment from the
 * portal → the notice in the dev mailbox → the patient reads, adds the attachment to Documents, replies
 * with a document and the synthesis → the professional reads the reply and ends the exchanges → the
 * patient sees the banner and cannot reply (the API refuses too).
 */
describe('messaging, the seed journey in the browser', () => {
  it('professional writes, patient reads, saves, replies; professional ends; reply refused', async () => {
    const db = e2e.platform.db;
    const patient = await createPatient(db, { firstName: 'Inaya', lastName: 'Moreau', birthDate: '1989-04-12' });
    const pro = await createProfessional(db, { firstName: 'Jean', lastName: 'Dupond' });
    // A document of the patient's own, to attach to the reply.
    const up = multipartBody('analyse.pdf', await pdf('Analyse sanguine'), 'application/pdf');
    await e2e.app.inject({
      method: 'POST',
      url: `/api/profiles/${patient.profileId}/documents`,
      headers: { ...up.headers, cookie: await sessionCookie(db, patient.accountId) },
      payload: up.payload,
    });

    // The professional writes from the portal, by keyboard.
    const proPage = await e2e.newPage();
    await signInPro(proPage, pro.id);
    await visit(proPage, '/pro/messagerie');
    await checkPage(proPage, 'messaging-pro-inbox');
    await typeInto(proPage, proPage.getByLabel('NIR du patient (15 caractères)'), patient.nir);
    await typeInto(proPage, proPage.getByLabel('Jour'), '12');
    await typeInto(proPage, proPage.getByLabel('Mois'), '04');
    await typeInto(proPage, proPage.getByLabel('Année'), '1989');
    await typeInto(proPage, proPage.getByLabel('Objet'), 'Résultats de votre bilan');
    await typeInto(proPage, proPage.getByLabel('Message'), 'Bonjour, vos résultats sont en pièce jointe.');
    const files = proPage.getByLabel('Joindre des fichiers');
    await tabTo(proPage, files);
    await files.setInputFiles([
      { name: 'bilan-sanguin.pdf', mimeType: 'application/pdf', buffer: await pdf('Bilan sanguin : normal') },
    ]);
    await press(proPage, proPage.getByRole('button', { name: 'Envoyer' }));
    await proPage.getByText('Votre message a été envoyé au patient.').waitFor();

    // The notice reached the dev mailbox, with the seed's words and no health content.
    const mailbox = await e2e.newPage();
    await visit(mailbox, '/dev/mailbox');
    await mailbox
      .getByText('Un professionnel de santé vous a envoyé un nouveau message dans Mon espace santé.')
      .first()
      .waitFor();
    expect(await mailbox.locator('main').innerText()).not.toContain('Résultats de votre bilan');

    // The patient reads: unread in the menu, the conversation, the attachment added to Documents.
    const page = await e2e.newPage();
    await signIn(page, e2e, patient.accountId);
    await visit(page, '/accueil');
    await page.getByText('Vous avez 1 nouveau message').waitFor();
    await press(page, page.getByRole('link', { name: /Messagerie.*1 message non lu/ }).first());
    await page.getByRole('heading', { level: 1, name: 'Messagerie' }).waitFor();
    await page.getByText(`${patient.nir.toLowerCase()}@patient.carnet.localhost`).waitFor();
    await page
      .getByText('Seul un professionnel de santé peut débuter un échange. Vous pourrez ensuite lui répondre.')
      .waitFor();
    await page.getByText('Documents attachés').waitFor();
    await checkPage(page, 'messaging-inbox');
    await press(page, page.getByRole('link', { name: /Dr Jean Dupond/ }));
    await page.getByRole('heading', { name: 'Résultats de votre bilan' }).waitFor();
    await checkPage(page, 'messaging-conversation');
    await press(
      page,
      page.getByRole('button', {
        name: 'Ajouter une pièce jointe aux documents de Mon espace santé : bilan-sanguin.pdf',
      }),
    );
    await page.getByText('Ajouter « bilan-sanguin.pdf » aux documents de Mon espace santé ?').waitFor();
    await checkPage(page, 'messaging-save-confirm');
    await press(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
    await page.getByText('Document ajouté : vous le retrouvez dans vos documents.').waitFor();

    // Reply: the draft is saved while typing and choosing attachments (a document, the synthesis, a file of
    // the device), and all of it is there when coming back.
    await typeInto(page, page.getByLabel('Message', { exact: true }), 'Merci docteur, voici mon analyse.');
    await page.getByText('Brouillon enregistré', { exact: true }).waitFor();
    await press(page, page.getByRole('button', { name: 'Mes documents' }));
    await page.getByText("J'ajoute un document à partir des documents de Mon espace santé").waitFor();
    await press(page, page.getByRole('checkbox', { name: /analyse/ }), 'Space');
    await press(page, page.getByRole('button', { name: 'Mon appareil' }));
    await page
      .getByLabel('Choisir des fichiers sur mon appareil')
      .setInputFiles([{ name: 'tension.txt', mimeType: 'text/plain', buffer: Buffer.from('Tension 12/8 le matin') }]);
    const attached = page.getByRole('list', { name: 'Pièces jointes du message' });
    await attached.getByText(/tension\.txt/).waitFor();
    const savedWithSynthesis = page.waitForResponse(
      (r) =>
        r.request().method() === 'PUT' &&
        /\/draft$/.test(r.url()) &&
        /"synthesis":true/.test(r.request().postData() ?? ''),
    );
    await press(page, page.getByRole('button', { name: 'Mon profil médical' }));
    await press(page, page.getByRole('checkbox', { name: /Joindre mon profil médical/ }), 'Space');
    expect((await savedWithSynthesis).status()).toBe(200);
    await visit(page, '/messagerie');
    await page.getByText('Brouillon', { exact: true }).waitFor();
    await press(page, page.getByRole('link', { name: /Dr Jean Dupond/ }));
    await page.getByLabel('Message', { exact: true }).waitFor();
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('Merci docteur, voici mon analyse.');
    await attached.getByText(/tension\.txt/).waitFor();
    await attached.getByText(/analyse/).waitFor();
    await attached.getByText('Synthèse de mon profil médical (PDF)').waitFor();
    await checkPage(page, 'messaging-reply-attachments');
    await press(page, page.getByRole('button', { name: 'Envoyer' }));
    await page.getByText('Votre message a été envoyé.').waitFor();
    await checkPage(page, 'messaging-reply-sent');

    // The professional reads the reply, with its three attachments, and ends the exchanges.
    await visit(proPage, '/pro/messagerie');
    await press(proPage, proPage.getByRole('link', { name: /Inaya MOREAU/ }));
    await proPage.getByText('Merci docteur, voici mon analyse.').waitFor();
    await proPage.getByRole('link', { name: 'synthese-profil-medical.pdf' }).waitFor();
    await proPage.getByRole('link', { name: 'analyse.pdf' }).waitFor();
    await proPage.getByRole('link', { name: 'tension.txt' }).waitFor();
    await checkPage(proPage, 'messaging-pro-conversation');
    await press(proPage, proPage.getByRole('button', { name: 'Mettre fin aux échanges' }));
    await press(proPage, proPage.getByRole('button', { name: 'Confirmer' }));
    await proPage.getByText('Vous avez mis fin aux échanges avec ce patient.').waitFor();

    // The patient sees the banner, « en savoir plus », and no reply form; the API refuses a reply.
    await visit(page, '/messagerie');
    await press(page, page.getByRole('link', { name: /Inaya MOREAU|Dr Jean Dupond/ }).first());
    await page.getByText('Dr Jean Dupond a mis fin à vos échanges').waitFor();
    await press(page, page.getByRole('button', { name: 'en savoir plus' }));
    await page.getByText(/un professionnel de santé peut choisir de mettre fin aux échanges/).waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer' }).count()).toBe(0);
    await checkPage(page, 'messaging-ended');
    const id = page.url().split('/').pop()!;
    const refused = await page.request.post(
      `/api/profiles/${patient.profileId}/messaging/conversations/${id}/messages`,
      { headers: { 'x-carnet-csrf': '1' }, data: { subject: 'Re', body: 'Encore' } },
    );
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.code).toBe('MESSAGING_ENDED');

    // « Nouveau message »: nobody to write to now; the form is there, the list empty, « Envoyer » disabled.
    await visit(page, '/messagerie/nouveau');
    await page.getByText(/Aucun professionnel ne vous a écrit, ou tous ont mis fin aux échanges/).waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer' }).isDisabled()).toBe(true);
    await checkPage(page, 'messaging-new-none');
  });

  it('fits 320 px: the list, a conversation and the new message form, by keyboard', async () => {
    const db = e2e.platform.db;
    const patient = await createPatient(db, { firstName: 'Lou', lastName: 'Petit' });
    const proCookie = await proSessionCookie(
      db,
      (await createProfessional(db, { firstName: 'Zoé', lastName: 'Aubert', profession: '21' })).id,
    );
    const other = await proSessionCookie(
      db,
      (await createProfessional(db, { firstName: 'Marc', lastName: 'Bernard' })).id,
    );
    for (const cookie of [proCookie, other]) {
      await e2e.app.inject({
        method: 'POST',
        url: '/api/pro/messaging/messages',
        headers: { cookie, 'x-carnet-csrf': '1' },
        payload: {
          nir: patient.nir,
          birthDate: patient.birthDate,
          subject: 'Un objet assez long pour être coupé sur un petit écran de téléphone',
          body: 'Bonjour',
        },
      });
    }
    const page = await e2e.newPage({ width: 320, height: 640 });
    await signIn(page, e2e, patient.accountId);
    await visit(page, '/messagerie');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'messaging-inbox-320');
    await press(page, page.getByRole('link', { name: /Zoé Aubert/ }));
    await page.getByRole('heading', { level: 1, name: 'Conversation avec Zoé Aubert' }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'messaging-conversation-320');
    await press(page, page.getByRole('button', { name: 'Supprimer la conversation' }));
    await checkPage(page, 'messaging-delete-confirm-320');
    await press(page, page.getByRole('button', { name: 'annuler' }));
    await visit(page, '/messagerie/nouveau');
    // Alphabetical (Aubert before Bernard); first letters filter.
    await page.getByRole('radio').first().waitFor({ state: 'attached' });
    const names = await page
      .locator('#recipient-list')
      .getByRole('radio')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent?.trim()));
    expect(names).toEqual(['Zoé Aubert', 'Dr Marc Bernard']);
    await typeInto(page, page.getByLabel('Rechercher un professionnel'), 'ber');
    await page.waitForFunction(() => document.querySelectorAll('#recipient-list input[type=radio]').length === 1);
    await press(page, page.getByRole('radio', { name: 'Dr Marc Bernard' }), 'Space');
    await typeInto(page, page.getByLabel('Objet'), 'Question');
    await typeInto(page, page.getByLabel('Message', { exact: true }), 'Bonjour docteur');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await checkPage(page, 'messaging-new-320');
    await press(page, page.getByRole('button', { name: 'Envoyer' }));
    await page.getByText('Votre message a été envoyé.').waitFor();
  });
});
