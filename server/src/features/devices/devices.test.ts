import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { csrf } from '../../../test/identity.js';
import { createVerifiedPerson, sessionCookie } from '../../../test/sessions.js';
import { ipPrefix } from '../../platform/ip-prefix.js';
import { describeAgent } from './agent.js';

type T = Awaited<ReturnType<typeof testApp>>;

const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('« Mes appareils »: sessions named, the others ended, passkey ceremonies refused when wrong', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());
  const as = (cookie: string) => ({ ...csrf, cookie });

  it('names a device from its user agent, and keeps only the network part of an address', () => {
    expect(describeAgent(ANDROID)).toEqual({ browser: 'Chrome 131', system: 'Android 14 (téléphone)' });
    expect(describeAgent(IPHONE)).toEqual({ browser: 'Safari 17', system: 'iOS 17.5 (téléphone)' });
    expect(describeAgent(null)).toEqual({ browser: 'Navigateur inconnu', system: 'système inconnu' });
    expect(ipPrefix('203.0.113.42')).toBe('203.0.113');
    expect(ipPrefix('::ffff:198.51.100.7')).toBe('198.51.100');
    expect(ipPrefix('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3');
    expect(ipPrefix('2001:db8::1')).toBe('2001:db8:0');
    expect(ipPrefix('not an address')).toBeNull();
  });

  it('lists my sessions named, with the network they were last used from, this device first', async () => {
    const p = await createVerifiedPerson(t.db);
    const mine = await sessionCookie(t.db, p.accountId);
    const phone = await sessionCookie(t.db, p.accountId);
    await t.db
      .updateTable('session')
      .set({ user_agent: ANDROID, last_seen_at: new Date(Date.now() - 5 * 60_000) })
      .where('account_id', '=', p.accountId)
      .execute();
    // The phone is used from a network: its prefix is recorded with its activity.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: phone }, remoteAddress: '203.0.113.42' }))
        .statusCode,
    ).toBe(200);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/me/devices',
      headers: { cookie: mine },
      remoteAddress: '198.51.100.9',
    });
    expect(list.statusCode).toBe(200);
    const { sessions, passkeys } = list.json() as {
      sessions: { current: boolean; browser: string; system: string; place: string | null }[];
      passkeys: unknown[];
    };
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({
      current: true,
      browser: 'Chrome 131',
      system: 'Android 14 (téléphone)',
      place: '198.51.100',
    });
    expect(sessions[1]).toMatchObject({ current: false, place: '203.0.113' });
    expect(passkeys).toEqual([]);
  });

  it('« Se déconnecter de tous les autres appareils » ends every session but this one, and journals it', async () => {
    const p = await createVerifiedPerson(t.db);
    const mine = await sessionCookie(t.db, p.accountId);
    const others = [await sessionCookie(t.db, p.accountId), await sessionCookie(t.db, p.accountId)];
    const someoneElse = await createVerifiedPerson(t.db);
    const theirs = await sessionCookie(t.db, someoneElse.accountId);
    const res = await t.app.inject({ method: 'POST', url: '/api/me/sessions/end-others', headers: as(mine) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    for (const cookie of others)
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: mine } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: theirs } })).statusCode).toBe(200);
    const line = await t.db
      .selectFrom('journal')
      .select('action')
      .where('chain_id', '=', p.profileId)
      .where('action', '=', 'identity.sessions-end-others')
      .executeTakeFirst();
    expect(line).toBeDefined();
    expect((await t.app.inject({ method: 'POST', url: '/api/me/sessions/end-others', headers: csrf })).statusCode).toBe(
      401,
    );
  });

  it('refuses a passkey sign-in with a used or unknown challenge, or an unknown key, with one answer', async () => {
    const options = await t.app.inject({ method: 'POST', url: '/api/auth/passkey/options', headers: csrf });
    expect(options.statusCode).toBe(200);
    const { token, options: o } = options.json() as {
      token: string;
      options: { challenge: string; rpId: string; userVerification: string };
    };
    expect(o.userVerification).toBe('required');
    expect(o.rpId).toBe(new URL(t.platform.config.PUBLIC_URL).hostname);
    const credential = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
    };
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkey',
      headers: csrf,
      payload: { token, credential },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('PASSKEY_FAILED');
    // The challenge was taken by that try: it cannot serve twice.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkey',
      headers: csrf,
      payload: { token, credential },
    });
    expect(again.json().error.code).toBe('FLOW_EXPIRED');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkey',
      headers: csrf,
      payload: { token: 'x'.repeat(43), credential },
    });
    expect(forged.json().error.code).toBe('FLOW_EXPIRED');
  });

  it('revokes only my own passkeys; registration needs a session and its own challenge', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const q = await createVerifiedPerson(t.db);
    const key = await t.db
      .insertInto('passkey')
      .values({
        account_id: q.accountId,
        credential_id: 'q-key',
        public_key: Buffer.from([1]),
        device_type: 'singleDevice',
        name: 'Chrome sur Android',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/me/passkeys/${key.id}`, headers: as(cookie) })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/passkeys/options', headers: csrf })).statusCode).toBe(
      401,
    );
    const start = await t.app.inject({ method: 'POST', url: '/api/me/passkeys/options', headers: as(cookie) });
    expect(start.statusCode).toBe(200);
    // A sign-in challenge does not register a key.
    const login = (await t.app.inject({ method: 'POST', url: '/api/auth/passkey/options', headers: csrf })).json()
      .token as string;
    const credential = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: 'e30', attestationObject: 'AAAA' },
    };
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/me/passkeys',
      headers: as(cookie),
      payload: { token: login, credential },
    });
    expect(wrong.json().error.code).toBe('FLOW_EXPIRED');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/me/passkeys',
      headers: as(cookie),
      payload: { token: start.json().token, credential },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PASSKEY_FAILED');
  });

  it('« Rester connecté » writes the activity now and says how long the idle timeout is', async () => {
    const p = await createVerifiedPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    // 40 s ago: the request hook does not write activity that recent (once a minute), keep-alive does.
    const old = new Date(Date.now() - 40_000);
    await t.db.updateTable('session').set({ last_seen_at: old }).where('account_id', '=', p.accountId).execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/me/session/keep-alive', headers: as(cookie) });
    expect(res.json()).toEqual({ idleMinutes: t.platform.config.SESSION_IDLE_MINUTES });
    const row = await t.db
      .selectFrom('session')
      .select('last_seen_at')
      .where('account_id', '=', p.accountId)
      .executeTakeFirstOrThrow();
    expect(row.last_seen_at.getTime()).toBeGreaterThan(old.getTime() + 30_000);
  });
});
