import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, proSessionCookie } from '../../../test/sessions.js';
import { ADMIN_CATEGORY, healthCategories, typeCodes } from '../../../../shared/src/documents.js';
import {
  mayReadDocument,
  matrixProfessions,
  matrixRow,
  matrixSource,
  professionMayRead,
  type DocumentFacts,
} from '../../../../shared/src/professionals/access-matrix.js';

/**
 * The access matrix test, generated from the shipped matrix: every profession with a row (and two on the
 * default) × every CI-SIS type code and every category without a code × normal / MASQUE_PS × the access
 * states (consent, administrator, blocked, nothing, break-the-glass with and without hidden documents
 * readable). Each cell asserts the list and the file answer, and the journal line it leaves. The oracle is
 * the pure mayReadDocument(); the server decides through its SQL filter and the access decision.
 */
const professions = [...new Set([...matrixProfessions, '80', '70'])];
const states = ['authorized', 'administrator', 'blocked', 'none', 'emergency', 'emergency_hidden'] as const;
type State = (typeof states)[number];

describe('what a professional may read: the shipped matrix × types × confidentiality × lists and emergencies', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it('the matrix says what the reference confirms: doctors all types, a podiatrist never the child health report', () => {
    for (const code of Object.keys(typeCodes)) expect(professionMayRead('10', code, 'CPT_REND'), code).toBe(true);
    expect(professionMayRead('80', '68817-6', 'DEPISTAG')).toBe(false);
    expect(professionMayRead('80', '57832-8', 'ORD_SOIN')).toBe(true);
    expect(professionMayRead('70', '34112-3', 'CPT_REND')).toBe(false);
  });

  it('dentists (TRE_G15 40): the confirmed exclusions and a conservative row, with its source named', () => {
    expect(matrixProfessions).toContain('40');
    expect(matrixSource.join(' ')).toMatch(/Dentists \(40, chirurgiens-dentistes\)/);
    // What dental care needs: prescriptions, imaging, biology, dispensations, oral surgery.
    for (const code of ['57833-6', '18748-4', '11502-2', '60593-1', '34874-8', '77436-4'])
      expect(professionMayRead('40', code, typeCodes[code]!.category), code).toBe(true);
    // Never what may hold a psychology or psychiatry report, nor what the reference does not confirm.
    for (const code of ['60591-5', '34112-3', '15507-7', '68817-6', '74465-6', '89601-9', '18761-7'])
      expect(professionMayRead('40', code, typeCodes[code]!.category), code).toBe(false);
    expect(professionMayRead('40', null, 'RADIO_SC')).toBe(true);
    for (const category of ['SYNTH_PML', 'CPT_REND', 'QUEST_SANTE', 'SYNTHESE'])
      expect(professionMayRead('40', null, category), category).toBe(false);
    // An exclusion wins over a listed type (the SQL filter reads the listed types only).
    expect(matrixRow('40').types).not.toContain('60591-5');
  });

  it('every cell allows or denies as mayReadDocument does, and journals it', { timeout: 600_000 }, async () => {
    const blob = await t.platform.blobs.put(Buffer.from('contenu'));
    const pros = new Map<string, { id: string; cookie: string }>();
    for (const [i, code] of professions.entries()) {
      const rpps = `2${String(i).padStart(10, '0')}`;
      const p = await t.db
        .insertInto('professional')
        .values({ rpps, profession_code: code, first_name: 'P', last_name: `Pro${code}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      pros.set(code, { id: p.id, cookie: await proSessionCookie(t.db, p.id) });
    }
    const author = pros.get('80')!.id;
    let cells = 0;
    let dentistCells = 0;
    for (const state of states) {
      const patient = await createPerson(t.db);
      const profileId = patient.profileId;
      const facts: (DocumentFacts & { id: string })[] = [];
      const kinds = [
        ...Object.entries(typeCodes).map(([code, { category }]) => ({ typeCode: code as string | null, category })),
        ...Object.keys(healthCategories).map((c) => ({ typeCode: null, category: c })),
        { typeCode: null, category: ADMIN_CATEGORY },
      ];
      for (const k of kinds) {
        for (const hidden of [false, true]) {
          const space = k.category === ADMIN_CATEGORY ? ('admin' as const) : ('health' as const);
          const row = await t.db
            .insertInto('document')
            .values({
              profile_id: profileId,
              title: `${k.typeCode ?? k.category}${hidden ? ' masqué' : ''}`,
              category: k.category,
              space,
              type_code: k.typeCode,
              hidden_from_professionals: hidden,
              mime_type: 'text/plain',
              size_bytes: blob.size,
              sha256: blob.sha256,
              blob_key: blob.key,
              author_kind: 'import',
              file_name: 'doc.txt',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          facts.push({ id: row.id, ...k, space, hiddenFromProfessionals: hidden, authorProfessionalId: null });
        }
      }
      // The podiatrist's own deposit, a child health report hidden from professionals: only its author reads it (or who
      // sees hidden ones and may read the type).
      const own = await t.db
        .insertInto('document')
        .values({
          profile_id: profileId,
          title: 'Dépôt du podologue',
          category: 'DEPISTAG',
          type_code: '68817-6',
          hidden_from_professionals: true,
          mime_type: 'text/plain',
          size_bytes: blob.size,
          sha256: blob.sha256,
          blob_key: blob.key,
          author_kind: 'professional',
          author_professional_id: author,
          file_name: 'doc.txt',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      facts.push({
        id: own.id,
        typeCode: '68817-6',
        category: 'DEPISTAG',
        space: 'health',
        hiddenFromProfessionals: true,
        authorProfessionalId: author,
      });
      if (state === 'emergency_hidden')
        await t.db.insertInto('emergency_setting').values({ profile_id: profileId, hidden_readable: true }).execute();

      for (const code of professions) {
        const pro = pros.get(code)!;
        await setState(t, profileId, pro.id, state);
        const headers = { cookie: pro.cookie, 'x-carnet-csrf': '1' };
        const emergency = state === 'emergency' || state === 'emergency_hidden';
        if (emergency) {
          const open = await t.app.inject({
            method: 'POST',
            url: `/api/pro/patients/${profileId}/emergency`,
            headers,
            payload: { reason: 'Patient inconscient, appel des secours', durationMinutes: 60 },
          });
          expect(open.statusCode, `${code} ${state} emergency`).toBe(201);
        }
        const list = await t.app.inject({ method: 'GET', url: `/api/pro/patients/${profileId}/documents`, headers });
        const last = await lastLine(t, profileId, pro.id);
        if (state === 'blocked' || state === 'none') {
          expect(list.statusCode, `${code} ${state}`).toBe(403);
          expect(list.json().error.code).toBe(state === 'blocked' ? 'PRO_BLOCKED' : 'PRO_NO_CONSENT');
          expect(last).toMatchObject({
            action: 'access.refused',
            reason: 'normal',
            detail: { why: state === 'blocked' ? 'blocked' : 'no_consent', mode: 'normal', capability: 'read' },
          });
          const file = await t.app.inject({
            method: 'GET',
            url: `/api/pro/patients/${profileId}/documents/${facts[0]!.id}/file`,
            headers,
          });
          expect(file.statusCode).toBe(403);
          cells += facts.length;
          continue;
        }
        expect(list.statusCode, `${code} ${state}`).toBe(200);
        expect(last).toMatchObject({
          action: 'document.list',
          actor_kind: 'professional',
          reason: emergency ? 'emergency' : 'normal',
          detail: { mode: emergency ? 'bris_de_glace' : 'normal' },
        });
        const seen = new Set((list.json().documents as { id: string }[]).map((d) => d.id));
        const reader = {
          professionalId: pro.id,
          professionCode: code,
          seesHidden: state === 'administrator' || state === 'emergency_hidden',
        };
        const reads = new Map<string, number>();
        // Files read eight at a time; each read's journal line is then found by the document's id.
        for (let i = 0; i < facts.length; i += 8) {
          await Promise.all(
            facts.slice(i, i + 8).map(async (f) => {
              const file = await t.app.inject({
                method: 'GET',
                url: `/api/pro/patients/${profileId}/documents/${f.id}/file`,
                headers,
              });
              reads.set(f.id, file.statusCode);
            }),
          );
        }
        const lines = await t.db
          .selectFrom('journal')
          .selectAll()
          .where('chain_id', '=', profileId)
          .where('actor_id', '=', pro.id)
          .where('action', 'in', ['document.read', 'document.read.refused'])
          .execute();
        const lineOf = new Map(lines.map((l) => [l.resource_id, l]));
        expect(lines).toHaveLength(facts.length);
        for (const f of facts) {
          const allowed = mayReadDocument(f, reader);
          const cell = `${code} ${state} ${f.typeCode ?? f.category}${f.hiddenFromProfessionals ? ' MASQUE_PS' : ''}${f.authorProfessionalId ? ' own' : ''}`;
          expect(seen.has(f.id), cell).toBe(allowed);
          if (code === '80' && f.typeCode === '68817-6' && !f.authorProfessionalId) expect(allowed, cell).toBe(false);
          // Dentists: imaging read with consent, the medical synthesis (where psychiatry's sits) never.
          if (code === '40' && !f.authorProfessionalId && !f.hiddenFromProfessionals) {
            if (f.typeCode === '18748-4') expect(seen.has(f.id), cell).toBe(true);
            if (f.typeCode === '60591-5' || f.category === 'SYNTH_PML') expect(seen.has(f.id), cell).toBe(false);
            dentistCells++;
          }
          expect(reads.get(f.id), cell).toBe(allowed ? 200 : 404);
          expect(lineOf.get(f.id), cell).toMatchObject({
            action: allowed ? 'document.read' : 'document.read.refused',
            reason: emergency ? 'emergency' : 'normal',
            detail: { mode: emergency ? 'bris_de_glace' : 'normal' },
          });
          cells++;
        }
      }
    }
    expect(dentistCells).toBeGreaterThan(0);
    expect(cells).toBe(
      states.length *
        professions.length *
        (Object.keys(typeCodes).length + Object.keys(healthCategories).length + 1) *
        2 +
        states.length * professions.length,
    );
  });
});

async function setState(
  t: Awaited<ReturnType<typeof testApp>>,
  profileId: string,
  professionalId: string,
  state: State,
) {
  if (state === 'none' || state === 'emergency' || state === 'emergency_hidden') return;
  await t.db
    .insertInto('professional_access')
    .values({
      profile_id: profileId,
      professional_id: professionalId,
      status: state === 'blocked' ? 'blocked' : 'authorized',
      administrator: state === 'administrator',
      consent_at: new Date(),
    })
    .execute();
}

async function lastLine(t: Awaited<ReturnType<typeof testApp>>, profileId: string, professionalId: string) {
  return t.db
    .selectFrom('journal')
    .selectAll()
    .where('chain_id', '=', profileId)
    .where('actor_id', '=', professionalId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}
