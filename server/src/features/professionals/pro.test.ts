import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, proSessionCookie, sessionCookie } from '../../../test/sessions.js';
import { multipartBody, pdf } from '../../../test/documents.js';

type T = Awaited<ReturnType<typeof testApp>>;
let n = 0;

async function professional(t: T, code: string, over: { regulator?: boolean } = {}) {
  n++;
  const p = await t.db
    .insertInto('professional')
    .values({
      rpps: `3${String(n).padStart(10, '0')}`,
      profession_code: code,
      first_name: 'Jeanne',
      last_name: `Docteur${n}`,
      regulator: over.regulator ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cookie = await proSessionCookie(t.db, p.id);
  return { id: p.id, headers: { cookie, 'x-carnet-csrf': '1' } };
}

async function patient(t: T, over: { nir?: string; birthDate?: string; lastName?: string } = {}) {
  const p = await createPerson(t.db, { lastName: over.lastName, birthDate: over.birthDate });
  if (over.nir) await t.db.updateTable('profile').set({ nir: over.nir }).where('id', '=', p.profileId).execute();
  return p;
}

const outbox = (t: T, kind: string) => t.db.selectFrom('outbox_message').selectAll().where('kind', '=', kind).execute();

describe('the professional portal API', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it('finds one patient by INS traits, an exact match only, never a list; journals who looked them up', async () => {
    const doctor = await professional(t, '10');
    const p = await patient(t, { nir: '185067510804612', birthDate: '1985-06-14', lastName: 'Exactnom' });
    const byNir = await t.app.inject({
      method: 'POST',
      url: '/api/pro/patients/search',
      headers: doctor.headers,
      payload: { nir: '185067510804612', birthDate: '1985-06-14' },
    });
    expect(byNir.statusCode).toBe(200);
    expect(byNir.json()).toMatchObject({
      patient: { profileId: p.profileId, birthName: 'EXACTNOM' },
      access: 'none',
      emergencyUntil: null,
    });
    const wrongDate = await t.app.inject({
      method: 'POST',
      url: '/api/pro/patients/search',
      headers: doctor.headers,
      payload: { nir: '185067510804612', birthDate: '1985-06-15' },
    });
    expect(wrongDate.statusCode).toBe(404);
    expect(wrongDate.json().error.code).toBe('PATIENT_NOT_FOUND');
    const byTraits = await t.app.inject({
      method: 'POST',
      url: '/api/pro/patients/search',
      headers: doctor.headers,
      payload: { birthName: 'exactnom', firstName: 'camille', birthDate: '1985-06-14', sex: 'F' },
    });
    expect(byTraits.json().patient.profileId).toBe(p.profileId);
    // A homonym born the same day: two candidates answer as none.
    await patient(t, { lastName: 'Exactnom', birthDate: '1985-06-14' });
    const twins = await t.app.inject({
      method: 'POST',
      url: '/api/pro/patients/search',
      headers: doctor.headers,
      payload: { birthName: 'EXACTNOM', firstName: 'Camille', birthDate: '1985-06-14', sex: 'F' },
    });
    expect(twins.statusCode).toBe(404);
    expect(twins.body).not.toContain(p.profileId);
    const lines = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'pro.patient.search')
      .execute();
    expect(lines.map((l) => l.detail)).toEqual([
      { by: 'nir', found: true },
      { by: 'traits', found: true },
    ]);
    const signedOut = await t.app.inject({
      method: 'POST',
      url: '/api/pro/patients/search',
      headers: { 'x-carnet-csrf': '1' },
      payload: { nir: '185067510804612', birthDate: '1985-06-14' },
    });
    expect(signedOut.statusCode).toBe(401);
  });

  it('consent collected at the visit opens the documents; first access recorded and notified once', async () => {
    const nurse = await professional(t, '60');
    const p = await patient(t);
    const before = await t.app.inject({
      method: 'GET',
      url: `/api/pro/patients/${p.profileId}/documents`,
      headers: nurse.headers,
    });
    expect(before.statusCode).toBe(403);
    expect(before.json().error.code).toBe('PRO_NO_CONSENT');
    const noTick = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/consent`,
      headers: nurse.headers,
      payload: { collected: false },
    });
    expect(noTick.statusCode).toBe(400);
    const consent = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/consent`,
      headers: nurse.headers,
      payload: { collected: true },
    });
    expect(consent.statusCode).toBe(200);
    const mailsBefore = (await outbox(t, 'pro-access-normal')).length;
    for (let i = 0; i < 3; i++)
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/pro/patients/${p.profileId}/documents`,
            headers: nurse.headers,
          })
        ).statusCode,
      ).toBe(200);
    const row = await t.db
      .selectFrom('professional_access')
      .selectAll()
      .where('profile_id', '=', p.profileId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'authorized', professional_id: nurse.id });
    expect(row.first_access_at).not.toBeNull();
    expect(row.last_access_at!.getTime()).toBeGreaterThanOrEqual(row.first_access_at!.getTime());
    const mails = await outbox(t, 'pro-access-normal');
    expect(mails.length - mailsBefore).toBe(1);
    expect(mails.at(-1)!.body).toContain('Un professionnel de santé a consulté votre espace santé');
    const lines = await t.db
      .selectFrom('journal')
      .select(['action', 'reason'])
      .where('chain_id', '=', p.profileId)
      .where('actor_id', '=', nurse.id)
      .orderBy('seq')
      .execute();
    expect(lines.map((l) => l.action)).toEqual([
      'access.refused',
      'pro.consent',
      'document.list',
      'document.list',
      'document.list',
    ]);
  });

  it('deposits a document invisible to the patient, which the patient sees only once its author releases it', async () => {
    const doctor = await professional(t, '10');
    const other = await professional(t, '10');
    const p = await patient(t);
    for (const d of [doctor, other])
      await t.app.inject({
        method: 'POST',
        url: `/api/pro/patients/${p.profileId}/consent`,
        headers: d.headers,
        payload: { collected: true },
      });
    const body = multipartBody('annonce.pdf', await pdf('Compte rendu de consultation'));
    const dep = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/documents?typeCode=11488-4&title=Consultation%20d%27annonce&invisibleToPatient=true`,
      headers: { ...doctor.headers, ...body.headers },
      payload: body.payload,
    });
    expect(dep.statusCode).toBe(201);
    const doc = dep.json().document;
    expect(doc).toMatchObject({
      typeCode: '11488-4',
      category: 'CPT_REND',
      mine: true,
      invisibleToPatient: true,
      author: { kind: 'professional' },
    });
    const patientCookie = await sessionCookie(t.db, p.accountId);
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${p.profileId}/documents`,
      headers: { cookie: patientCookie },
    });
    expect(mine.json().documents.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    const hiddenFile = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${p.profileId}/documents/${doc.id}/file`,
      headers: { cookie: patientCookie },
    });
    expect(hiddenFile.statusCode).toBe(404);
    const notAuthor = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/documents/${doc.id}/release`,
      headers: other.headers,
    });
    expect(notAuthor.statusCode).toBe(403);
    expect(notAuthor.json().error.code).toBe('PRO_NOT_AUTHOR');
    const released = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/documents/${doc.id}/release`,
      headers: doctor.headers,
    });
    expect(released.statusCode).toBe(200);
    expect(released.json().document.invisibleToPatient).toBe(false);
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${p.profileId}/documents`,
      headers: { cookie: patientCookie },
    });
    expect(after.json().documents.map((d: { id: string }) => d.id)).toContain(doc.id);
    const badType = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/documents?typeCode=00000-0&title=X`,
      headers: { ...doctor.headers, ...body.headers },
      payload: body.payload,
    });
    expect(badType.statusCode).toBe(400);
    const exe = multipartBody('virus.pdf', Buffer.from('MZ\x90\x00 not a document'));
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/documents?typeCode=11488-4&title=X`,
      headers: { ...doctor.headers, ...exe.headers },
      payload: exe.payload,
    });
    expect(refused.statusCode).toBe(415);
  });

  it('a blocked professional gets only refusals, journaled — but may still deposit', async () => {
    const doctor = await professional(t, '10');
    const p = await patient(t);
    await t.db
      .insertInto('professional_access')
      .values({ profile_id: p.profileId, professional_id: doctor.id, status: 'blocked' })
      .execute();
    for (const [method, url, payload] of [
      ['GET', `/api/pro/patients/${p.profileId}/documents`, undefined],
      ['GET', `/api/pro/patients/${p.profileId}/medical`, undefined],
      ['POST', `/api/pro/patients/${p.profileId}/consent`, { collected: true }],
      ['POST', `/api/pro/patients/${p.profileId}/emergency`, { reason: 'Détresse respiratoire aiguë' }],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: doctor.headers, payload });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('PRO_BLOCKED');
    }
    const refusals = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'access.refused')
      .execute();
    expect(refusals.map((r) => (r.detail as { capability: string }).capability)).toEqual([
      'read',
      'read',
      'consent',
      'emergency',
    ]);
    expect(refusals.every((r) => (r.detail as { why: string }).why === 'blocked')).toBe(true);
    const body = multipartBody('cr.txt', Buffer.from('Compte rendu'));
    const dep = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/documents?typeCode=11488-4&title=CR`,
      headers: { ...doctor.headers, ...body.headers },
      payload: body.payload,
    });
    expect(dep.statusCode).toBe(201);
  });

  it('an administrator professional lists the patient’s professionals and blocks another one; others are refused, journaled', async () => {
    const p = await patient(t);
    const patientHeaders = { cookie: await sessionCookie(t.db, p.accountId), 'x-carnet-csrf': '1' };
    const [admin, other, colleague, nurse] = [
      await professional(t, '10'),
      await professional(t, '10'),
      await professional(t, '21'),
      await professional(t, '60'),
    ];
    const pro = (who: { headers: Record<string, string> }, method: 'GET' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/pro/patients/${p.profileId}${url}`, headers: who.headers, payload });
    for (const who of [admin, other, colleague, nurse])
      expect((await pro(who, 'GET', '/documents')).statusCode).toBe(403);
    for (const who of [admin, other, colleague, nurse])
      await t.app.inject({
        method: 'POST',
        url: `/api/pro/patients/${p.profileId}/consent`,
        headers: who.headers,
        payload: { collected: true },
      });
    // The patient gives « statut administrateur » to two of them (their own route).
    for (const who of [admin, colleague])
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/profiles/${p.profileId}/professionals/${who.id}/administrator`,
            headers: patientHeaders,
            payload: { administrator: true },
          })
        ).statusCode,
      ).toBe(200);
    const refusedLines = () =>
      t.db
        .selectFrom('journal')
        .select(['action', 'actor_id', 'detail'])
        .where('chain_id', '=', p.profileId)
        .where('action', 'in', ['access.refused', 'access.professional-block-refused'])
        .orderBy('seq')
        .execute();
    const before = (await refusedLines()).length;

    // A professional without the status: refused by the decision, journaled with the reason.
    const notAdmin = await pro(other, 'GET', '/professionals');
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().error.code).toBe('PRO_NOT_ADMINISTRATOR');
    const tryBlock = await pro(other, 'PUT', `/professionals/${nurse.id}/blocked`, { confirmed: true });
    expect(tryBlock.json().error.code).toBe('PRO_NOT_ADMINISTRATOR');

    // The administrator sees both lists, themselves marked.
    const list = await pro(admin, 'GET', '/professionals');
    expect(list.statusCode).toBe(200);
    const byId = new Map(list.json().professionals.map((x: { id: string }) => [x.id, x]));
    expect(byId.size).toBe(4);
    expect(byId.get(admin.id)).toMatchObject({ self: true, administrator: true, status: 'authorized' });
    expect(byId.get(colleague.id)).toMatchObject({ self: false, administrator: true, profession: 'Pharmacien' });
    expect(byId.get(nurse.id)).toMatchObject({ administrator: false, status: 'authorized' });

    // Not themselves, not another administrator (PRO_CANNOT_BLOCK, journaled); confirmation required.
    for (const target of [admin, colleague]) {
      const res = await pro(admin, 'PUT', `/professionals/${target.id}/blocked`, { confirmed: true });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('PRO_CANNOT_BLOCK');
    }
    expect((await pro(admin, 'PUT', `/professionals/${nurse.id}/blocked`, {})).statusCode).toBe(400);
    // Someone not on the patient's lists: nothing to block.
    const stranger = await professional(t, '10');
    expect((await pro(admin, 'PUT', `/professionals/${stranger.id}/blocked`, { confirmed: true })).statusCode).toBe(
      404,
    );

    const blocked = await pro(admin, 'PUT', `/professionals/${nurse.id}/blocked`, { confirmed: true });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json().professional).toMatchObject({ id: nurse.id, status: 'blocked', self: false });
    const refused = await pro(nurse, 'GET', '/documents');
    expect(refused.json().error.code).toBe('PRO_BLOCKED');

    const refusals = (await refusedLines()).slice(before);
    expect(refusals.map((r) => [r.action, r.actor_id, (r.detail as { why: string }).why])).toEqual([
      ['access.refused', other.id, 'not_administrator'],
      ['access.refused', other.id, 'not_administrator'],
      ['access.professional-block-refused', admin.id, 'cannot_block_self'],
      ['access.professional-block-refused', admin.id, 'cannot_block_administrator'],
      ['access.refused', nurse.id, 'blocked'],
    ]);
    // The patient's « Historique d'activité » names the administrator who blocked, and says why others were refused.
    const lines = (
      await t.app.inject({
        method: 'GET',
        url: `/api/profiles/${p.profileId}/activity`,
        headers: patientHeaders,
      })
    ).json().lines as {
      action: string;
      who: string;
      profession: string;
      refusal: string | null;
      target: { name: string; profession: string } | null;
    }[];
    const name = async (id: string) => {
      const r = await t.db
        .selectFrom('professional')
        .select(['first_name', 'last_name'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return `${r.first_name} ${r.last_name}`;
    };
    // … and whom they blocked.
    expect(lines.find((l) => l.action === 'access.professional-blocked')).toMatchObject({
      who: await name(admin.id),
      profession: 'Médecin',
      label: 'Blocage d’un professionnel',
      target: { name: await name(nurse.id), profession: 'Infirmier' },
    });
    // Newest first: the refused block of the other administrator names them; the refused self-block names no one
    // twice (the actor is the professional it was about).
    const blockRefusals = lines.filter((l) => l.action === 'access.professional-block-refused');
    expect(blockRefusals.map((l) => l.target)).toEqual([
      { name: await name(colleague.id), profession: 'Pharmacien' },
      null,
    ]);
    expect(blockRefusals[0]?.refusal).toBe(
      'Un administrateur ne peut pas bloquer un autre administrateur : vous seul pouvez retirer ce statut.',
    );
    // The patient's own « statut administrateur » lines name the professional who got it.
    const mine = (
      await t.app.inject({
        method: 'GET',
        url: `/api/profiles/${p.profileId}/activity?group=mine`,
        headers: patientHeaders,
      })
    ).json().lines as { action: string; target: { name: string } | null }[];
    expect(mine.filter((l) => l.action === 'access.administrator-granted').map((l) => l.target?.name)).toEqual([
      await name(colleague.id),
      await name(admin.id),
    ]);
    // A professional's consent is about themselves: no target.
    expect(lines.filter((l) => l.action === 'pro.consent').every((l) => l.target === null)).toBe(true);
    expect(
      lines.filter((l) => l.refusal?.startsWith('Ce professionnel n’a pas le statut administrateur')),
    ).toHaveLength(2);
  });

  it('break-the-glass: a reason, journaled as bris_de_glace, an e-mail to the minor and the representatives; refused when switched off', async () => {
    const doctor = await professional(t, '10');
    const parent = await patient(t);
    const year = new Date().getUTCFullYear();
    const child = await t.db
      .insertInto('profile')
      .values({
        birth_name: 'ENFANT',
        first_names: 'Lou',
        used_first_name: 'Lou',
        sex: 'F',
        birth_date: `${year - 8}-01-01`,
        status: 'activated',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: child.id, status: 'validated' })
      .execute();
    const parentEmail = (
      await t.db.selectFrom('profile').select('email').where('id', '=', parent.profileId).executeTakeFirstOrThrow()
    ).email;
    const short = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${child.id}/emergency`,
      headers: doctor.headers,
      payload: { reason: 'urgence' },
    });
    expect(short.statusCode).toBe(400);
    const open = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${child.id}/emergency`,
      headers: doctor.headers,
      payload: { reason: 'Enfant inconscient aux urgences', durationMinutes: 60 },
    });
    expect(open.statusCode).toBe(201);
    expect(open.json().mode).toBe('bris_de_glace');
    const ends = new Date(open.json().endsAt).getTime();
    expect(ends - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    const mails = (await outbox(t, 'pro-access-emergency')).filter((m) => m.recipient === parentEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).not.toMatch(/inconscient|urgences aux/);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/pro/patients/${child.id}/documents`,
      headers: doctor.headers,
    });
    expect(read.statusCode).toBe(200);
    const lines = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', child.id)
      .where('actor_id', '=', doctor.id)
      .orderBy('seq')
      .execute();
    expect(lines.map((l) => [l.action, l.reason, (l.detail as { mode: string }).mode])).toEqual([
      ['emergency.open', 'emergency', 'bris_de_glace'],
      ['document.list', 'emergency', 'bris_de_glace'],
    ]);
    // The patient's side turns break-the-glass off: the open access lapses, a new one is refused.
    await t.db.insertInto('emergency_setting').values({ profile_id: child.id, break_glass: false }).execute();
    const lapsed = await t.app.inject({
      method: 'GET',
      url: `/api/pro/patients/${child.id}/documents`,
      headers: doctor.headers,
    });
    expect(lapsed.json().error.code).toBe('PRO_NO_CONSENT');
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${child.id}/emergency`,
      headers: doctor.headers,
      payload: { reason: 'Enfant inconscient aux urgences' },
    });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('EMERGENCY_DISABLED');
  });

  it('a SAMU regulator opens a centre_15 access while the SAMU switch is on', async () => {
    const regulator = await professional(t, '10', { regulator: true });
    const p = await patient(t);
    const open = await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/emergency`,
      headers: regulator.headers,
      payload: { reason: 'Appel au centre 15 : malaise' },
    });
    expect(open.json().mode).toBe('centre_15');
    const line = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'emergency.open')
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({
      reason: 'emergency',
      detail: { mode: 'centre_15', reason: 'Appel au centre 15 : malaise' },
    });
  });

  it('reads the medical profile sections professionals may read, not the measures nor the care history', async () => {
    const doctor = await professional(t, '10');
    const p = await patient(t);
    const cookie = await sessionCookie(t.db, p.accountId);
    await t.app.inject({
      method: 'POST',
      url: `/api/profiles/${p.profileId}/medical/allergies`,
      headers: { cookie, 'x-carnet-csrf': '1' },
      payload: { substance: 'Pénicilline' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/pro/patients/${p.profileId}/consent`,
      headers: doctor.headers,
      payload: { collected: true },
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/pro/patients/${p.profileId}/medical`,
      headers: doctor.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual([
      'allergies',
      'conditions',
      'contacts',
      'treatments',
      'vaccinations',
      'wishes',
    ]);
    expect(res.json().allergies[0].data.substance).toBe('Pénicilline');
  });

  it('no byte of a patient through any professional route without consent, nor without a professional session', async () => {
    const stranger = await professional(t, '10');
    const p = await patient(t, { lastName: 'Secretpro' });
    const routes = t.app.routeList.filter((r) => typeof r.access === 'object' && 'patient' in r.access);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    for (const r of routes) {
      const cap = (r.access as { patient: string }).patient;
      const url = r.url
        .replace(':profileId', p.profileId)
        .replace(/:([A-Za-z]+)/g, '00000000-0000-4000-8000-000000000000');
      const payload = ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined;
      const signedOut = await t.app.inject({
        method: r.method as 'GET',
        url,
        headers: { 'x-carnet-csrf': '1' },
        payload,
      });
      expect(signedOut.statusCode, `${r.method} ${r.url}`).toBe(401);
      const res = await t.app.inject({ method: r.method as 'GET', url, headers: stranger.headers, payload });
      // 'emergency' and 'consent' let a professional in (that is their purpose); their body is then checked.
      expect(cap === 'emergency' || cap === 'consent' ? [400] : [403], `${r.method} ${r.url}`).toContain(
        res.statusCode,
      );
      expect(res.body).not.toContain('SECRETPRO');
    }
  });
});
