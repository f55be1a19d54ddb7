import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { testApp, testPlatform } from '../../test/harness.js';
import { createPerson, sessionCookie } from '../../test/sessions.js';
import { buildApp } from '../app.js';
import { declarationProblem } from './route-access.js';

describe('every route declares its access, checked at start', () => {
  it('refuses a route without a declaration, and :profileId without a profile capability', () => {
    expect(declarationProblem('/api/x', undefined)).toMatch(/declares no access/);
    expect(declarationProblem('/api/profiles/:profileId/x', 'session')).toMatch(/not bound to a profile capability/);
    expect(declarationProblem('/api/x', { profile: 'health:read' })).toMatch(/takes no :profileId/);
    expect(declarationProblem('/api/x', 'everyone' as never)).toMatch(/unknown access/);
    expect(declarationProblem('/api/profiles/:profileId/x', { profile: 'health:read' })).toBeNull();
    // Software routes name their patient in the FHIR request, never by Carnet's :profileId, and live under /fhir/R4.
    expect(declarationProblem('/fhir/R4/Patient', { software: 'read' })).toBeNull();
    expect(declarationProblem('/fhir/R4/:profileId/Patient', { software: 'read' })).toMatch(/takes :profileId/);
    expect(declarationProblem('/api/pro/x', { software: 'read' })).toMatch(/outside \/fhir\/R4/);
  });

  it('the real app does not start when a feature registers a route without one', async () => {
    const p = await testPlatform();
    try {
      const start = async (feature: (scope: FastifyInstance) => void) => {
        const app = await buildApp(p);
        await app.register(async (scope) => feature(scope));
        await app.ready();
      };
      await expect(start((s) => s.get('/api/forgotten', async () => ({ secret: true })))).rejects.toThrow(
        /GET \/api\/forgotten declares no access/,
      );
      await expect(
        start((s) => s.get('/api/profiles/:profileId/leak', { config: { access: 'session' } }, async () => ({}))),
      ).rejects.toThrow(/not bound to a profile capability/);
      await expect(
        start((s) => s.get('/api/declared', { config: { access: 'public' } }, async () => ({}))),
      ).resolves.toBeUndefined();
    } finally {
      await p.close();
    }
  });

  it('a bare Fastify (no platform hook) would have started: the check is what refuses', async () => {
    const bare = Fastify();
    bare.get('/api/forgotten', async () => ({}));
    await expect(bare.ready()).resolves.toBeDefined();
    await bare.close();
  });
});

describe('refused accesses are journaled, without telling the caller more', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  it('a stranger reading a profile gets 404 and the profile’s journal records who tried, what, and the answer', async () => {
    const owner = await createPerson(t.db);
    const stranger = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, stranger.accountId);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${owner.profileId}/documents`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(owner.profileId);
    const lines = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', owner.profileId)
      .where('action', '=', 'access.refused')
      .execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ actor_kind: 'patient', actor_id: stranger.accountId });
    expect(lines[0]!.detail).toMatchObject({
      route: 'GET /api/profiles/:profileId/documents',
      capability: 'health:read',
      status: 404,
    });
  });

  it('an unknown profile id is refused the same way, recorded on the system chain', async () => {
    const stranger = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, stranger.accountId);
    const ghost = '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';
    const res = await t.app.inject({ method: 'GET', url: `/api/profiles/${ghost}/medical`, headers: { cookie } });
    expect(res.statusCode).toBe(404);
    const lines = await t.db
      .selectFrom('journal')
      .selectAll()
      .where('action', '=', 'access.refused')
      .where('actor_id', '=', stranger.accountId)
      .execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.chain_id).toBe('00000000-0000-0000-0000-000000000000');
    expect(lines[0]!.detail).toMatchObject({ profileId: ghost, status: 404 });
  });

  it('the access check runs before the body is validated: an outsider with a bad body still gets 404, not 400', async () => {
    const owner = await createPerson(t.db);
    const stranger = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, stranger.accountId);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/profiles/${owner.profileId}/medical/allergies`,
      headers: { cookie, 'x-carnet-csrf': '1' },
      payload: {},
    });
    expect(res.statusCode).toBe(404);
  });
});
