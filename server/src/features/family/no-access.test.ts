import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';

/**
 * R4/R5 and issue 4: someone who is neither the patient, nor a validated representative, nor an active
 * caregiver gets no byte of the profile through any route that takes a profile id — every route the
 * application has, found by listing them, so a new feature's routes are swept too.
 */
describe('no byte of a profile for outsiders, on every route that takes a profile id', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it('answers 400, 403 or 404 without any of the profile’s data, for a stranger, a former representative and an expired caregiver', async () => {
    const year = new Date().getUTCFullYear();
    const owner = await createPerson(t.db, { firstName: 'Hortense', lastName: 'Secretnom' });
    const child = await t.db.insertInto('profile').values({ nir: null, birth_name: 'SECRETNOM', first_names: 'Octave', used_first_name: 'Octave', sex: 'M', birth_date: `${year - 6}-02-02`, status: 'activated' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('representation').values({ representative_id: owner.profileId, profile_id: child.id, status: 'validated' }).execute();
    const stranger = await createPerson(t.db);
    const formerRep = await createPerson(t.db);
    await t.db.insertInto('representation').values({ representative_id: formerRep.profileId, profile_id: child.id, status: 'ended' }).execute();
    const lateHelper = await createPerson(t.db);
    await t.db.insertInto('caregiving').values({ profile_id: owner.profileId, caregiver_id: lateHelper.profileId, last_name: 'X', first_name: 'Y', birth_date: '1970-01-01', ends_on: '2021-01-01', status: 'accepted' }).execute();

    // People's routes; the professionals' ({ patient }) answer 401 to anyone without a professional session
    // and are swept in features/professionals/no-access.test.ts.
    const routes = t.app.routeList.filter((r) => r.url.includes(':profileId') && !(typeof r.access === 'object' && 'patient' in r.access));
    expect(routes.length).toBeGreaterThanOrEqual(4);
    const outsiders = [stranger, formerRep, lateHelper];
    let calls = 0;
    for (const who of outsiders) {
      const cookie = await sessionCookie(t.db, who.accountId);
      for (const target of [owner.profileId, child.id]) {
        for (const r of routes) {
          const url = r.url.replace(':profileId', target).replace(/:([A-Za-z]+)/g, '00000000-0000-4000-8000-000000000000');
          const res = await t.app.inject({ method: r.method as 'GET', url, headers: { cookie, 'x-carnet-csrf': '1' }, payload: ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined });
          calls++;
          expect([400, 403, 404], `${r.method} ${r.url} → ${res.statusCode}`).toContain(res.statusCode);
          for (const secret of ['Hortense', 'SECRETNOM', 'Secretnom', 'Octave', owner.username]) expect(res.body, `${r.method} ${r.url}`).not.toContain(secret);
        }
      }
    }
    expect(calls).toBe(outsiders.length * 2 * routes.length);
  });
});
