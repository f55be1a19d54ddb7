import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, proFindPatient, proSignIn, hasHorizontalScroll, startE2E, type E2E } from './support';
import { freePort } from '../server/test/server-process.js';
import { press, tabTo, typeInto } from './keyboard';
import { createPerson } from '../server/test/sessions.js';
import { pdf } from '../server/test/documents.js';

const NIR = '185067510804612';

/**
 * The professional portal by keyboard at 320 px: sign-in through the bundled OpenID provider's page (card
 * PIN), the patient found by INS traits, consent declared, a document deposited invisible to the patient
 * then released, documents read; a podiatrist never sees the child health report; a blocked professional
 * gets only a refusal, journaled; an administrator professional blocks another one (confirmation, focus moved).
 * axe on every page.
 */
describe('professional portal (browser, keyboard, 320 px)', () => {
  let e2e: E2E;
  let profileId: string;
  beforeAll(async () => {
    const port = await freePort();
    e2e = await startE2E({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}` });
    const db = e2e.platform.db;
    const p = await createPerson(db, { firstName: 'Camille', lastName: 'Patiente' });
    profileId = p.profileId;
    await db.updateTable('profile').set({ nir: NIR, birth_date: '1985-06-14' }).where('id', '=', profileId).execute();
    const blob = await e2e.platform.blobs.put(await pdf('Document de démonstration'));
    for (const [title, type_code, category] of [
      ['Ordonnance de soins de pédicurie', '57832-8', 'ORD_SOIN'],
      ["Bilan de santé de l'enfant", '68817-6', 'DEPISTAG'],
    ] as const) {
      await db
        .insertInto('document')
        .values({
          profile_id: profileId,
          title,
          type_code,
          category,
          mime_type: 'application/pdf',
          size_bytes: blob.size,
          sha256: blob.sha256,
          blob_key: blob.key,
          author_kind: 'import',
          file_name: 'doc.pdf',
        })
        .execute();
    }
    await db
      .insertInto('professional')
      .values([
        { rpps: '10101010101', profession_code: '10', first_name: 'Paul', last_name: 'Martin' },
        { rpps: '10404040404', profession_code: '80', first_name: 'Anne', last_name: 'Lefèvre' },
        { rpps: '10606060606', profession_code: '10', first_name: 'Bloqué', last_name: 'Bernardin' },
        { rpps: '10707070707', profession_code: '10', first_name: 'Hélène', last_name: 'Administratrice' },
        { rpps: '10808080808', profession_code: '60', first_name: 'Luc', last_name: 'Cible' },
      ])
      .execute();
    // The patient gave « statut administrateur » to one doctor; a nurse is authorized.
    for (const [rpps, administrator] of [
      ['10707070707', true],
      ['10808080808', false],
    ] as const) {
      const pro = await db.selectFrom('professional').select('id').where('rpps', '=', rpps).executeTakeFirstOrThrow();
      await db
        .insertInto('professional_access')
        .values({
          profile_id: profileId,
          professional_id: pro.id,
          status: 'authorized',
          administrator,
          consent_at: new Date(),
        })
        .execute();
    }
    const blocked = await db
      .selectFrom('professional')
      .select('id')
      .where('rpps', '=', '10606060606')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('professional_access')
      .values({ profile_id: profileId, professional_id: blocked.id, status: 'blocked' })
      .execute();
  }, 120_000);
  afterAll(async () => e2e?.close());

  async function signInAs(page: Page, rpps: string, name: string) {
    await proSignIn(page, rpps, (step) =>
      checkPage(page, step === 'connexion' ? `pro-connexion-${name}` : `pro-oidc-page-${name}`),
    );
    await page.getByRole('heading', { name: 'Rechercher un patient' }).waitFor();
  }

  const findPatient = (page: Page) => proFindPatient(page, NIR, '1985-06-14', /PATIENTE Camille/);

  it(
    'a doctor signs in, finds the patient, declares consent, deposits and releases a document, reads',
    { timeout: 180_000 },
    async () => {
      const page = await e2e.newPage({ width: 320, height: 800 });
      await signInAs(page, '10101010101', 'medecin');
      await checkPage(page, 'pro-recherche');
      expect(await hasHorizontalScroll(page)).toBe(false);
      await findPatient(page);
      await checkPage(page, 'pro-patient-sans-consentement');
      await tabTo(page, page.getByLabel(/Je déclare avoir recueilli le consentement/));
      await page.keyboard.press('Space');
      await press(page, page.getByRole('button', { name: 'Déclarer le consentement' }));
      await page
        .getByRole('status')
        .getByText(/Consentement enregistré/)
        .waitFor();
      const table = page.getByRole('region', { name: 'Documents du patient' });
      await table.getByRole('cell', { name: "Bilan de santé de l'enfant", exact: true }).waitFor();
      await checkPage(page, 'pro-patient-documents');
      expect(await hasHorizontalScroll(page)).toBe(false);

      await tabTo(page, page.getByLabel('Type de document'));
      await page.getByLabel('Type de document').selectOption('11488-4');
      await typeInto(page, page.getByLabel('Titre'), "Consultation d'annonce");
      await tabTo(page, page.getByLabel(/^Fichier/));
      await page.getByLabel(/^Fichier/).setInputFiles({
        name: 'annonce.pdf',
        mimeType: 'application/pdf',
        buffer: await pdf("Compte rendu de la consultation d'annonce"),
      });
      await tabTo(page, page.getByLabel(/Invisible pour le patient/));
      await page.keyboard.press('Space');
      await press(page, page.getByRole('button', { name: 'Déposer le document' }));
      await page
        .getByRole('status')
        .getByText(/invisible pour le patient/)
        .waitFor();
      await table.getByRole('cell', { name: /^Consultation d'annonce/ }).waitFor();
      const stored = await e2e.platform.db
        .selectFrom('document')
        .selectAll()
        .where('title', '=', "Consultation d'annonce")
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({
        invisible_to_patient: true,
        author_kind: 'professional',
        type_code: '11488-4',
        category: 'CPT_REND',
      });
      await checkPage(page, 'pro-depot');

      await press(page, page.getByRole('button', { name: /Rendre visible au patient/ }));
      await page.getByRole('button', { name: /Rendre visible au patient/ }).waitFor({ state: 'detached' });
      expect(
        (
          await e2e.platform.db
            .selectFrom('document')
            .select('invisible_to_patient')
            .where('id', '=', stored.id)
            .executeTakeFirstOrThrow()
        ).invisible_to_patient,
      ).toBe(false);

      const link = table.getByRole('link', { name: /Ouvrir Ordonnance de soins/ });
      await tabTo(page, link);
      const file = await page.request.get((await link.getAttribute('href'))!);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/pdf');
      const reads = await e2e.platform.db
        .selectFrom('journal')
        .select(['action', 'actor_kind'])
        .where('chain_id', '=', profileId)
        .where('action', '=', 'document.read')
        .execute();
      expect(reads).toEqual([{ action: 'document.read', actor_kind: 'professional' }]);

      // At 320 px the header's tools live behind « Menu ».
      await press(page, page.getByRole('button', { name: 'Menu' }));
      const menu = page.locator('.fr-header__menu');
      await press(page, menu.getByRole('button', { name: 'Se déconnecter' }));
      await page.waitForURL('**/pro/connexion');
      expect(await page.context().cookies()).not.toContainEqual(
        expect.objectContaining({ name: 'carnet_pro_session' }),
      );
    },
  );

  it('a podiatrist sees the prescription and never the child health report', async () => {
    const page = await e2e.newPage({ width: 320, height: 800 });
    await signInAs(page, '10404040404', 'podologue');
    await findPatient(page);
    await tabTo(page, page.getByLabel(/Je déclare avoir recueilli le consentement/));
    await page.keyboard.press('Space');
    await press(page, page.getByRole('button', { name: 'Déclarer le consentement' }));
    const table = page.getByRole('region', { name: 'Documents du patient' });
    await table.getByRole('cell', { name: 'Ordonnance de soins de pédicurie', exact: true }).waitFor();
    expect(await table.getByText("Bilan de santé de l'enfant").count()).toBe(0);
    await checkPage(page, 'pro-podologue');
    const list = await page.request.get(`/api/pro/patients/${profileId}/documents`);
    expect(
      ((await list.json()) as { documents: { typeCode: string }[] }).documents.map((d) => d.typeCode),
    ).not.toContain('68817-6');
  });

  it('a blocked professional gets only a refusal, journaled', async () => {
    const page = await e2e.newPage({ width: 320, height: 800 });
    await signInAs(page, '10606060606', 'bloque');
    await findPatient(page);
    await page.getByText(/Ce patient a bloqué votre accès/).waitFor();
    expect(await page.getByRole('region', { name: 'Documents du patient' }).count()).toBe(0);
    await checkPage(page, 'pro-bloque');
    const res = await page.request.get(`/api/pro/patients/${profileId}/documents`);
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PRO_BLOCKED');
    const refusals = await e2e.platform.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', profileId)
      .where('action', '=', 'access.refused')
      .execute();
    expect(refusals.some((r) => (r.detail as { why?: string }).why === 'blocked')).toBe(true);
  });

  it('an administrator sees the patient’s professionals and blocks another one, with a confirmation', async () => {
    const page = await e2e.newPage({ width: 320, height: 800 });
    await signInAs(page, '10707070707', 'administratrice');
    await findPatient(page);
    const list = page.getByRole('list', { name: 'Professionnels autorisés et bloqués' });
    await list.getByRole('listitem').filter({ hasText: 'Luc Cible' }).waitFor();
    await list.getByText('Hélène Administratrice (vous)').waitFor();
    await list.getByText(/Bloqué depuis le/).waitFor();
    // « Bloquer » for the nurse (and for the doctors who consented in the tests above), never for oneself nor
    // for the professional already blocked.
    const item = (text: string | RegExp) => list.getByRole('listitem').filter({ hasText: text });
    expect(
      await item('Luc Cible')
        .getByRole('button', { name: /Bloquer/ })
        .count(),
    ).toBe(1);
    expect(
      await item('(vous)')
        .getByRole('button', { name: /Bloquer/ })
        .count(),
    ).toBe(0);
    expect(
      await item(/Bloqué depuis le/)
        .getByRole('button', { name: /Bloquer/ })
        .count(),
    ).toBe(0);
    await checkPage(page, 'pro-admin-liste');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await press(page, list.getByRole('button', { name: 'Bloquer Luc Cible' }));
    const question = list.getByText(/^Bloquer Luc Cible \?/);
    await question.waitFor();
    expect(await question.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkPage(page, 'pro-admin-confirmation');
    await press(page, list.getByRole('button', { name: /Confirmer le blocage/ }));
    await page
      .getByRole('status')
      .getByText(/Luc Cible est bloqué/)
      .waitFor();
    await checkPage(page, 'pro-admin-bloque');
    const db = e2e.platform.db;
    const [admin, target] = await Promise.all(
      ['10707070707', '10808080808'].map((rpps) =>
        db.selectFrom('professional').select('id').where('rpps', '=', rpps).executeTakeFirstOrThrow(),
      ),
    );
    const row = await db
      .selectFrom('professional_access')
      .select('status')
      .where('profile_id', '=', profileId)
      .where('professional_id', '=', target!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('blocked');
    const line = await db
      .selectFrom('journal')
      .select(['actor_kind', 'actor_id', 'resource_id'])
      .where('chain_id', '=', profileId)
      .where('action', '=', 'access.professional-blocked')
      .executeTakeFirstOrThrow();
    expect(line).toEqual({ actor_kind: 'professional', actor_id: admin!.id, resource_id: target!.id });
  });
});
