import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { csrf, otpOf } from '../../../test/identity.js';
import { createVerifiedPerson } from '../../../test/sessions.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('login with a one-time code (R3)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  /** An activated person with a confirmed e-mail and phone. */
  const person = () => createVerifiedPerson(t.db, '+33699887766');
  const post = (url: string, payload: object, ip = '10.1.0.1') =>
    t.app.inject({ method: 'POST', url, headers: csrf, payload, remoteAddress: ip });

  async function attempt(p: { username: string; password: string }, ip?: string) {
    const res = await post('/api/auth/login', { username: p.username, password: p.password }, ip);
    expect(res.statusCode).toBe(200);
    return res.json() as { attemptId: string; channels: { channel: string; masked: string }[] };
  }

  it('password → masked channels → 6-digit code → session; the code is single use', async () => {
    const p = await person();
    const a = await attempt(p);
    expect(a.channels).toEqual([
      { channel: 'email', masked: expect.stringMatching(/^p•••.@example\.org$/) },
      { channel: 'sms', masked: '06 •• •• •• 66' },
    ]);
    expect((await post('/api/auth/login/code', { attemptId: a.attemptId, channel: 'email' })).statusCode).toBe(200);
    const code = await otpOf(t.db, p.email);
    const ok = await post('/api/auth/login/verify', { attemptId: a.attemptId, code });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'carnet_session')!;
    expect(cookie.value.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', cookies: { carnet_session: cookie.value } })).statusCode,
    ).toBe(200);
    const reuse = await post('/api/auth/login/verify', { attemptId: a.attemptId, code });
    expect(reuse.statusCode).toBe(410); // the attempt is over
    const actions = (
      await t.db.selectFrom('journal').select('action').where('chain_id', '=', p.profileId).execute()
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['identity.code-sent', 'identity.login']));
  });

  it('a new login gets a new session token', async () => {
    const p = await person();
    const tokens = [];
    for (let i = 0; i < 2; i++) {
      const a = await attempt(p);
      await post('/api/auth/login/code', { attemptId: a.attemptId, channel: 'sms' });
      const ok = await post('/api/auth/login/verify', {
        attemptId: a.attemptId,
        code: await otpOf(t.db, '+33699887766'),
      });
      tokens.push(ok.cookies.find((c) => c.name === 'carnet_session')!.value);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('locks the code after 5 wrong tries, even if the right code comes next', async () => {
    const p = await person();
    const a = await attempt(p);
    await post('/api/auth/login/code', { attemptId: a.attemptId, channel: 'email' });
    const right = await otpOf(t.db, p.email);
    const wrong = right === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push((await post('/api/auth/login/verify', { attemptId: a.attemptId, code: wrong })).json().error.code);
    expect(answers).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_LOCKED']);
    const after = await post('/api/auth/login/verify', { attemptId: a.attemptId, code: right });
    expect(after.statusCode).not.toBe(200);
    expect(
      (
        await t.db
          .selectFrom('journal')
          .select('action')
          .where('chain_id', '=', p.profileId)
          .where('action', '=', 'identity.lockout')
          .execute()
      ).length,
    ).toBe(1);
  });

  it('refuses an expired code', async () => {
    const p = await person();
    const a = await attempt(p);
    await post('/api/auth/login/code', { attemptId: a.attemptId, channel: 'email' });
    await t.db
      .updateTable('one_time_code')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('destination', '=', p.email)
      .execute();
    const res = await post('/api/auth/login/verify', { attemptId: a.attemptId, code: await otpOf(t.db, p.email) });
    expect(res.json().error.code).toBe('CODE_EXPIRED');
  });

  it('refuses a code sent for another login attempt', async () => {
    const p = await person();
    const a1 = await attempt(p);
    const a2 = await attempt(p);
    await post('/api/auth/login/code', { attemptId: a1.attemptId, channel: 'email' });
    const codeOfA1 = await otpOf(t.db, p.email);
    await post('/api/auth/login/code', { attemptId: a2.attemptId, channel: 'sms' });
    const res = await post('/api/auth/login/verify', { attemptId: a2.attemptId, code: codeOfA1 });
    expect(res.statusCode).toBe(400);
  });

  it('a second code request revokes the first code', async () => {
    const p = await person();
    const a = await attempt(p);
    await post('/api/auth/login/code', { attemptId: a.attemptId, channel: 'email' });
    const first = await otpOf(t.db, p.email);
    await post('/api/auth/login/code', { attemptId: a.attemptId, channel: 'email' });
    const second = await otpOf(t.db, p.email);
    if (first !== second)
      expect((await post('/api/auth/login/verify', { attemptId: a.attemptId, code: first })).statusCode).toBe(400);
    expect((await post('/api/auth/login/verify', { attemptId: a.attemptId, code: second })).statusCode).toBe(200);
  });

  it('gives the same answer for an unknown username and a wrong password, in about the same time', async () => {
    const p = await person();
    const unknown = await post(
      '/api/auth/login',
      { username: 'nobody-here', password: 'whatever-password' },
      '10.1.1.1',
    );
    const wrong = await post('/api/auth/login', { username: p.username, password: 'whatever-password' }, '10.1.1.2');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().error.message).toBe('Identifiant ou mot de passe incorrect.');
    // Both paths must run one full argon2id verification. Measured in CPU time of this process (argon2id
    // runs on libuv's threads, counted too), which a loaded machine barely changes, unlike wall time: an
    // unknown name that skipped the hash would cost a small fraction of a known one.
    const cpu = async (fn: () => Promise<unknown>, n: number) => {
      const before = process.cpuUsage();
      for (let i = 0; i < n; i++) await fn();
      const d = process.cpuUsage(before);
      return (d.user + d.system) / 1000 / n;
    };
    const stored = await hashPassword('something-else-entirely');
    const raw = await cpu(() => verifyPassword(stored, 'whatever-password'), 6);
    let n = 0;
    const unknownMs = await cpu(async () => {
      await post('/api/auth/login', { username: `ghost-${n}`, password: 'whatever-password' }, `10.1.2.${n++ % 200}`);
      await t.db.deleteFrom('auth_throttle').execute();
    }, 12);
    const knownMs = await cpu(async () => {
      await post('/api/auth/login', { username: p.username, password: 'whatever-password' }, `10.1.3.${n++ % 200}`);
      await t.db.deleteFrom('auth_throttle').execute();
    }, 12);
    const detail = `CPU ms per login: unknown ${unknownMs.toFixed(1)}, wrong password ${knownMs.toFixed(1)}; argon2id alone ${raw.toFixed(1)}`;
    expect(unknownMs, detail).toBeGreaterThan(raw * 0.6);
    expect(unknownMs / knownMs, detail).toBeGreaterThan(0.6);
    expect(unknownMs / knownMs, detail).toBeLessThan(1.66);
  });

  it('throttles wrong passwords per account, for known and unknown usernames alike', async () => {
    const p = await person();
    for (let i = 0; i < 5; i++)
      await post('/api/auth/login', { username: p.username, password: 'wrong-password-here' }, `10.1.4.${i}`);
    const locked = await post('/api/auth/login', { username: p.username, password: p.password }, '10.1.4.99');
    expect(locked.statusCode).toBe(429);
    for (let i = 0; i < 5; i++)
      await post('/api/auth/login', { username: 'ghost-user', password: 'wrong-password-here' }, `10.1.5.${i}`);
    expect((await post('/api/auth/login', { username: 'ghost-user', password: 'x' }, '10.1.5.99')).statusCode).toBe(
      429,
    );
  });

  it('throttles wrong passwords per address', async () => {
    for (let i = 0; i < 30; i++) await post('/api/auth/login', { username: `someone-${i}`, password: 'x' }, '10.1.6.1');
    const p = await person();
    expect((await post('/api/auth/login', { username: p.username, password: p.password }, '10.1.6.1')).statusCode).toBe(
      429,
    );
    expect((await post('/api/auth/login', { username: p.username, password: p.password }, '10.1.6.2')).statusCode).toBe(
      200,
    );
  });

  it('an opposed or not yet activated person cannot log in', async () => {
    const p = await person();
    await t.db.updateTable('profile').set({ status: 'opposed' }).where('id', '=', p.profileId).execute();
    const res = await post('/api/auth/login', { username: p.username, password: p.password }, '10.1.7.1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });
});
