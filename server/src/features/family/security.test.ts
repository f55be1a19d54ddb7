import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';
import { enrolParentWithChild } from '../../../test/identity.js';
import { applyMajority } from './family.jobs.js';

type T = Awaited<ReturnType<typeof testApp>>;
const year = new Date().getUTCFullYear();

/** Access that should have ended, through the family's invitations and caregivings. */
describe('family: security', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie, 'x-carnet-csrf': '1' }, payload });

  /** A parent representing an enrolled child, and a waiting invitation to a second representative. */
  async function familyWithInvitation() {
    const { kidId, accountId } = await enrolParentWithChild(t.platform, {
      lastName: 'Lemoine',
      parent: 'Claire',
      child: 'Paul',
      childAge: 9,
    });
    const kid = { id: kidId };
    const cookie = await sessionCookie(t.db, accountId);
    expect(
      (await call(cookie, 'POST', '/api/family/children', { profileIds: [kid.id], certified: true })).statusCode,
    ).toBe(200);
    const second = await createPerson(t.db, { firstName: 'Marc', lastName: 'Lemoine', birthDate: '1978-11-02' });
    const invite = await call(cookie, 'POST', `/api/profiles/${kid.id}/representatives/invitations`, {
      lastName: 'Lemoine',
      firstName: 'Marc',
      birthDate: '1978-11-02',
      certified: true,
    });
    expect(invite.statusCode).toBe(201);
    return {
      kidId: kid.id,
      cookie,
      secondCookie: await sessionCookie(t.db, second.accountId),
      invitationId: invite.json().id as string,
    };
  }

  it('an invitation cannot be accepted once its author has withdrawn their own access', async () => {
    const f = await familyWithInvitation();
    expect((await call(f.cookie, 'DELETE', `/api/profiles/${f.kidId}/representatives/me`)).statusCode).toBe(204);
    const res = await call(f.secondCookie, 'POST', `/api/family/invitations/representative/${f.invitationId}/accept`);
    expect(res.json().error?.code).toBe('INVITATION_CLOSED');
    expect((await call(f.secondCookie, 'GET', `/api/profiles/${f.kidId}/representatives`)).statusCode).toBe(404);
    expect((await call(f.secondCookie, 'GET', '/api/family/invitations')).json().invitations).toEqual([]);
  });

  it('an invitation cannot be accepted once the child has turned 18: the young adult can still activate their space', async () => {
    const f = await familyWithInvitation();
    const today = new Date();
    const birth = `${today.getUTCFullYear() - 18}-${String(today.getUTCMonth() + 1).padStart(2, '0')}-${String(today.getUTCDate()).padStart(2, '0')}`;
    await t.db
      .updateTable('profile')
      .set({ birth_date: birth, email: 'paul.lemoine@example.org' })
      .where('id', '=', f.kidId)
      .execute();
    expect(await applyMajority(t.platform)).toContain(f.kidId);
    const res = await call(f.secondCookie, 'POST', `/api/family/invitations/representative/${f.invitationId}/accept`);
    expect(res.json().error?.code).toBe('INVITATION_CLOSED');
    const kid = await t.db.selectFrom('profile').select('status').where('id', '=', f.kidId).executeTakeFirstOrThrow();
    expect(kid.status).toBe('created');
    const reps = await t.db.selectFrom('representation').select('status').where('profile_id', '=', f.kidId).execute();
    expect(reps.map((r) => r.status)).toEqual(['ended']);
  });

  it('a caregiving past its end date is expired: listed so, and no longer counted in the limits', async () => {
    const helped = await createPerson(t.db, { firstName: 'Rose' });
    const helpedCookie = await sessionCookie(t.db, helped.accountId);
    const helper = await createPerson(t.db, { firstName: 'Luc', lastName: 'Girard', birthDate: '1970-01-01' });
    const helperCookie = await sessionCookie(t.db, helper.accountId);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(helpedCookie, 'POST', `/api/profiles/${helped.profileId}/caregivers`, {
        lastName: 'Girard',
        firstName: 'Luc',
        birthDate: '1970-01-01',
        endsOn: `${year + 1}-01-01`,
      });
      ids.push(res.json().id);
    }
    for (const id of ids)
      expect((await call(helperCookie, 'POST', `/api/family/invitations/caregiver/${id}/accept`)).statusCode).toBe(204);
    await t.db.updateTable('caregiving').set({ ends_on: '2020-01-01' }).where('id', 'in', ids).execute();
    const list = (await call(helpedCookie, 'GET', `/api/profiles/${helped.profileId}/caregivers`)).json().caregivers;
    expect(list.map((c: { status: string }) => c.status)).toEqual(['expired', 'expired', 'expired']);
    expect(
      (
        await call(helpedCookie, 'POST', `/api/profiles/${helped.profileId}/caregivers`, {
          lastName: 'Girard',
          firstName: 'Luc',
          birthDate: '1970-01-01',
          endsOn: `${year + 1}-01-01`,
        })
      ).statusCode,
    ).toBe(201);
    expect((await call(helperCookie, 'GET', '/api/family/invitations')).json().helping).toEqual([]);
  });
});
