import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, hasHorizontalScroll, signInAsNewPerson, startE2E, visit, type E2E } from './support';
import { press, tabTo, typeInto } from './keyboard';
import { createPerson } from '../server/test/sessions.js';
import { recordOn } from '../server/src/platform/access.js';
import { withJournal } from '../server/src/platform/journal.js';

/**
 * Issue 10, the patient's side, by keyboard alone at 320 px: the professionals' lists, blocking and
 * unblocking, the emergency switches, « Historique d'activité » with its filters and « Signaler un accès ».
 */
describe('the patient’s control over professionals, by keyboard at 320 px', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  /** A demo professional (the directory import is the portal's). */
  const demoPro = () =>
    e.platform.db
      .insertInto('professional')
      .values({
        rpps: '10101010101',
        profession_code: '10',
        first_name: 'Paul',
        last_name: 'Martin',
        specialty: 'Médecine générale',
        structure_name: 'Cabinet du Parc',
      })
      .returning(['id', 'rpps'])
      .executeTakeFirstOrThrow();

  async function proAction(profileId: string, pro: { id: string; rpps: string }, action: string, emergency = false) {
    const ctx = recordOn(
      { kind: 'professional', professionalId: pro.id, rpps: pro.rpps },
      profileId,
      emergency ? 'emergency' : 'normal',
    );
    await withJournal(
      e.platform.db,
      ctx,
      { action, detail: emergency ? { mode: 'bris_de_glace' } : {} },
      async () => {},
    );
  }

  const fits = async (page: Page, name: string) => {
    expect(await hasHorizontalScroll(page), name).toBe(false);
    await checkPage(page, name);
  };

  it('empty lists; a professional who accessed is « autorisé » since then; bloquer (confirmed), bloqués, débloquer', async () => {
    const page = await e.newPage({ width: 320, height: 800 });
    const me = await signInAsNewPerson(page, e, { firstName: 'Inaya', lastName: 'Moreau' });
    await visit(page, '/parametres');
    await press(page, page.getByRole('link', { name: 'Professionnels de santé' }));
    await page.getByRole('heading', { level: 1, name: 'Professionnels de santé' }).waitFor();
    await page
      .getByText('Aucun professionnel de santé n’est présent dans ma liste de professionnels autorisés.')
      .waitFor();
    await fits(page, 'pro-access-1-empty-320');
    await tabTo(page, page.getByRole('tab', { name: 'Autorisés (0)' }));
    await page.keyboard.press('ArrowRight');
    await page
      .getByText('Aucun professionnel de santé n’est présent dans ma liste de professionnels bloqués.')
      .waitFor();

    // As if Dr Martin had accessed the space with consent at a visit.
    const pro = await demoPro();
    await e.platform.db
      .insertInto('professional_access')
      .values({
        profile_id: me.profileId,
        professional_id: pro.id,
        status: 'authorized',
        since: new Date('2026-03-03T10:00:00Z'),
        consent_at: new Date(),
      })
      .execute();
    await page.reload();
    await page.getByRole('tab', { name: 'Autorisés (1)' }).waitFor();
    await page.getByText('Depuis le 3 mars 2026').waitFor();
    await page.getByRole('heading', { name: /Paul Martin — Médecin/ }).waitFor();
    await fits(page, 'pro-access-2-authorized-320');

    await press(page, page.getByRole('button', { name: 'attribuer le statut administrateur' }));
    await page.getByText('Paul Martin a le statut administrateur.').waitFor();
    await page.getByRole('button', { name: 'retirer le statut administrateur' }).waitFor();

    await press(page, page.getByRole('button', { name: 'bloquer', exact: true }));
    const question = page.getByText(/^Bloquer Paul Martin \?/);
    await question.waitFor();
    expect(await question.evaluate((el) => el === document.activeElement)).toBe(true);
    await fits(page, 'pro-access-3-confirm-block-320');
    await press(page, page.getByRole('button', { name: 'Confirmer le blocage' }));
    await page.getByText('Paul Martin est bloqué : il ne peut plus accéder à vos données.').waitFor();
    const row = await e.platform.db
      .selectFrom('professional_access')
      .select(['status', 'administrator'])
      .where('profile_id', '=', me.profileId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'blocked', administrator: false });

    await tabTo(page, page.getByRole('tab', { name: 'Autorisés (0)' }));
    await page.keyboard.press('ArrowRight');
    await page.getByText(/^Bloqué depuis le/).waitFor();
    await fits(page, 'pro-access-4-blocked-320');
    await press(page, page.getByRole('button', { name: 'débloquer' }));
    await page.getByText(/Paul Martin est débloqué/).waitFor();
    await page
      .getByText('Aucun professionnel de santé n’est présent dans ma liste de professionnels bloqués.')
      .waitFor();
    expect(
      await e.platform.db
        .selectFrom('professional_access')
        .selectAll()
        .where('profile_id', '=', me.profileId)
        .execute(),
    ).toEqual([]);

    // Blocking one who never accessed: an exact search of the directory.
    await typeInto(page, page.getByLabel(/Nom ou numéro RPPS du professionnel/), 'martin');
    await press(page, page.getByRole('button', { name: 'Rechercher' }));
    await press(page, page.getByRole('button', { name: 'bloquer', exact: true }));
    await press(page, page.getByRole('button', { name: 'Confirmer le blocage de Paul Martin' }));
    await page.getByText('Paul Martin est bloqué : il ne pourra pas accéder à vos données.').waitFor();
    await page.getByRole('tab', { name: 'Bloqués (1)' }).waitFor();

    // The e-mail notice of accesses: « À chaque accès ».
    // A radio group is one Tab stop; the arrow keys move the choice.
    await tabTo(page, page.getByLabel('À son premier accès'));
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('À chaque accès').isChecked()).toBe(true);
    await press(page, page.getByRole('button', { name: 'Enregistrer' }));
    await page.getByText('Votre préférence est enregistrée.').waitFor();
    expect(
      (
        await e.platform.db
          .selectFrom('notification_setting')
          .select('accesses')
          .where('profile_id', '=', me.profileId)
          .executeTakeFirstOrThrow()
      ).accesses,
    ).toBe('every');
    await fits(page, 'pro-access-5-notice-320');
  });

  it('« Accès en cas d’urgence »: each switch toggled by keyboard and saved', async () => {
    const page = await e.newPage({ width: 320, height: 800 });
    const me = await signInAsNewPerson(page, e, { firstName: 'Rose', lastName: 'Urgence' });
    await visit(page, '/parametres');
    await press(page, page.getByRole('link', { name: 'Accès en cas d’urgence' }));
    const samu = page.getByLabel(/J’autorise le médecin régulateur du SAMU/);
    await samu.waitFor();
    expect(await samu.isChecked()).toBe(true);
    await fits(page, 'pro-access-6-emergency-320');
    await press(page, samu, 'Space');
    await page.getByText('Refus enregistré.').waitFor();
    await press(
      page,
      page.getByLabel(/J’autorise les professionnels de santé à consulter mes documents masqués/),
      'Space',
    );
    await page.getByText('Autorisation enregistrée.').waitFor();
    const saved = await e.platform.db
      .selectFrom('emergency_setting')
      .select(['samu', 'break_glass', 'hidden_readable'])
      .where('profile_id', '=', me.profileId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ samu: false, break_glass: true, hidden_readable: true });
    await page.reload();
    await samu.waitFor();
    expect(await samu.isChecked()).toBe(false);
  });

  it('« Historique d’activité »: professionals’ lines with emergencies, filters, « Mes activités », « Signaler un accès »', async () => {
    const page = await e.newPage({ width: 320, height: 800 });
    const me = await signInAsNewPerson(page, e, { firstName: 'Yves', lastName: 'Journal' });
    const pro =
      (await e.platform.db
        .selectFrom('professional')
        .select(['id', 'rpps'])
        .where('rpps', '=', '10101010101')
        .executeTakeFirst()) ?? (await demoPro());
    await proAction(me.profileId, pro, 'document.read');
    await proAction(me.profileId, pro, 'document.create');
    await proAction(me.profileId, pro, 'emergency.open', true);
    // My own block of that professional, as the block route journals it: the line names whom it is about.
    await withJournal(
      e.platform.db,
      recordOn({ kind: 'patient', accountId: me.accountId, profileId: me.profileId }, me.profileId),
      { action: 'access.professional-blocked', resourceType: 'professional', resourceId: pro.id },
      async () => {},
    );
    await visit(page, '/parametres');
    await press(page, page.getByRole('link', { name: 'Historique d’activité' }));
    const list = page.getByRole('list', { name: 'Actions des professionnels' });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(3);
    await list.getByText('Accès en urgence (bris de glace)').waitFor();
    await list.getByText('Paul Martin — Médecin').first().waitFor();
    await fits(page, 'pro-access-7-activity-320');

    // Filter by kind, by keyboard (a native select answers typed letters).
    await tabTo(page, page.getByLabel('Type d’action'));
    await page.keyboard.type('Ajouts');
    await press(page, page.getByRole('button', { name: 'Filtrer' }));
    await page.waitForFunction(
      () => document.querySelectorAll('ol[aria-label="Actions des professionnels"] > li').length === 1,
    );
    await list.getByText('Ajout d’un document').waitFor();
    // A period long past: nothing.
    await tabTo(page, page.getByLabel('Type d’action'));
    await page.keyboard.type('Toutes');
    await typeInto(page, page.getByLabel('Au'), '01012020');
    await press(page, page.getByRole('button', { name: 'Filtrer' }));
    await page.getByText('Aucune activité pour cette période.').waitFor();
    await page.reload();
    await list.waitFor();

    // « Mes activités »: my own lines, « Vous ».
    await tabTo(page, page.getByRole('tab', { name: 'Professionnels' }));
    await page.keyboard.press('ArrowRight');
    const mine = page.getByRole('list', { name: 'Mes activités' });
    await mine.waitFor();
    await mine.getByText('Vous').first().waitFor();
    await mine.getByText('Consultation de l’historique d’activité').first().waitFor();
    await mine.getByText('Blocage d’un professionnel\u00a0: Paul Martin, médecin').waitFor();
    await fits(page, 'pro-access-8-mine-320');

    // « Signaler un accès » on a professional's line.
    await tabTo(page, page.getByRole('tab', { name: 'Mes activités' }));
    await page.keyboard.press('ArrowLeft');
    await list.waitFor();
    await press(page, list.getByRole('button', { name: 'Signaler un accès' }).first());
    await page.keyboard.type('Je ne connais pas ce professionnel de santé.');
    await press(page, page.getByRole('button', { name: 'Envoyer le signalement' }));
    await page.getByText('Votre signalement a été envoyé.').waitFor();
    const today = new Date().toLocaleDateString('fr-FR', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    });
    expect(await list.getByText(`J’ai signalé ce professionnel le ${today}.`).count()).toBe(3);
    await fits(page, 'pro-access-9-reported-320');
    const report = await e.platform.db
      .selectFrom('access_report')
      .select(['description', 'professional_id'])
      .where('profile_id', '=', me.profileId)
      .executeTakeFirstOrThrow();
    expect(report).toEqual({ description: 'Je ne connais pas ce professionnel de santé.', professional_id: pro.id });
  });

  it('a caregiver is told they cannot manage the professionals’ access of the person they help', async () => {
    const helped = await createPerson(e.platform.db, { firstName: 'Odile', lastName: 'Aidee' });
    const page = await e.newPage({ width: 320, height: 800 });
    const helper = await signInAsNewPerson(page, e, { firstName: 'Lucien', lastName: 'Aidant' });
    const year = new Date().getUTCFullYear();
    await e.platform.db
      .insertInto('caregiving')
      .values({
        profile_id: helped.profileId,
        caregiver_id: helper.profileId,
        last_name: 'Aidant',
        first_name: 'Lucien',
        birth_date: '1980-01-01',
        ends_on: `${year + 1}-01-01`,
        status: 'accepted',
      })
      .execute();
    await visit(page, '/accueil');
    await page.evaluate((id) => sessionStorage.setItem('carnet.activeProfileId', id), helped.profileId);
    await visit(page, '/parametres/historique');
    await page
      .getByText(
        'En tant qu’aidant, vous ne pouvez pas gérer l’accès des professionnels de santé à cet espace : seule la personne aidée le peut.',
      )
      .waitFor();
    await fits(page, 'pro-access-10-caregiver-320');
  });
});
