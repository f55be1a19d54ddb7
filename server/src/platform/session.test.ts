import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness.js';
import { createPerson, sessionCookie } from '../../test/sessions.js';
import { SESSION_COOKIE } from './session.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' });
});
afterAll(async () => t.close());

const csrf = { 'x-carnet-csrf': '1' };
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** A session row with chosen times; returns its Cookie header and token hash. */
async function session(
  accountId: string,
  times: { createdAt?: Date; lastSeenAt?: Date; expiresAt?: Date; endedAt?: Date | null },
) {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest();
  await t.db
    .insertInto('session')
    .values({
      token_hash: hash,
      account_id: accountId,
      created_at: times.createdAt ?? minutes(-5),
      last_seen_at: times.lastSeenAt ?? minutes(-1),
      expires_at: times.expiresAt ?? minutes(60),
      ended_at: times.endedAt ?? null,
    })
    .execute();
  return { cookie: `${SESSION_COOKIE}=${token}`, hash };
}

async function row(hash: Buffer) {
  return t.db.selectFrom('session').selectAll().where('token_hash', '=', hash).executeTakeFirstOrThrow();
}

const me = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: cookie ? { cookie } : {} });

describe('sessions', () => {
  it('GET /api/me with a valid session cookie answers the signed-in person and their profile', async () => {
    const person = await createPerson(t.db, { firstName: 'Léa', lastName: 'Moreau' });
    const res = await me(await sessionCookie(t.db, person.accountId));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: person.username,
      profile: { id: person.profileId, firstName: 'Léa', lastName: 'MOREAU', relation: 'self' },
    });
  });

  it('answers 401 UNAUTHENTICATED without a cookie, or with an unknown or oversized token', async () => {
    for (const cookie of [
      undefined,
      `${SESSION_COOKIE}=${randomBytes(32).toString('base64url')}`,
      `${SESSION_COOKIE}=${'a'.repeat(5000)}`,
    ]) {
      const res = await me(cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('ends a session past its absolute expiry, even when active', async () => {
    const person = await createPerson(t.db);
    const s = await session(person.accountId, {
      createdAt: minutes(-13 * 60),
      lastSeenAt: minutes(-1),
      expiresAt: minutes(-1),
    });
    expect((await me(s.cookie)).statusCode).toBe(401);
    expect((await row(s.hash)).ended_at).toBeInstanceOf(Date);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const person = await createPerson(t.db);
    const s = await session(person.accountId, { lastSeenAt: minutes(-31) });
    expect((await me(s.cookie)).statusCode).toBe(401);
    expect((await row(s.hash)).ended_at).toBeInstanceOf(Date);
    // Ended for good: even a fresh activity time does not bring it back.
    await t.db.updateTable('session').set({ last_seen_at: new Date() }).where('token_hash', '=', s.hash).execute();
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('keeps an active session alive: a request records the activity', async () => {
    const person = await createPerson(t.db);
    const s = await session(person.accountId, { lastSeenAt: minutes(-20) });
    expect((await me(s.cookie)).statusCode).toBe(200);
    expect((await row(s.hash)).last_seen_at.getTime()).toBeGreaterThan(minutes(-1).getTime());
    expect((await row(s.hash)).ended_at).toBeNull();
  });

  it('refuses an ended session', async () => {
    const person = await createPerson(t.db);
    const s = await session(person.accountId, { endedAt: minutes(-2) });
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('refuses the session of a profile that is no longer activated (closed)', async () => {
    const person = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, person.accountId);
    expect((await me(cookie)).statusCode).toBe(200);
    await t.db.updateTable('profile').set({ status: 'closed' }).where('id', '=', person.profileId).execute();
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('logout ends the session server-side: the same cookie no longer works', async () => {
    const person = await createPerson(t.db);
    const s = await session(person.accountId, {});
    expect((await me(s.cookie)).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie: s.cookie, ...csrf } });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(
      new RegExp(`^${SESSION_COOKIE}=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)`),
    );
    expect((await row(s.hash)).ended_at).toBeInstanceOf(Date);
    expect((await me(s.cookie)).statusCode).toBe(401);
  });
});

describe('CSRF guard', () => {
  it('refuses a state-changing request without the x-carnet-csrf header, and the session survives it', async () => {
    const person = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, person.accountId);
    const res = await t.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    expect((await me(cookie)).statusCode).toBe(200);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie, 'x-carnet-csrf': 'yes' },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('refuses a foreign Origin, even with the header', async () => {
    const person = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, person.accountId);
    for (const origin of ['https://evil.example', 'null', 'http://localhost:3000.evil.example']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie, ...csrf, origin } });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('CSRF_REJECTED');
    }
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('accepts the header with no Origin, with the public origin, or with the origin of the host served', async () => {
    for (const origin of [undefined, t.platform.config.PUBLIC_URL, 'http://carnet.internal:8080']) {
      const person = await createPerson(t.db);
      const cookie = await sessionCookie(t.db, person.accountId);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/logout',
        headers: { cookie, ...csrf, host: 'carnet.internal:8080', ...(origin ? { origin } : {}) },
      });
      expect(res.statusCode, String(origin)).toBe(204);
    }
  });

  it('does not apply to reads', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
  });
});
