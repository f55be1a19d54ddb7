import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkPage,
  hasHorizontalScroll,
  proFindPatient,
  proSignIn,
  signIn,
  startE2E,
  visit,
  type E2E,
} from './support';
import { freePort } from '../server/test/server-process.js';
import { press, tabTo, typeInto } from './keyboard';
import { createPerson } from '../server/test/sessions.js';
import { pdf } from '../server/test/documents.js';

const NIR = '168097510804633';
const TITLE = 'Compte rendu de consultation';

/**
 * Issue 10 item 9, the link between the two sides that the other browser tests set up in the database: the
 * professional who signs in (bundled OpenID provider), finds the patient, declares consent, deposits and reads
 * is the one the patient then sees in « Autorisés », reads the document of, blocks — and that same
 * professional, in their own browser, is refused from then on; the patient's history says why. Keyboard only,
 * 320 px, axe on every page. What the other files already cover is not repeated (see the note of the
 * proaudit branch): the portal's own steps in pro-portal.test.ts, the lists in pro-access.test.ts, the
 * emergency switch off → refused, on → allowed with a reason and the e-mail in the dev mailbox in
 * emergency.test.ts.
 */
describe('a professional and a patient, both sides (browser, keyboard, 320 px)', () => {
  let e: E2E;
  let patient: Awaited<ReturnType<typeof createPerson>>;
  beforeAll(async () => {
    // PUBLIC_URL unset: it follows PORT (the OpenID redirects come back to this server).
    e = await startE2E({ PORT: String(await freePort()) });
    const db = e.platform.db;
    patient = await createPerson(db, { firstName: 'Nora', lastName: 'Parcours' });
    await db
      .updateTable('profile')
      .set({ nir: NIR, birth_date: '1968-09-20' })
      .where('id', '=', patient.profileId)
      .execute();
    await db
      .insertInto('professional')
      .values({ rpps: '10909090909', profession_code: '10', first_name: 'Marc', last_name: 'Généraliste' })
      .execute();
  }, 120_000);
  afterAll(async () => e?.close());

  const fits = async (page: Page, name: string) => {
    expect(await hasHorizontalScroll(page), name).toBe(false);
    await checkPage(page, name);
  };

  const findPatient = (pro: Page) => proFindPatient(pro, NIR, '1968-09-20', /PARCOURS Nora/);

  it(
    'the professional signs in, deposits and reads; the patient sees them in « Autorisés », blocks them; they are refused',
    { timeout: 240_000 },
    async () => {
      // The professional's side.
      const pro = await e.newPage({ width: 320, height: 800 });
      await proSignIn(pro, '10909090909', (step) => checkPage(pro, `journey-pro-${step}`));
      await findPatient(pro);
      await tabTo(pro, pro.getByLabel(/Je déclare avoir recueilli le consentement/));
      await pro.keyboard.press('Space');
      await press(pro, pro.getByRole('button', { name: 'Déclarer le consentement' }));
      await pro
        .getByRole('status')
        .getByText(/Consentement enregistré/)
        .waitFor();
      await tabTo(pro, pro.getByLabel('Type de document'));
      await pro.getByLabel('Type de document').selectOption('11488-4');
      await typeInto(pro, pro.getByLabel('Titre'), TITLE);
      await tabTo(pro, pro.getByLabel(/^Fichier/));
      await pro.getByLabel(/^Fichier/).setInputFiles({
        name: 'cr.pdf',
        mimeType: 'application/pdf',
        buffer: await pdf('Compte rendu de la consultation du jour'),
      });
      await press(pro, pro.getByRole('button', { name: 'Déposer le document' }));
      const table = pro.getByRole('region', { name: 'Documents du patient' });
      await table.getByRole('cell', { name: TITLE, exact: true }).waitFor();
      const link = table.getByRole('link', { name: new RegExp(`Ouvrir ${TITLE}`) });
      await tabTo(pro, link);
      expect((await pro.request.get((await link.getAttribute('href'))!)).status()).toBe(200);
      await fits(pro, 'journey-1-pro-read-320');

      // The patient's side: the professional in « Autorisés », their document, then « bloquer ».
      const me = await e.newPage({ width: 320, height: 800 });
      await signIn(me, e, patient.accountId);
      await visit(me, '/documents');
      await me.getByText(TITLE).first().waitFor();
      await visit(me, '/parametres');
      await press(me, me.getByRole('link', { name: 'Professionnels de santé' }));
      await me.getByRole('tab', { name: 'Autorisés (1)' }).waitFor();
      await me.getByRole('heading', { name: /Marc Généraliste — Médecin/ }).waitFor();
      const today = new Date().toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
      await me.getByText(`Depuis le ${today}`).waitFor();
      await fits(me, 'journey-2-patient-authorized-320');
      await press(me, me.getByRole('button', { name: 'bloquer', exact: true }));
      await me.getByText(/^Bloquer Marc Généraliste \?/).waitFor();
      await press(me, me.getByRole('button', { name: 'Confirmer le blocage' }));
      await me.getByText('Marc Généraliste est bloqué : il ne peut plus accéder à vos données.').waitFor();
      await fits(me, 'journey-3-patient-blocked-320');

      // The same professional, in their browser: refused from now on, but may still deposit.
      await pro.reload();
      await pro.getByRole('heading', { name: 'Rechercher un patient' }).waitFor();
      await findPatient(pro);
      await pro.getByText(/Ce patient a bloqué votre accès/).waitFor();
      expect(await pro.getByRole('region', { name: 'Documents du patient' }).count()).toBe(0);
      await fits(pro, 'journey-4-pro-refused-320');
      const res = await pro.request.get(`/api/pro/patients/${patient.profileId}/documents`);
      expect(res.status()).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PRO_BLOCKED');

      // « Historique d'activité »: who read, and the refusal with its reason.
      await visit(me, '/parametres');
      await press(me, me.getByRole('link', { name: 'Historique d’activité' }));
      const list = me.getByRole('list', { name: 'Actions des professionnels' });
      const lines = list.getByRole('listitem').filter({ hasText: 'Marc Généraliste — Médecin' });
      await lines.filter({ hasText: 'Consultation d’un document' }).first().waitFor();
      await lines
        .filter({ hasText: 'Accès refusé' })
        .filter({ hasText: 'Motif du refus : Vous avez bloqué ce professionnel.' })
        .first()
        .waitFor();
      await fits(me, 'journey-5-history-320');
    },
  );
});
