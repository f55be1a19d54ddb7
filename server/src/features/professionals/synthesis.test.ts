import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, proSessionCookie, sessionCookie } from '../../../test/sessions.js';
import { pdfText } from '../../../test/pdf-text.js';

type T = Awaited<ReturnType<typeof testApp>>;

/**
 * « la synthèse » shared with a professional (R6.5): the patient shares it from « Paramètres →
 * professionnels » with an authorized professional (the sections chosen); the professional opens it from
 * the portal, the policy deciding (capability `synthesis`), every read and refusal journaled.
 */
describe('« la synthèse » shared with a professional', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it('is shared by the patient, opened by that professional only, withdrawn by stopping or blocking', async () => {
    const p = await createPerson(t.db, { firstName: 'Hortense', lastName: 'Partage' });
    const me = { cookie: await sessionCookie(t.db, p.accountId), 'x-carnet-csrf': '1' };
    const base = `/api/profiles/${p.profileId}`;
    const asPatient = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: me, ...(payload ? { payload } : {}) });
    await asPatient('POST', `${base}/medical/conditions`, { name: 'Asthme', since: '2010-03-01' });
    await asPatient('POST', `${base}/medical/treatments`, { name: 'Salbutamol', dose: '100 µg', frequency: 'daily' });

    const pros = [];
    for (const [i, code] of ['10', '60'].entries()) {
      const row = await t.db
        .insertInto('professional')
        .values({
          rpps: `4${String(i).padStart(10, '0')}`,
          profession_code: code,
          first_name: 'Léa',
          last_name: `Pro${i}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      pros.push({ id: row.id, headers: { cookie: await proSessionCookie(t.db, row.id), 'x-carnet-csrf': '1' } });
    }
    const [doctor, nurse] = pros as [(typeof pros)[number], (typeof pros)[number]];
    const open = (pro: typeof doctor) =>
      t.app.inject({ method: 'GET', url: `/api/pro/patients/${p.profileId}/synthesis.pdf`, headers: pro.headers });
    const lastLine = (pro: typeof doctor) =>
      t.db
        .selectFrom('journal')
        .selectAll()
        .where('chain_id', '=', p.profileId)
        .where('actor_id', '=', pro.id)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();

    // Not on the patient's list: the patient cannot share it with them.
    const early = await asPatient('PUT', `${base}/professionals/${doctor.id}/synthesis`, { sections: ['conditions'] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PROFESSIONAL_NOT_AUTHORIZED');

    for (const pro of pros) {
      const consent = await t.app.inject({
        method: 'POST',
        url: `/api/pro/patients/${p.profileId}/consent`,
        headers: pro.headers,
        payload: { collected: true },
      });
      expect(consent.statusCode).toBe(200);
    }
    // Authorized but nothing shared: refused, and the refusal is journaled with its reason.
    const none = await open(doctor);
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('PRO_SYNTHESIS_NOT_SHARED');
    expect(await lastLine(doctor)).toMatchObject({
      action: 'access.refused',
      detail: { capability: 'synthesis', why: 'synthesis_not_shared', status: 403 },
    });
    const found = await t.app.inject({
      method: 'POST',
      url: '/api/pro/patients/search',
      headers: doctor.headers,
      payload: { birthName: 'PARTAGE', firstName: 'Hortense', birthDate: '1980-01-01', sex: 'F' },
    });
    expect(found.json().synthesisShared).toBe(false);

    const shared = await asPatient('PUT', `${base}/professionals/${doctor.id}/synthesis`, {
      sections: ['conditions', 'allergies'],
    });
    expect(shared.statusCode).toBe(200);
    expect(shared.json().professional.synthesis).toMatchObject({ sections: ['conditions', 'allergies'] });
    const lists = await asPatient('GET', `${base}/professionals`);
    const listed = (lists.json().authorized as { id: string; synthesis: unknown }[]).map((x) => [x.id, x.synthesis]);
    expect(listed).toContainEqual([doctor.id, expect.objectContaining({ sections: ['conditions', 'allergies'] })]);
    expect(listed).toContainEqual([nurse.id, null]);

    const pdf = await open(doctor);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('private, no-store');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Hortense PARTAGE');
    expect(text).toContain('Asthme');
    expect(text).not.toContain('Salbutamol'); // treatments were not shared
    expect(await lastLine(doctor)).toMatchObject({
      action: 'medical.synthesis',
      actor_kind: 'professional',
      detail: { sections: ['conditions', 'allergies'], mode: 'normal' },
    });
    const refound = await t.app.inject({
      method: 'POST',
      url: '/api/pro/patients/search',
      headers: doctor.headers,
      payload: { birthName: 'PARTAGE', firstName: 'Hortense', birthDate: '1980-01-01', sex: 'F' },
    });
    expect(refound.json().synthesisShared).toBe(true);
    // Shared with the doctor, not with the nurse.
    expect((await open(nurse)).statusCode).toBe(403);

    // The patient's journal names the sharing.
    const activity = await asPatient('GET', `${base}/activity?group=mine`);
    expect((activity.json().lines as { action: string }[]).map((l) => l.action)).toContain('access.synthesis-shared');

    // A caregiver does not manage access (R5): they cannot share it.
    const helper = await createPerson(t.db);
    await t.db
      .insertInto('caregiving')
      .values({
        profile_id: p.profileId,
        caregiver_id: helper.profileId,
        last_name: 'X',
        first_name: 'Y',
        birth_date: '1970-01-01',
        ends_on: '2999-01-01',
        status: 'accepted',
      })
      .execute();
    const byHelper = await t.app.inject({
      method: 'PUT',
      url: `${base}/professionals/${nurse.id}/synthesis`,
      headers: { cookie: await sessionCookie(t.db, helper.accountId), 'x-carnet-csrf': '1' },
      payload: { sections: ['conditions'] },
    });
    expect(byHelper.statusCode).toBe(403);

    // Stopping the share closes it at once.
    const stop = await asPatient('DELETE', `${base}/professionals/${doctor.id}/synthesis`);
    expect(stop.statusCode).toBe(200);
    expect(stop.json().professional.synthesis).toBeNull();
    expect((await open(doctor)).statusCode).toBe(403);

    // Blocking withdraws it too: blocked first, then never again without a new share.
    await asPatient('PUT', `${base}/professionals/${doctor.id}/synthesis`, { sections: ['conditions'] });
    expect((await open(doctor)).statusCode).toBe(200);
    await asPatient('PUT', `${base}/professionals/${doctor.id}/blocked`, { confirmed: true });
    const blocked = await open(doctor);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PRO_BLOCKED');
    const row = await t.db
      .selectFrom('professional_access')
      .select('synthesis_sections')
      .where('profile_id', '=', p.profileId)
      .where('professional_id', '=', doctor.id)
      .executeTakeFirstOrThrow();
    expect(row.synthesis_sections).toBeNull();
  });
});
