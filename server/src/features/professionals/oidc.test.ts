import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { Browser, location, throughProvider } from '../../../test/pro-oidc.js';
import { PRO_SESSION_COOKIE } from '../../platform/professional-session.js';
import { relyingPartyOf } from './pro.auth.js';

/**
 * Professionals' sign-in against the real bundled OpenID provider (oidc-provider 9), driven as a browser
 * would: code flow with PKCE, state and nonce, Pro Santé Connect's claims, then Carnet's checks.
 */
describe('professional sign-in through OpenID Connect', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    await t.db
      .insertInto('professional')
      .values({ rpps: '10101010101', profession_code: '10', first_name: 'Paul', last_name: 'Martin' })
      .execute();
  });
  afterAll(async () => t.close());

  const refusals = async () =>
    (
      await t.db
        .selectFrom('journal')
        .select(['action', 'detail'])
        .where('action', '=', 'pro.signin.refused')
        .orderBy('seq', 'desc')
        .execute()
    ).map((r) => (r.detail as { why: string }).why);

  it('publishes its discovery document under /oidc', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/oidc/.well-known/openid-configuration',
      headers: { host: 'localhost:3000' },
    });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.issuer).toBe('http://localhost:3000/oidc');
    expect(d.code_challenge_methods_supported).toContain('S256');
    expect(d.acr_values_supported).toContain('eidas1');
  });

  it('signs a professional in: session cookie, /api/pro/me, journal line', async () => {
    const b = new Browser(t.app);
    const callback = await throughProvider(b, { rpps: '10101010101' });
    expect(callback).toMatch(/^http:\/\/localhost:3000\/api\/pro\/auth\/callback\?code=/);
    const res = await b.get(callback);
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/pro');
    expect(b.jar.has(PRO_SESSION_COOKIE)).toBe(true);
    const me = await b.get('/api/pro/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().professional).toMatchObject({
      rpps: '10101010101',
      lastName: 'Martin',
      professionCode: '10',
      professionLabel: 'Médecin',
    });
    const line = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('action', '=', 'pro.signin')
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ actor_kind: 'professional', reason: 'normal' });
    expect(line.detail).toMatchObject({ acr: 'eidas1', professions: ['10'] });
    const session = await t.db.selectFrom('professional_session').selectAll().executeTakeFirstOrThrow();
    expect(session.acr).toBe('eidas1');
  });

  it('refuses a wrong PIN at the provider (checked on the server)', async () => {
    const b = new Browser(t.app);
    const start = await b.get('/api/pro/auth/start');
    const auth = await b.get(location(start));
    const interaction = location(auth);
    await b.get(interaction);
    const res = await b.postForm(interaction, { rpps: '10101010101', pin: '9999', acr: 'eidas1' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toContain('erreur=1');
  });

  it('refuses a callback with a wrong state', async () => {
    const b = new Browser(t.app);
    const callback = new URL(await throughProvider(b, { rpps: '10101010101' }));
    callback.searchParams.set('state', 'not-the-state');
    const res = await b.get(callback.href);
    expect(location(res)).toBe('/pro/connexion?erreur=PRO_SIGNIN_FAILED');
    expect(b.jar.has(PRO_SESSION_COOKIE)).toBe(false);
    expect((await refusals())[0]).toBe('flow: OAUTH_INVALID_RESPONSE');
  });

  it('refuses a replayed authorization code', async () => {
    const b = new Browser(t.app);
    const callback = await throughProvider(b, { rpps: '10101010101' });
    const loginCookie = b.jar.get('carnet_pro_oidc')!;
    expect((await b.get(callback)).statusCode).toBe(303);
    expect(b.jar.has(PRO_SESSION_COOKIE)).toBe(true);
    // The same code again, with the same login state (an attacker who kept both): the provider refuses it.
    const replay = new Browser(t.app);
    replay.jar.set('carnet_pro_oidc', loginCookie);
    const res = await replay.get(callback);
    expect(location(res)).toBe('/pro/connexion?erreur=PRO_SIGNIN_FAILED');
    expect(replay.jar.has(PRO_SESSION_COOKIE)).toBe(false);
    expect((await refusals())[0]).toBe('flow: OAUTH_RESPONSE_BODY_ERROR');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const b = new Browser(t.app);
    const callback = await throughProvider(b, {
      rpps: '10101010101',
      tamper: (u) => u.searchParams.set('nonce', 'another-nonce-value-123'),
    });
    const res = await b.get(callback);
    expect(location(res)).toBe('/pro/connexion?erreur=PRO_SIGNIN_FAILED');
    expect(b.jar.has(PRO_SESSION_COOKIE)).toBe(false);
    expect((await refusals())[0]).toBe('flow: OAUTH_JWT_CLAIM_COMPARISON_FAILED');
  });

  it('refuses an expired ID token (the relying party checks it an hour later)', async () => {
    const rp = relyingPartyOf(t.platform)!;
    const b = new Browser(t.app);
    const callback = await throughProvider(b, { rpps: '10101010101' });
    rp.setClockSkew(3600);
    try {
      const res = await b.get(callback);
      expect(location(res)).toBe('/pro/connexion?erreur=PRO_SIGNIN_FAILED');
    } finally {
      rp.setClockSkew(0);
    }
    expect(b.jar.has(PRO_SESSION_COOKIE)).toBe(false);
    expect((await refusals())[0]).toBe('flow: OAUTH_JWT_TIMESTAMP_CHECK_FAILED');
  });

  it('refuses another authentication level than eidas1', async () => {
    const b = new Browser(t.app);
    const res = await b.get(await throughProvider(b, { rpps: '10101010101', acr: 'eidas2' }));
    expect(location(res)).toBe('/pro/connexion?erreur=PRO_SIGNIN_FAILED');
    expect((await refusals())[0]).toBe('acr: eidas2');
    expect(b.jar.has(PRO_SESSION_COOKIE)).toBe(false);
  });

  it('refuses an RPPS that is not in the directory (removed after the provider signed them in)', async () => {
    await t.db
      .insertInto('professional')
      .values({ rpps: '19999999999', profession_code: '60', first_name: 'Ex', last_name: 'Parti' })
      .execute();
    const b = new Browser(t.app);
    const callback = await throughProvider(b, { rpps: '19999999999' });
    await t.db.deleteFrom('professional').where('rpps', '=', '19999999999').execute();
    const res = await b.get(callback);
    expect(location(res)).toBe('/pro/connexion?erreur=PRO_UNKNOWN');
    expect((await refusals())[0]).toBe('unknown_rpps');
    expect(b.jar.has(PRO_SESSION_COOKIE)).toBe(false);
  });

  it('logout ends the session server-side', async () => {
    const b = new Browser(t.app);
    await b.get(await throughProvider(b, { rpps: '10101010101' }));
    const cookie = b.cookieHeader();
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/pro/auth/logout',
      headers: { cookie, 'x-carnet-csrf': '1' },
    });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/pro/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });
});
