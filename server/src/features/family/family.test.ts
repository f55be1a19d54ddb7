import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';
import { enrolParentWithChild, provisionalCodeOf } from '../../../test/identity.js';
import { applyMajority } from './family.jobs.js';
import { verifyJournal } from '../../platform/journal.js';

type T = Awaited<ReturnType<typeof testApp>>;
const year = new Date().getUTCFullYear();

describe('family: minors, second representative, caregivers (R4, R5)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie, 'x-carnet-csrf': '1' }, payload });

  /** Claire Roux, enrolled with her son Hugo (7), signed in. */
  async function parentWithChild() {
    const f = await enrolParentWithChild(t.platform, {
      lastName: 'Roux',
      parent: 'Claire',
      child: 'Hugo',
      childAge: 7,
    });
    return { ...f, cookie: await sessionCookie(t.db, f.accountId) };
  }

  it('adds a listed minor after the certification, then the child is in the profile switcher', async () => {
    const f = await parentWithChild();
    const list = (await call(f.cookie, 'GET', '/api/family/attachable')).json();
    expect(list.children).toEqual([
      { id: f.kidId, firstName: 'Hugo', lastName: 'ROUX', birthDate: f.kidRow.birth_date },
    ]);
    const uncertified = await call(f.cookie, 'POST', '/api/family/children', {
      profileIds: [f.kidId],
      certified: false,
    });
    expect(uncertified.json().error.code).toBe('CERTIFICATION_REQUIRED');
    const added = await call(f.cookie, 'POST', '/api/family/children', { profileIds: [f.kidId], certified: true });
    expect(added.json()).toEqual({ added: 1 });
    const me = (await call(f.cookie, 'GET', '/api/me')).json();
    expect(me.profiles.map((p: { firstName: string; relation: string }) => [p.firstName, p.relation])).toEqual([
      ['Claire', 'self'],
      ['Hugo', 'child'],
    ]);
    expect((await call(f.cookie, 'GET', '/api/family/attachable')).json().children).toEqual([]);
    // Someone else's attached child cannot be taken.
    const other = await createPerson(t.db);
    const otherCookie = await sessionCookie(t.db, other.accountId);
    expect(
      (await call(otherCookie, 'POST', '/api/family/children', { profileIds: [f.kidId], certified: true })).statusCode,
    ).toBe(404);
  });

  it("adds a child who is not listed with the child's own provisional code", async () => {
    const f = await parentWithChild();
    const stepParent = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, stepParent.accountId);
    // The child's code was e-mailed to the holder; take the one about Hugo.
    const mails = await t.db
      .selectFrom('outbox_message')
      .select('body')
      .where('recipient', '=', f.parentRow.email)
      .execute();
    const kidCode = /au nom de Hugo : ([A-Z2-9-]{14})/.exec(mails.map((m) => m.body).join('\n'))?.[1];
    expect(kidCode).toBeTruthy();
    const wrong = await call(cookie, 'POST', '/api/family/children/by-code', {
      code: 'AAAA-BBBB-CCCC',
      nir: f.kidRow.nir,
      birthDate: f.kidRow.birth_date,
      certified: true,
    });
    expect(wrong.json().error.code).toBe('IDENTIFICATION_FAILED');
    const ok = await call(cookie, 'POST', '/api/family/children/by-code', {
      code: kidCode,
      nir: f.kidRow.nir,
      birthDate: f.kidRow.birth_date,
      certified: true,
    });
    expect(ok.json()).toEqual({ id: f.kidId, firstName: 'Hugo' });
  });

  it('shares the child with the second representative, who accepts; statuses visible to both; a representative can withdraw', async () => {
    const f = await parentWithChild();
    await call(f.cookie, 'POST', '/api/family/children', { profileIds: [f.kidId], certified: true });
    const second = await createPerson(t.db, { firstName: 'Marc', lastName: 'Roux', birthDate: '1979-11-02' });
    const secondCookie = await sessionCookie(t.db, second.accountId);
    const invite = await call(f.cookie, 'POST', `/api/profiles/${f.kidId}/representatives/invitations`, {
      lastName: 'roux',
      firstName: 'Marc',
      birthDate: '1979-11-02',
      certified: true,
    });
    expect(invite.statusCode).toBe(201);
    let reps = (await call(f.cookie, 'GET', `/api/profiles/${f.kidId}/representatives`)).json();
    expect(reps.invitations[0]).toMatchObject({ status: 'waiting', firstName: 'Marc', mine: true });
    // Someone with another identity does not see it and cannot answer it.
    const intruder = await createPerson(t.db, { firstName: 'Marc', lastName: 'Roux', birthDate: '1979-11-03' });
    const intruderCookie = await sessionCookie(t.db, intruder.accountId);
    expect((await call(intruderCookie, 'GET', '/api/family/invitations')).json().invitations).toEqual([]);
    expect(
      (await call(intruderCookie, 'POST', `/api/family/invitations/representative/${invite.json().id}/accept`))
        .statusCode,
    ).toBe(404);
    const mine = (await call(secondCookie, 'GET', '/api/family/invitations')).json();
    expect(mine.invitations).toEqual([
      { id: invite.json().id, kind: 'representative', from: 'Claire ROUX', about: 'Hugo ROUX', endsOn: null },
    ]);
    expect(
      (await call(secondCookie, 'POST', `/api/family/invitations/representative/${invite.json().id}/accept`))
        .statusCode,
    ).toBe(204);
    reps = (await call(secondCookie, 'GET', `/api/profiles/${f.kidId}/representatives`)).json();
    expect(reps.invitations[0].status).toBe('validated');
    expect(reps.representatives).toHaveLength(2);
    expect(
      (await call(secondCookie, 'POST', `/api/family/invitations/representative/${invite.json().id}/accept`)).json()
        .error.code,
    ).toBe('INVITATION_CLOSED');
    expect((await call(secondCookie, 'DELETE', `/api/profiles/${f.kidId}/representatives/me`)).statusCode).toBe(204);
    expect((await call(secondCookie, 'GET', `/api/profiles/${f.kidId}/representatives`)).statusCode).toBe(404);
  });

  it('caregivers: invite by identity with an end date, accept, limits 3 per person and 5 per caregiver, either side ends it', async () => {
    const helped = await createPerson(t.db, { firstName: 'Rose' });
    const helpedCookie = await sessionCookie(t.db, helped.accountId);
    const ends = `${year + 1}-06-30`;
    const helpers = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        createPerson(t.db, { firstName: `Aide${i}`, lastName: 'Dubois', birthDate: `197${i}-01-01` }),
      ),
    );
    for (const i of [1, 2, 3]) {
      const res = await call(helpedCookie, 'POST', `/api/profiles/${helped.profileId}/caregivers`, {
        lastName: 'Dubois',
        firstName: `Aide${i}`,
        birthDate: `197${i}-01-01`,
        endsOn: ends,
      });
      expect(res.statusCode).toBe(201);
    }
    const fourth = await call(helpedCookie, 'POST', `/api/profiles/${helped.profileId}/caregivers`, {
      lastName: 'Dubois',
      firstName: 'Aide4',
      birthDate: '1974-01-01',
      endsOn: ends,
    });
    expect(fourth.json().error.code).toBe('CAREGIVER_LIMIT');
    const past = await call(helpedCookie, 'POST', `/api/profiles/${helped.profileId}/caregivers`, {
      lastName: 'Dubois',
      firstName: 'Aide4',
      birthDate: '1974-01-01',
      endsOn: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    const h1Cookie = await sessionCookie(t.db, helpers[0]!.accountId);
    const inv = (await call(h1Cookie, 'GET', '/api/family/invitations')).json().invitations[0];
    expect(inv).toMatchObject({ kind: 'caregiver', from: expect.stringContaining('Rose'), endsOn: ends });
    expect((await call(h1Cookie, 'POST', `/api/family/invitations/caregiver/${inv.id}/accept`)).statusCode).toBe(204);
    const me = (await call(h1Cookie, 'GET', '/api/me')).json();
    expect(me.profiles.find((p: { relation: string }) => p.relation === 'caregiver')?.firstName).toBe('Rose');
    // A caregiver cannot manage the family or close the space.
    expect((await call(h1Cookie, 'GET', `/api/profiles/${helped.profileId}/caregivers`)).statusCode).toBe(403);
    const list = (await call(helpedCookie, 'GET', `/api/profiles/${helped.profileId}/caregivers`)).json().caregivers;
    expect(list.map((c: { status: string }) => c.status).sort()).toEqual(['accepted', 'pending', 'pending']);
    // The caregiver ends it; the helped person's list says so.
    expect((await call(h1Cookie, 'DELETE', `/api/caregiving/${inv.id}`)).statusCode).toBe(204);
    expect((await call(h1Cookie, 'GET', '/api/me')).json().profiles).toHaveLength(1);
    // 5 people per caregiver.
    const busy = helpers[3]!;
    const busyCookie = await sessionCookie(t.db, busy.accountId);
    for (let i = 0; i < 6; i++) {
      const someone = await createPerson(t.db);
      const c = await sessionCookie(t.db, someone.accountId);
      await call(c, 'POST', `/api/profiles/${someone.profileId}/caregivers`, {
        lastName: 'Dubois',
        firstName: 'Aide4',
        birthDate: '1974-01-01',
        endsOn: ends,
      });
    }
    const invitations = (await call(busyCookie, 'GET', '/api/family/invitations')).json().invitations;
    expect(invitations).toHaveLength(6);
    const answers = [];
    for (const i of invitations)
      answers.push((await call(busyCookie, 'POST', `/api/family/invitations/caregiver/${i.id}/accept`)).statusCode);
    expect(answers).toEqual([204, 204, 204, 204, 204, 409]);
  });

  it('at 18, the representatives lose access and the young adult gets a provisional code; the journal stays valid', async () => {
    const f = await parentWithChild();
    await call(f.cookie, 'POST', '/api/family/children', { profileIds: [f.kidId], certified: true });
    expect((await call(f.cookie, 'GET', `/api/profiles/${f.kidId}/representatives`)).statusCode).toBe(200);
    // Caregivers are the helped person's own choice (R5): a representative does not invite one for the child.
    const forKid = { lastName: 'Dubois', firstName: 'Aide', birthDate: '1974-01-01', endsOn: '2099-01-01' };
    expect((await call(f.cookie, 'POST', `/api/profiles/${f.kidId}/caregivers`, forKid)).statusCode).toBe(403);
    // Hugo turns 18 today.
    const today = new Date();
    const birth = `${today.getUTCFullYear() - 18}-${String(today.getUTCMonth() + 1).padStart(2, '0')}-${String(today.getUTCDate()).padStart(2, '0')}`;
    await t.db
      .updateTable('profile')
      .set({ birth_date: birth, email: 'hugo.roux@example.org' })
      .where('id', '=', f.kidId)
      .execute();
    // Checked at each request already…
    expect((await call(f.cookie, 'GET', `/api/profiles/${f.kidId}/representatives`)).statusCode).toBe(404);
    // …and by the daily job, which ends the representation and sends the code.
    expect(await applyMajority(t.platform)).toContain(f.kidId);
    const kid = await t.db.selectFrom('profile').select('status').where('id', '=', f.kidId).executeTakeFirstOrThrow();
    expect(kid.status).toBe('created');
    expect(await provisionalCodeOf(t.db, 'hugo.roux@example.org')).toMatch(/^[A-Z2-9]{4}-/);
    const rep = await t.db
      .selectFrom('representation')
      .select(['status', 'end_reason'])
      .where('profile_id', '=', f.kidId)
      .executeTakeFirstOrThrow();
    expect(rep).toEqual({ status: 'ended', end_reason: 'majority' });
    expect((await call(f.cookie, 'GET', '/api/me')).json().profiles).toHaveLength(1);
    expect((await verifyJournal(t.db)).problems).toEqual([]);
  });
});
