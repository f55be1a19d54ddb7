import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { csrf, otpOf } from '../../../test/identity.js';
import { createVerifiedPerson, sessionCookie } from '../../../test/sessions.js';

type T = Awaited<ReturnType<typeof testApp>>;

/** Attacks on the identity routes: code guessing, enumeration, bad input. */
describe('identity: security', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  let ip = 0;
  /** Each call from its own address, so the per-address limits never hide what is tested. */
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...csrf, ...headers },
      payload,
      remoteAddress: `10.77.${(++ip >> 8) & 255}.${ip & 255}`,
    });
  const wrongOf = (right: string) => (right === '000000' ? '111111' : '000000');

  async function loginAttempt(p: { username: string; password: string }) {
    const res = await post('/api/auth/login', { username: p.username, password: p.password });
    expect(res.statusCode).toBe(200);
    return res.json().attemptId as string;
  }

  it('asking for the login code again does not give 5 new tries', async () => {
    const p = await createVerifiedPerson(t.db);
    const attemptId = await loginAttempt(p);
    await post('/api/auth/login/code', { attemptId, channel: 'email' });
    const wrong = wrongOf(await otpOf(t.db, p.email));
    for (let i = 0; i < 4; i++)
      expect((await post('/api/auth/login/verify', { attemptId, code: wrong })).json().error.code).toBe('CODE_INVALID');
    await post('/api/auth/login/code', { attemptId, channel: 'email' });
    const right = await otpOf(t.db, p.email);
    expect((await post('/api/auth/login/verify', { attemptId, code: wrongOf(right) })).json().error.code).toBe(
      'CODE_LOCKED',
    );
    expect((await post('/api/auth/login/verify', { attemptId, code: right })).statusCode).not.toBe(200);
  });

  it('asking for the contact-change code again does not give 5 new tries', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const to = `new.${p.username}@example.org`;
    await post('/api/me/contact/send', { channel: 'email', destination: to, password: p.password }, { cookie });
    const wrong = wrongOf(await otpOf(t.db, to));
    for (let i = 0; i < 4; i++)
      expect(
        (await post('/api/me/contact/verify', { channel: 'email', code: wrong }, { cookie })).json().error.code,
      ).toBe('CODE_INVALID');
    const again = await post(
      '/api/me/contact/send',
      { channel: 'email', destination: to, password: p.password },
      { cookie },
    );
    if (again.statusCode === 200) {
      const right = await otpOf(t.db, to);
      expect(
        (await post('/api/me/contact/verify', { channel: 'email', code: wrongOf(right) }, { cookie })).json().error
          .code,
      ).toBe('CODE_LOCKED');
      expect((await post('/api/me/contact/verify', { channel: 'email', code: right }, { cookie })).statusCode).not.toBe(
        204,
      );
    }
    const contact = (await t.app.inject({ method: 'GET', url: '/api/me/contact', headers: { cookie } })).json();
    expect(contact.email).toBe(p.email);
  });

  it('wrong login codes are limited per account, across login attempts', async () => {
    // Someone who knows the password opens attempt after attempt, 4 wrong codes each.
    const p = await createVerifiedPerson(t.db);
    let refused = false;
    for (let n = 0; n < 4 && !refused; n++) {
      const res = await post('/api/auth/login', { username: p.username, password: p.password });
      if (res.statusCode === 429) {
        refused = true;
        break;
      }
      const attemptId = res.json().attemptId as string;
      await post('/api/auth/login/code', { attemptId, channel: 'email' });
      const wrong = wrongOf(await otpOf(t.db, p.email));
      for (let i = 0; i < 4; i++) await post('/api/auth/login/verify', { attemptId, code: wrong });
    }
    expect(refused).toBe(true);
    const failures = await t.db
      .selectFrom('journal')
      .select('action')
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'identity.login-failed')
      .execute();
    expect(failures.length).toBeLessThanOrEqual(12);
  });

  it('a login attempt opened before the account lock cannot go on guessing', async () => {
    const p = await createVerifiedPerson(t.db);
    const spare = await loginAttempt(p);
    await post('/api/auth/login/code', { attemptId: spare, channel: 'email' });
    for (let n = 0; n < 3; n++) {
      const res = await post('/api/auth/login', { username: p.username, password: p.password });
      if (res.statusCode !== 200) break;
      const attemptId = res.json().attemptId as string;
      await post('/api/auth/login/code', { attemptId, channel: 'email' });
      const wrong = wrongOf(await otpOf(t.db, p.email));
      for (let i = 0; i < 4; i++) await post('/api/auth/login/verify', { attemptId, code: wrong });
    }
    await post('/api/auth/login/code', { attemptId: spare, channel: 'email' });
    const right = await otpOf(t.db, p.email);
    const res = await post('/api/auth/login/verify', { attemptId: spare, code: right });
    expect(res.statusCode).toBe(429);
  });

  it('password resets are limited per username, known or not, so their codes cannot be guessed reset after reset', async () => {
    const p = await createVerifiedPerson(t.db);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push((await post('/api/auth/password-reset', { username: p.username })).statusCode);
      unknown.push((await post('/api/auth/password-reset', { username: `ghost-${p.username}` })).statusCode);
    }
    expect(known).toEqual(unknown);
    expect(known.at(-1)).toBe(429);
    const sent = await t.db.selectFrom('outbox_message').select('id').where('recipient', '=', p.email).execute();
    expect(sent.length).toBeLessThanOrEqual(5);
  });

  it('finishing a password reset answers the same for an unknown username as for a known one', async () => {
    const p = await createVerifiedPerson(t.db);
    const start = async (username: string) =>
      (await post('/api/auth/password-reset', { username })).json().resetId as string;
    const k = await start(p.username);
    const u = await start(`nobody-${p.username}`);
    const finish = (resetId: string, code: string, password: string) =>
      post('/api/auth/password-reset/finish', { resetId, code, password });
    // A common password: judged before the code, for both.
    expect((await finish(u, '000000', 'motdepasse123')).json()).toEqual(
      (await finish(k, '000000', 'motdepasse123')).json(),
    );
    // Wrong codes, up to the lock.
    const wrong = wrongOf(await otpOf(t.db, p.email));
    const known: string[] = [];
    const ghost: string[] = [];
    for (let i = 0; i < 6; i++) {
      known.push((await finish(k, wrong, 'Girafe-bleue-sous-la-pluie-7')).json().error.code);
      ghost.push((await finish(u, wrong, 'Girafe-bleue-sous-la-pluie-7')).json().error.code);
    }
    expect(ghost).toEqual(known);
    expect(known.slice(0, 5)).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_LOCKED']);
  });

  it('a NUL byte in any text field is a 400, never a 500', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const nul = 'a\u0000b';
    const cases: [string, object][] = [
      ['/api/auth/login', { username: nul, password: 'x' }],
      ['/api/auth/password-reset', { username: nul }],
      [
        '/api/activation/identify',
        { code: 'ABCD-EFGH-JKMN', nir: nul, birthDate: '1984-05-12', vitaleSerial: '98765432109' },
      ],
      ['/api/activation/new-code', { nir: nul, birthDate: '1984-05-12', channel: 'email' }],
      ['/api/family/children/by-code', { code: 'ABCD-EFGH-JKMN', nir: nul, birthDate: '2015-05-12', certified: true }],
      [
        `/api/profiles/${p.profileId}/caregivers`,
        { lastName: nul, firstName: 'Jean', birthDate: '1970-01-01', endsOn: '2099-01-01' },
      ],
    ];
    for (const [url, body] of cases) {
      const res = await post(url, body, { cookie });
      expect(res.statusCode, url).toBe(400);
      // Refused by the one text rule (shared/src/input.ts) on the field, before PostgreSQL sees it.
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields[0].message, url).toMatch(/caractère invalide/);
    }
  });
});
