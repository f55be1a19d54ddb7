import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness.js';
import { createPerson, proSessionCookie, sessionCookie } from '../../test/sessions.js';
import { PRO_SESSION_COOKIE } from './professional-session.js';

/**
 * A professional's session ends after its own idle time, shorter than patients': the settings as shipped
 * (PRO_SESSION_IDLE_MINUTES 15, SESSION_IDLE_MINUTES 30), the last activity moved back in the database
 * rather than waiting (as the patients' idle test does).
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t.close());

const minutes = (n: number) => new Date(Date.now() + n * 60_000);
const hashOf = (cookie: string) =>
  createHash('sha256')
    .update(cookie.slice(PRO_SESSION_COOKIE.length + 1))
    .digest();
const proMe = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/pro/me', headers: { cookie } });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

let n = 0;
async function professionalSession(lastSeenAt: Date) {
  n++;
  const pro = await t.db
    .insertInto('professional')
    .values({ rpps: `4${String(n).padStart(10, '0')}`, profession_code: '10', first_name: 'Anne', last_name: 'Veille' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cookie = await proSessionCookie(t.db, pro.id);
  await t.db
    .updateTable('professional_session')
    .set({ last_seen_at: lastSeenAt })
    .where('token_hash', '=', hashOf(cookie))
    .execute();
  return cookie;
}

const proRow = (cookie: string) =>
  t.db
    .selectFrom('professional_session')
    .selectAll()
    .where('token_hash', '=', hashOf(cookie))
    .executeTakeFirstOrThrow();

describe('professional sessions: a shorter idle time than patients’', () => {
  it('ships a professional idle time shorter than the patients’ one', () => {
    expect(t.platform.config.PRO_SESSION_IDLE_MINUTES).toBe(15);
    expect(t.platform.config.PRO_SESSION_IDLE_MINUTES).toBeLessThan(t.platform.config.SESSION_IDLE_MINUTES);
  });

  it('keeps a professional session used within its idle time, and records the activity', async () => {
    const cookie = await professionalSession(minutes(-(t.platform.config.PRO_SESSION_IDLE_MINUTES - 1)));
    expect((await proMe(cookie)).statusCode).toBe(200);
    const row = await proRow(cookie);
    expect(row.ended_at).toBeNull();
    expect(row.last_seen_at.getTime()).toBeGreaterThan(minutes(-1).getTime());
  });

  it('ends a professional session idle past its idle time — where a patient’s session idle as long lives on', async () => {
    const idle = minutes(-(t.platform.config.PRO_SESSION_IDLE_MINUTES + 1));
    const cookie = await professionalSession(idle);
    expect((await proMe(cookie)).statusCode).toBe(401);
    expect((await proRow(cookie)).ended_at).toBeInstanceOf(Date);
    // Ended for good: a fresh activity time does not bring it back.
    await t.db
      .updateTable('professional_session')
      .set({ last_seen_at: new Date() })
      .where('token_hash', '=', hashOf(cookie))
      .execute();
    expect((await proMe(cookie)).statusCode).toBe(401);

    // The same 16 minutes without a request leave a patient signed in (30 minutes for them).
    const person = await createPerson(t.db);
    const patient = await sessionCookie(t.db, person.accountId);
    const token = patient.slice(patient.indexOf('=') + 1);
    await t.db
      .updateTable('session')
      .set({ last_seen_at: idle })
      .where('token_hash', '=', createHash('sha256').update(token).digest())
      .execute();
    expect((await me(patient)).statusCode).toBe(200);
  });

  it('follows PRO_SESSION_IDLE_MINUTES as configured', async () => {
    const short = await testApp({ PRO_SESSION_IDLE_MINUTES: '2' });
    try {
      const pro = await short.db
        .insertInto('professional')
        .values({ rpps: '49999999999', profession_code: '21', first_name: 'Paul', last_name: 'Court' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const cookie = await proSessionCookie(short.db, pro.id);
      await short.db
        .updateTable('professional_session')
        .set({ last_seen_at: minutes(-3) })
        .where('token_hash', '=', hashOf(cookie))
        .execute();
      const res = await short.app.inject({ method: 'GET', url: '/api/pro/me', headers: { cookie } });
      expect(res.statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });
});
