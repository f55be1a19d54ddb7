import { defineScenario } from '../lib/types.js';
import { createPerson, proSessionCookie, sessionCookie } from '../../server/test/sessions.js';
import { typeCodes } from '../../shared/src/documents.js';

/**
 * A professional's document list (issue 10 §10): professional session → the access decision (consent
 * row, emergency switches, first/last access, notice preference) → the documents query with the access
 * matrix filter → a journal line, against the bare Fastify route and against the patient's own list of
 * the same documents, all measured in this run. The professional is a nurse (60): the matrix keeps some
 * of the 24 documents from her, so the filter does real work.
 */
export default defineScenario({
  name: 'pro-documents',
  description:
    "GET a professional's document list (session → matrix decision → read → journal) vs the bare route and the patient's own list",
  async run(ctx) {
    const { db, blobs } = ctx.platform;
    const patient = await createPerson(db);
    const blob = await blobs.put(Buffer.from('contenu de démonstration'));
    await db
      .insertInto('document')
      .values(
        Object.entries(typeCodes).map(([code, t]) => ({
          profile_id: patient.profileId,
          title: t.label,
          type_code: code,
          category: t.category,
          space: t.category === 'DOC_ADM' ? ('admin' as const) : ('health' as const),
          mime_type: 'text/plain',
          size_bytes: blob.size,
          sha256: blob.sha256,
          blob_key: blob.key,
          author_kind: 'import' as const,
          file_name: 'doc.txt',
        })),
      )
      .execute();
    const nurse = await db
      .insertInto('professional')
      .values({ rpps: '60606060606', profession_code: '60', first_name: 'Bench', last_name: 'Infirmier' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('professional_access')
      .values({
        profile_id: patient.profileId,
        professional_id: nurse.id,
        status: 'authorized',
        consent_at: new Date(),
      })
      .execute();
    const proCookie = await proSessionCookie(db, nurse.id);
    const patientCookie = await sessionCookie(db, patient.accountId);

    const seen = await ctx.app.inject({
      method: 'GET',
      url: `/api/pro/patients/${patient.profileId}/documents`,
      headers: { cookie: proCookie },
    });
    if (seen.statusCode !== 200) throw new Error(`professional list answered ${seen.statusCode}`);
    ctx.log(`the nurse reads ${seen.json().documents.length} of ${Object.keys(typeCodes).length} documents (matrix)`);

    const linesBefore = await countLines(ctx.platform.db, patient.profileId);
    const baseline = await ctx.baseline();
    const pro = await ctx.http({
      label: 'GET /api/pro/patients/:id/documents (nurse)',
      path: `/api/pro/patients/${patient.profileId}/documents`,
      headers: { cookie: proCookie },
    });
    const own = await ctx.http({
      label: 'GET /api/profiles/:id/documents (the patient)',
      path: `/api/profiles/${patient.profileId}/documents`,
      headers: { cookie: patientCookie },
    });
    const written = (await countLines(ctx.platform.db, patient.profileId)) - linesBefore;
    ctx.log(`journal lines written during the run: ${written}`);
    return [
      { measurement: pro, ratio: ctx.ratio(pro, baseline), versus: 'baseline' },
      { measurement: own, ratio: ctx.ratio(own, baseline), versus: 'baseline' },
      {
        measurement: { ...pro, label: 'professional list ÷ patient list' },
        ratio: ctx.ratio(pro, own),
        versus: "the patient's own list",
      },
    ];
  },
});

async function countLines(db: import('../../server/src/platform/db.js').Db, profileId: string): Promise<number> {
  const r = await db
    .selectFrom('journal')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('chain_id', '=', profileId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
