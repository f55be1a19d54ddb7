import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness.js';
import { csrf, otpOf } from '../../test/identity.js';
import { createVerifiedPerson, sessionCookie } from '../../test/sessions.js';
import { loggerOptions } from './logger.js';
import { SESSION_COOKIE } from './session.js';

type T = Awaited<ReturnType<typeof testApp>>;

// Findings of the outside probe (issue 14.7) on headers, cookies, logs and the username lookup.
describe('HTTP hardening (issue 14.7)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp({ RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => t.close());

  it('every /api/ answer, error or not, is Cache-Control: no-store; a route that chose its own keeps it', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }),
      await t.app.inject({
        method: 'GET',
        url: `/api/profiles/${p.profileId}/medical/conditions`,
        headers: { cookie },
      }),
      await t.app.inject({ method: 'GET', url: '/api/me' }),
      await t.app.inject({ method: 'POST', url: '/api/me/password', headers: { cookie }, payload: {} }),
      await t.app.inject({ method: 'GET', url: '/api/nothing-here' }),
    ];
    for (const a of answers)
      expect(a.headers['cache-control'], `${a.statusCode} ${a.body.slice(0, 80)}`).toBe('no-store');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${p.profileId}/medical/synthesis.pdf?sections=conditions`,
      headers: { cookie },
    });
    expect([pdf.statusCode, pdf.headers['cache-control']]).toEqual([200, 'private, no-store']);
  });

  it('logout clears the cookie with the attributes it was set with', async () => {
    const p = await createVerifiedPerson(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie: await sessionCookie(t.db, p.accountId), ...csrf },
    });
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cleared).toMatchObject({ value: '', path: '/', httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(new Date(cleared.expires!).getTime()).toBeLessThan(Date.now());
  });

  it('username-available counts every lookup per address in the database, like sign-in, and then refuses', async () => {
    const ask = (i: number) =>
      t.app.inject({
        method: 'GET',
        url: `/api/activation/username-available?username=someone.${i}`,
        remoteAddress: '203.0.113.7',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await ask(i)).statusCode);
    expect(statuses.slice(0, 59).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const row = await t.db
      .selectFrom('auth_throttle')
      .select(['failures', 'locked_until'])
      .where('key', '=', 'username-check-ip:203.0.113.7')
      .executeTakeFirstOrThrow();
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
    // Another address is not affected.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/activation/username-available?username=x.y',
          remoteAddress: '203.0.113.8',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('the request log masks a NIR typed into a path segment, and leaves UUIDs whole', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = Fastify({ logger: { ...(loggerOptions('info') as object), stream } });
    app.get('/api/echo/*', async () => ({ ok: true }));
    const uuid = '123e4567-e89b-12d3-a456-426614174000';
    const urls = [
      '/api/echo/185057800608436',
      '/api/echo/1850578006084',
      '/api/echo/2%2085%2005%202A%20006%20084%2036',
      `/api/echo/1.85.05.78.006.084?nir=185057800608436`,
      `/api/echo/${uuid}`,
    ];
    for (const url of urls) await app.inject({ method: 'GET', url });
    await app.close();
    const logged = lines.join('\n');
    expect(logged).toContain(`/api/echo/${uuid}`);
    expect(logged.match(/\/api\/echo\/\[masqué\]/g)).toHaveLength(4);
    for (const nir of ['185057800608436', '1850578006084', '2A%20006', '006.084']) expect(logged).not.toContain(nir);
  });
});

describe('session cookie over HTTPS (issue 14.7)', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp({ PUBLIC_URL: 'https://carnet.example.org' });
  });
  afterAll(async () => t.close());

  it('is named __Host-carnet_session, Secure, Path=/ and without Domain; the plain name is not read', async () => {
    const p = await createVerifiedPerson(t.db);
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: csrf, payload });
    const { attemptId } = (await post('/api/auth/login', { username: p.username, password: p.password })).json();
    await post('/api/auth/login/code', { attemptId, channel: 'email' });
    const ok = await post('/api/auth/login/verify', { attemptId, code: await otpOf(t.db, p.email) });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === `__Host-${SESSION_COOKIE}`)!;
    expect(cookie).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
    expect(cookie.domain).toBeUndefined();
    const me = (name: string) => t.app.inject({ method: 'GET', url: '/api/me', cookies: { [name]: cookie.value } });
    expect((await me(`__Host-${SESSION_COOKIE}`)).statusCode).toBe(200);
    expect((await me(SESSION_COOKIE)).statusCode).toBe(401);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: csrf,
      cookies: { [`__Host-${SESSION_COOKIE}`]: cookie.value },
    });
    expect(out.cookies.find((c) => c.name === `__Host-${SESSION_COOKIE}`)).toMatchObject({
      value: '',
      path: '/',
      secure: true,
    });
    expect((await me(`__Host-${SESSION_COOKIE}`)).statusCode).toBe(401);
  });
});
