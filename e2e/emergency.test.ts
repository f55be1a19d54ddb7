import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkPage,
  proFindPatient,
  proSignIn,
  hasHorizontalScroll,
  signIn,
  startE2E,
  visit,
  type E2E,
} from './support';
import { freePort } from '../server/test/server-process.js';
import { press, tabTo, typeInto } from './keyboard';
import { createPerson } from '../server/test/sessions.js';

const NIR = '279037510804655';
const REASON = 'Patiente inconsciente aux urgences, recherche d’allergies';

/**
 * Issue 10's emergency journey and « la synthèse », both sides in two browsers, keyboard only at 320 px,
 * axe on every page: the patient turns break-the-glass off, the professional's emergency access is refused;
 * the patient turns it on, the professional opens it with a stated reason, the patient gets an e-mail with no
 * health data and sees the line marked as an emergency. Then the patient shares the synthesis with the
 * professional, who opens it from the portal.
 */
describe('emergency access and « la synthèse », both sides (browser, keyboard, 320 px)', () => {
  let e: E2E;
  let patient: Awaited<ReturnType<typeof createPerson>> & { email: string };
  beforeAll(async () => {
    const port = await freePort();
    e = await startE2E({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}` });
    const db = e.platform.db;
    const p = await createPerson(db, { firstName: 'Agathe', lastName: 'Secours' });
    const row = await db
      .updateTable('profile')
      .set({ nir: NIR, birth_date: '1979-03-02' })
      .where('id', '=', p.profileId)
      .returning('email')
      .executeTakeFirstOrThrow();
    patient = { ...p, email: row.email! };
    await db
      .insertInto('medical_item')
      .values({
        profile_id: p.profileId,
        kind: 'allergies',
        data: JSON.stringify({ substance: 'Pénicilline', reaction: 'Choc', severity: 'severe' }),
      })
      .execute();
    await db
      .insertInto('professional')
      .values({ rpps: '10808080808', profession_code: '10', first_name: 'Claire', last_name: 'Urgentiste' })
      .execute();
  }, 120_000);
  afterAll(async () => e?.close());

  const fits = async (page: Page, name: string) => {
    expect(await hasHorizontalScroll(page), name).toBe(false);
    await checkPage(page, name);
  };

  /** The emergency doctor signs in and finds Agathe. */
  async function signInAndFindPatient(page: Page) {
    await proSignIn(page, '10808080808');
    await proFindPatient(page, NIR, '1979-03-02', /SECOURS Agathe/);
  }

  it(
    'break-the-glass off → refused; on → opened with a reason, e-mail without health data, marked in the history',
    { timeout: 240_000 },
    async () => {
      const me = await e.newPage({ width: 320, height: 800 });
      await signIn(me, e, patient.accountId);
      await visit(me, '/parametres');
      await press(me, me.getByRole('link', { name: 'Accès en cas d’urgence' }));
      const breakGlass = me.getByLabel(/J’autorise tous les professionnels de santé à consulter mes données/);
      await breakGlass.waitFor();
      expect(await breakGlass.isChecked()).toBe(true);
      await press(me, breakGlass, 'Space');
      await me.getByText('Refus enregistré.').waitFor();
      expect(await breakGlass.isChecked()).toBe(false);
      await fits(me, 'emergency-1-patient-off-320');

      const pro = await e.newPage({ width: 320, height: 800 });
      await signInAndFindPatient(pro);
      await typeInto(pro, pro.getByLabel("Raison de l'accès en urgence"), REASON);
      await tabTo(pro, pro.getByLabel("Durée de l'accès"));
      await pro.getByLabel("Durée de l'accès").selectOption('60');
      await press(pro, pro.getByRole('button', { name: 'Accéder en urgence' }));
      await pro.getByText("Ce patient a désactivé l'accès en cas d'urgence à son espace santé.").waitFor();
      expect(await pro.getByRole('region', { name: 'Documents du patient' }).count()).toBe(0);
      await fits(pro, 'emergency-2-pro-refused-320');
      const refused = await e.platform.db
        .selectFrom('journal')
        .select(['action', 'reason', 'detail'])
        .where('chain_id', '=', patient.profileId)
        .where('action', '=', 'access.refused')
        .execute();
      expect(refused).toContainEqual(
        expect.objectContaining({
          reason: 'emergency',
          detail: expect.objectContaining({ why: 'emergency_off', mode: 'bris_de_glace' }),
        }),
      );
      expect(await mails()).toEqual([]);

      await press(me, breakGlass, 'Space');
      await me.getByText('Autorisation enregistrée.').waitFor();
      expect(await breakGlass.isChecked()).toBe(true);

      await press(pro, pro.getByRole('button', { name: 'Accéder en urgence' }));
      await pro.getByText("Accès en cas d'urgence ouvert. Le patient en est informé par e-mail.").waitFor();
      await pro.getByText(/^Accès en urgence jusqu'au/).waitFor();
      await pro
        .getByRole('region', { name: 'Documents du patient' })
        .or(pro.getByText(/Aucun document/))
        .waitFor();
      await pro.getByText(/Pénicilline/).waitFor();
      await fits(pro, 'emergency-3-pro-open-320');
      const opened = await e.platform.db
        .selectFrom('emergency_access')
        .select(['mode', 'reason'])
        .where('profile_id', '=', patient.profileId)
        .execute();
      expect(opened).toEqual([{ mode: 'bris_de_glace', reason: REASON }]);

      // The patient's e-mail, in the development mailbox, without health data.
      const sent = await mails();
      expect(sent).toHaveLength(1);
      await visit(me, `/dev/mailbox?destinataire=${encodeURIComponent(patient.email)}`);
      const mail = me.locator('main article').first();
      await mail.waitFor();
      expect(await mail.locator('h2').innerText()).toBe("Accès en cas d'urgence à votre espace santé");
      const text = await mail.innerText();
      expect(text).toContain(patient.email);
      for (const secret of ['Pénicilline', 'inconsciente', 'allergies', 'Urgentiste', NIR])
        expect(text).not.toContain(secret);
      await fits(me, 'emergency-4-mailbox-320');

      // « Historique d'activité »: the professional's lines, the emergency marked.
      await visit(me, '/parametres');
      await press(me, me.getByRole('link', { name: 'Historique d’activité' }));
      const list = me.getByRole('list', { name: 'Actions des professionnels' });
      await list.waitFor();
      const line = list
        .getByRole('listitem')
        .filter({ hasText: 'Accès en urgence' })
        .filter({ hasText: 'Claire Urgentiste' });
      await line.first().waitFor();
      await line.first().getByText('Accès en urgence (bris de glace)').waitFor();
      // The refused break-the-glass says why, in plain French.
      await list
        .getByRole('listitem')
        .filter({ hasText: 'Accès refusé' })
        .filter({ hasText: 'Motif du refus : L’accès en cas d’urgence est désactivé dans vos paramètres.' })
        .first()
        .waitFor();
      await fits(me, 'emergency-5-history-320');
    },
  );

  it(
    'the patient shares « la synthèse » with the professional, who opens it from the portal',
    { timeout: 240_000 },
    async () => {
      const db = e.platform.db;
      const pro = await db
        .selectFrom('professional')
        .select('id')
        .where('rpps', '=', '10808080808')
        .executeTakeFirstOrThrow();
      // As after a visit where the patient's consent was collected.
      await db
        .insertInto('professional_access')
        .values({
          profile_id: patient.profileId,
          professional_id: pro.id,
          status: 'authorized',
          since: new Date(),
          consent_at: new Date(),
        })
        .onConflict((oc) => oc.columns(['profile_id', 'professional_id']).doNothing())
        .execute();

      const me = await e.newPage({ width: 320, height: 800 });
      await signIn(me, e, patient.accountId);
      await visit(me, '/parametres');
      await press(me, me.getByRole('link', { name: 'Professionnels de santé' }));
      await me.getByText('La synthèse de votre profil médical n’est pas partagée avec ce professionnel.').waitFor();
      await press(me, me.getByRole('button', { name: 'Partager la synthèse', exact: true }));
      const question = me.getByText(/^Partager la synthèse avec Claire Urgentiste :/);
      await question.waitFor();
      expect(await question.evaluate((el) => el === document.activeElement)).toBe(true);
      // Only allergies and treatments: untick the others.
      for (const label of [
        'Maladies et sujets de santé',
        'Vaccinations',
        'Mesures de santé',
        'Entourage',
        'Volontés',
        'Historique de soins',
      ])
        await press(me, me.getByLabel(label, { exact: true }), 'Space');
      await fits(me, 'synthesis-1-share-320');
      await press(me, me.getByRole('button', { name: 'Partager la synthèse avec Claire Urgentiste' }));
      await me.getByText('La synthèse est partagée avec Claire Urgentiste.').waitFor();
      await me.getByText(/^Synthèse partagée depuis le .* : Traitements, Allergies\.$/).waitFor();
      await fits(me, 'synthesis-2-shared-320');

      const portal = await e.newPage({ width: 320, height: 800 });
      await signInAndFindPatient(portal);
      const open = portal.getByRole('link', { name: /Ouvrir la synthèse/ });
      await tabTo(portal, open);
      await fits(portal, 'synthesis-3-portal-320');
      const pdf = await portal.request.get((await open.getAttribute('href'))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const line = await db
        .selectFrom('journal')
        .select(['actor_kind', 'detail'])
        .where('chain_id', '=', patient.profileId)
        .where('action', '=', 'medical.synthesis')
        .executeTakeFirstOrThrow();
      expect(line).toMatchObject({ actor_kind: 'professional', detail: { sections: ['treatments', 'allergies'] } });

      // Stopped by the patient: the portal no longer offers it, and the route refuses.
      await press(me, me.getByRole('button', { name: 'Arrêter le partage de la synthèse' }));
      await me.getByText('La synthèse n’est plus partagée avec Claire Urgentiste.').waitFor();
      expect((await portal.request.get((await open.getAttribute('href'))!)).status()).toBe(403);
    },
  );

  const mails = () =>
    e.platform.db
      .selectFrom('outbox_message')
      .select(['recipient', 'subject', 'body'])
      .where('recipient', '=', patient.email)
      .where('kind', '=', 'pro-access-emergency')
      .execute();
});
