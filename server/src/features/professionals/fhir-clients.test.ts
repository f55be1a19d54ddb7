import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { testApp } from '../../../test/harness.js';
import { proSessionCookie } from '../../../test/sessions.js';
import { createProfessional } from '../../../test/messaging.js';
import { publicJwk } from './fhir-clients.service.js';
import { scopeAllows } from '../../platform/software-access.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('professionals’ software for the FHIR API: registration', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it('accepts public RSA ≥ 2048 and EC P-384 keys only, keeping only their public members', async () => {
    const ec = await generateKeyPair('ES384', { extractable: true });
    const rsa = await generateKeyPair('RS384', { extractable: true, modulusLength: 2048 });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    const p256 = await generateKeyPair('ES256', { extractable: true });
    const pubEc = { ...(await exportJWK(ec.publicKey)), kid: 'k1', use: 'sig' };
    expect(await publicJwk(JSON.stringify(pubEc))).toEqual({
      jwk: { kty: 'EC', crv: 'P-384', x: pubEc.x, y: pubEc.y, kid: 'k1' },
      alg: 'ES384',
    });
    expect((await publicJwk(JSON.stringify(await exportJWK(rsa.publicKey)))).alg).toBe('RS384');
    for (const bad of [
      JSON.stringify(await exportJWK(ec.privateKey)),
      JSON.stringify(await exportJWK(rsa.privateKey)),
      JSON.stringify(small),
      JSON.stringify(await exportJWK(p256.publicKey)),
      JSON.stringify({ ...pubEc, alg: 'RS384' }),
      JSON.stringify({ ...pubEc, x: 'AAAA' }),
      JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }),
      '[1]',
      'pas du JSON',
    ])
      await expect(publicJwk(bad)).rejects.toMatchObject({ code: 'FHIR_CLIENT_JWK_INVALID' });
  });

  it('registers, lists its own only, revokes once; journaled; the portal session is required', async () => {
    const a = await createProfessional(t.db);
    const b = await createProfessional(t.db);
    const cookieA = await proSessionCookie(t.db, a.id);
    const cookieB = await proSessionCookie(t.db, b.id);
    const headers = (cookie: string) => ({ cookie, 'x-carnet-csrf': '1' });
    const jwk = JSON.stringify(await exportJWK((await generateKeyPair('ES384')).publicKey));
    const anon = await t.app.inject({ method: 'GET', url: '/api/pro/fhir-clients' });
    expect(anon.statusCode).toBe(401);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/pro/fhir-clients',
      headers: headers(cookieA),
      payload: { name: 'Logiciel du cabinet', jwk },
    });
    expect(made.statusCode).toBe(201);
    const { client } = made.json();
    expect(client).toMatchObject({ name: 'Logiciel du cabinet', alg: 'ES384', revokedAt: null });
    expect(client.clientId).toMatch(/^carnet-/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/pro/fhir-clients',
      headers: headers(cookieA),
      payload: { name: '', jwk: '{}' },
    });
    expect(bad.statusCode).toBe(400);
    const listB = await t.app.inject({ method: 'GET', url: '/api/pro/fhir-clients', headers: headers(cookieB) });
    expect(listB.json().clients).toEqual([]);
    const revokeB = await t.app.inject({
      method: 'POST',
      url: `/api/pro/fhir-clients/${client.clientId}/revoke`,
      headers: headers(cookieB),
    });
    expect(revokeB.statusCode).toBe(404);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/pro/fhir-clients/${client.clientId}/revoke`,
      headers: headers(cookieA),
    });
    expect(revoked.json().client.revokedAt).not.toBeNull();
    const lines = await t.db
      .selectFrom('journal')
      .select('action')
      .where('actor_id', '=', a.id)
      .where('action', 'like', 'pro.fhir-client.%')
      .orderBy('seq')
      .execute();
    expect(lines.map((l) => l.action)).toEqual(['pro.fhir-client.register', 'pro.fhir-client.revoke']);
  });

  it('SMART scopes: read or write per resource type, Binary under DocumentReference', () => {
    expect(scopeAllows('system/*.read', 'Patient', 'read')).toBe(true);
    expect(scopeAllows('system/*.read', 'DocumentReference', 'deposit')).toBe(false);
    expect(scopeAllows('system/DocumentReference.write', 'DocumentReference', 'deposit')).toBe(true);
    expect(scopeAllows('system/DocumentReference.read', 'Binary', 'read')).toBe(true);
    expect(scopeAllows('system/Patient.read', 'Condition', 'read')).toBe(false);
    expect(scopeAllows('', 'Patient', 'read')).toBe(false);
  });
});
