import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createVerifiedPerson, sessionCookie } from '../../../test/sessions.js';
import { csrf } from '../../../test/identity.js';
import { hashPassword } from '../../platform/passwords.js';
import { verifyJournal } from '../../platform/journal.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('closure: « Clôture du profil » (R10)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie, ...csrf }, payload });

  it('closes one’s own space after the password: sessions ended, login refused with a clear message, e-mail, journal', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const other = await sessionCookie(t.db, p.accountId);
    const status = await call(cookie, 'GET', `/api/profiles/${p.profileId}/closure`);
    expect(status.json()).toMatchObject({ relation: 'self', withinOppositionWindow: false, latestExport: null });

    const wrong = await call(cookie, 'POST', `/api/profiles/${p.profileId}/closure`, {
      downloadFirst: false,
      deleteData: false,
      password: 'pas-le-bon',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('REAUTH_FAILED');
    expect(
      (await t.db.selectFrom('profile').select('status').where('id', '=', p.profileId).executeTakeFirstOrThrow())
        .status,
    ).toBe('activated');

    const ok = await call(cookie, 'POST', `/api/profiles/${p.profileId}/closure`, {
      downloadFirst: false,
      deleteData: false,
      password: p.password,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ closed: true, deletion: false, signedOut: true });
    const profile = await t.db
      .selectFrom('profile')
      .select(['status', 'closed_at', 'archive_until', 'deletion_requested_at'])
      .where('id', '=', p.profileId)
      .executeTakeFirstOrThrow();
    expect(profile.status).toBe('closed');
    expect(profile.archive_until!.getUTCFullYear() - profile.closed_at!.getUTCFullYear()).toBe(10);
    expect(profile.deletion_requested_at).toBeNull();
    // Every session ended: both cookies are signed out now.
    for (const c of [cookie, other]) expect((await call(c, 'GET', '/api/me')).statusCode).toBe(401);
    const open = await t.db
      .selectFrom('session')
      .select('token_hash')
      .where('account_id', '=', p.accountId)
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toHaveLength(0);
    // Login: the right password gets the clear answer; a wrong one the usual one.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: csrf,
      payload: { username: p.username, password: p.password },
    });
    expect(login.json().error.code).toBe('PROFILE_CLOSED');
    expect(login.json().error.message).toContain('clôturé');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: csrf,
      payload: { username: p.username, password: 'faux-mot-de-passe' },
    });
    expect(bad.json().error.code).toBe('INVALID_CREDENTIALS');
    const mail = await t.db
      .selectFrom('outbox_message')
      .select(['subject', 'body'])
      .where('recipient', '=', p.email)
      .where('kind', '=', 'profile-closed')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Clôture du profil Mon espace santé');
    const actions = (
      await t.db.selectFrom('journal').select('action').where('chain_id', '=', p.profileId).execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['closure.reauth-failed', 'closure.close', 'identity.login-refused']),
    );
    expect((await verifyJournal(t.db, p.profileId)).problems).toEqual([]);
  });

  it('a representative closes a child’s space (the child’s own account is told); a caregiver cannot', async () => {
    const parent = await createVerifiedPerson(t.db);
    const kid = await createVerifiedPerson(t.db, undefined, { birthDate: `${new Date().getUTCFullYear() - 15}-02-01` });
    await t.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: kid.profileId, status: 'validated' })
      .execute();
    const helper = await createVerifiedPerson(t.db);
    await t.db
      .insertInto('caregiving')
      .values({
        profile_id: parent.profileId,
        caregiver_id: helper.profileId,
        last_name: 'X',
        first_name: 'Y',
        birth_date: '1970-01-01',
        ends_on: '2099-01-01',
        status: 'accepted',
      })
      .execute();
    const helperCookie = await sessionCookie(t.db, helper.accountId);
    // The caregiver: refused (403), and cannot download either.
    const refused = await call(helperCookie, 'POST', `/api/profiles/${parent.profileId}/closure`, {
      downloadFirst: false,
      deleteData: false,
      password: helper.password,
    });
    expect(refused.statusCode).toBe(403);
    expect((await call(helperCookie, 'POST', `/api/profiles/${parent.profileId}/export`, {})).statusCode).toBe(403);

    const parentCookie = await sessionCookie(t.db, parent.accountId);
    const kidCookie = await sessionCookie(t.db, kid.accountId);
    expect((await call(parentCookie, 'GET', `/api/profiles/${kid.profileId}/closure`)).json()).toMatchObject({
      relation: 'representative',
      childHasAccount: true,
    });
    const ok = await call(parentCookie, 'POST', `/api/profiles/${kid.profileId}/closure`, {
      downloadFirst: false,
      deleteData: false,
      password: parent.password,
    });
    expect(ok.json()).toEqual({ closed: true, deletion: false, signedOut: false });
    // The representative stays signed in; the child's own sessions end; the child is told by e-mail.
    expect((await call(parentCookie, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await call(kidCookie, 'GET', '/api/me')).statusCode).toBe(401);
    expect(
      await t.db
        .selectFrom('outbox_message')
        .select('id')
        .where('recipient', 'in', [kid.email, parent.email])
        .where('kind', '=', 'profile-closed')
        .execute(),
    ).toHaveLength(2);
    // The archive is readable by nobody: the representative no longer reaches the child's data.
    expect((await call(parentCookie, 'GET', `/api/profiles/${kid.profileId}/medical`)).statusCode).toBe(404);
  });

  it('a closed space is unreadable by its caregivers too (the policy refuses every relation)', async () => {
    const owner = await createVerifiedPerson(t.db);
    const helper = await createVerifiedPerson(t.db);
    await t.db
      .insertInto('caregiving')
      .values({
        profile_id: owner.profileId,
        caregiver_id: helper.profileId,
        last_name: 'X',
        first_name: 'Y',
        birth_date: '1970-01-01',
        ends_on: '2099-01-01',
        status: 'accepted',
      })
      .execute();
    const helperCookie = await sessionCookie(t.db, helper.accountId);
    expect((await call(helperCookie, 'GET', `/api/profiles/${owner.profileId}/medical`)).statusCode).toBe(200);
    await t.db.updateTable('profile').set({ status: 'closed' }).where('id', '=', owner.profileId).execute();
    expect((await call(helperCookie, 'GET', `/api/profiles/${owner.profileId}/medical`)).statusCode).toBe(404);
  });

  it('throttles wrong passwords on the closure page', async () => {
    const p = await createVerifiedPerson(t.db);
    await t.db
      .updateTable('account')
      .set({ password_hash: await hashPassword(p.password) })
      .where('id', '=', p.accountId)
      .execute();
    const cookie = await sessionCookie(t.db, p.accountId);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await call(cookie, 'POST', `/api/profiles/${p.profileId}/closure`, {
            downloadFirst: false,
            deleteData: false,
            password: `faux-${i}`,
          })
        ).json().error.code,
      );
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('REAUTH_FAILED'));
    expect(codes[5]).toBe('RATE_LIMITED');
  });
});
