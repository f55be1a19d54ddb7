import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { csrf, lastMessage, otpOf } from '../../../test/identity.js';
import { createVerifiedPerson, sessionCookie } from '../../../test/sessions.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('account settings and forgotten credentials', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  async function person() {
    const p = await createVerifiedPerson(t.db);
    return { ...p, cookie: await sessionCookie(t.db, p.accountId) };
  }
  const as = (cookie: string) => ({ ...csrf, cookie });

  it('lists my sessions and ends one of them server-side', async () => {
    const p = await person();
    const other = await sessionCookie(t.db, p.accountId);
    const list = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie: p.cookie } });
    expect(list.statusCode).toBe(200);
    const sessions = list.json().sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    const notMine = sessions.find((s) => !s.current)!;
    const end = await t.app.inject({ method: 'DELETE', url: `/api/me/sessions/${notMine.id}`, headers: as(p.cookie) });
    expect(end.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: p.cookie } })).statusCode).toBe(200);
    // Someone else's session id is not mine to end.
    const q = await person();
    const theirs = (
      await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie: q.cookie } })
    ).json().sessions[0].id;
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/me/sessions/${theirs}`, headers: as(p.cookie) })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: q.cookie } })).statusCode).toBe(200);
  });

  it('changes the password with the current one, and ends the other sessions', async () => {
    const p = await person();
    const other = await sessionCookie(t.db, p.accountId);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: as(p.cookie),
      payload: { currentPassword: 'nope', newPassword: 'Tortue-verte-du-matin-42' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: as(p.cookie),
      payload: { currentPassword: p.password, newPassword: 'Tortue-verte-du-matin-42' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: p.cookie } })).statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: csrf,
      payload: { username: p.username, password: 'Tortue-verte-du-matin-42' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('changing the e-mail needs the password again, then the code sent to the new address; the old one is told', async () => {
    const p = await person();
    const send = (body: object) =>
      t.app.inject({ method: 'POST', url: '/api/me/contact/send', headers: as(p.cookie), payload: body });
    // Issue 14.7: a session alone (a computer left signed in) does not change where codes go.
    const without = await send({ channel: 'email', destination: 'pirate@example.org' });
    expect([without.statusCode, without.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(without.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.password');
    const wrong = await send({ channel: 'email', destination: 'pirate@example.org', password: 'pas-le-bon' });
    expect([wrong.statusCode, wrong.json().error.code, wrong.json().error.fields[0].path]).toEqual([
      401,
      'INVALID_CREDENTIALS',
      'body.password',
    ]);
    expect(
      await t.db.selectFrom('outbox_message').select('id').where('recipient', '=', 'pirate@example.org').execute(),
    ).toHaveLength(0);

    const ok1 = await send({ channel: 'email', destination: 'Nouvelle.Adresse@example.org', password: p.password });
    expect(ok1.json()).toEqual({ destination: 'nouvelle.adresse@example.org' });
    let contact = (await t.app.inject({ method: 'GET', url: '/api/me/contact', headers: { cookie: p.cookie } })).json();
    expect(contact.email).toBe(p.email); // unchanged until confirmed
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/me/contact/verify',
      headers: as(p.cookie),
      payload: { channel: 'email', code: '12345x' },
    });
    expect(bad.json().error.code).toBe('CODE_INVALID');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/me/contact/verify',
      headers: as(p.cookie),
      payload: { channel: 'email', code: await otpOf(t.db, 'nouvelle.adresse@example.org') },
    });
    expect(ok.statusCode).toBe(204);
    contact = (await t.app.inject({ method: 'GET', url: '/api/me/contact', headers: { cookie: p.cookie } })).json();
    expect(contact.email).toBe('nouvelle.adresse@example.org');
    const notice = await lastMessage(t.db, p.email);
    expect(notice).toMatch(/adresse e-mail de votre compte Mon espace santé vient d'être remplacée/);
    expect(notice).not.toMatch(/nouvelle\.adresse|\d{6}/);
  });

  it('forgotten password: code by e-mail, new password, every session ended', async () => {
    const p = await person();
    const start = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: csrf,
      payload: { username: p.username },
    });
    const { resetId } = start.json();
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/finish',
      headers: csrf,
      payload: { resetId, code: await otpOf(t.db, p.email), password: 'azertyuiop12' },
    });
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/finish',
      headers: csrf,
      payload: { resetId, code: await otpOf(t.db, p.email), password: 'Pivoine-rouge-au-jardin-8' },
    });
    expect(done.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: p.cookie } })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: csrf,
          payload: { username: p.username, password: 'Pivoine-rouge-au-jardin-8' },
        })
      ).statusCode,
    ).toBe(200);
    // An unknown username gets a reset id too, and then only "wrong code".
    const ghost = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: csrf,
      payload: { username: 'ghost-x' },
    });
    expect(ghost.statusCode).toBe(200);
    const ghostFinish = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/finish',
      headers: csrf,
      payload: { resetId: ghost.json().resetId, code: '123456', password: 'Pivoine-rouge-au-jardin-8' },
    });
    expect(ghostFinish.json().error.code).toBe('CODE_INVALID');
  });

  it('forgotten username: sent to the confirmed e-mail, same answer otherwise', async () => {
    const p = await person();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/username-reminder',
      headers: csrf,
      payload: { channel: 'email', destination: p.email },
    });
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/auth/username-reminder',
      headers: csrf,
      payload: { channel: 'email', destination: 'nobody@example.org' },
    });
    expect(res.statusCode).toBe(202);
    expect(none.json()).toEqual(res.json());
    expect(await lastMessage(t.db, p.email)).toContain(p.username);
  });

  it('logging out ends the session server-side and is journaled', async () => {
    const p = await person();
    expect((await t.app.inject({ method: 'POST', url: '/api/logout', headers: as(p.cookie) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: p.cookie } })).statusCode).toBe(401);
    const lines = await t.db
      .selectFrom('journal')
      .select('action')
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'identity.logout')
      .execute();
    expect(lines).toHaveLength(1);
  });

  it('every route of this page needs a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/me/sessions'],
      ['GET', '/api/me/contact'],
      ['POST', '/api/me/password'],
      ['DELETE', '/api/me/sessions/x'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: csrf,
        payload: method === 'POST' ? { currentPassword: 'a', newPassword: 'b' } : undefined,
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
