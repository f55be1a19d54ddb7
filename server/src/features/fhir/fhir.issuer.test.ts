import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CapabilityStatement, OperationOutcome, Patient } from 'fhir/r4';
import { testApp } from '../../../test/harness.js';
import { fullSpace } from '../../../test/space.js';
import { createProfessional } from '../../../test/messaging.js';
import { register, revoke } from '../professionals/fhir-clients.service.js';
import type { ProfessionalUser } from '../../platform/professional-access.js';

type T = Awaited<ReturnType<typeof testApp>>;
const SECRET = 'secret-of-the-external-issuer-0123456789';

/**
 * FHIR_TOKEN_ISSUER (production tokens): a second, real oidc-provider plays the external issuer on its own
 * port, issuing JWT access tokens (client_credentials, resource indicators); Carnet checks them with the
 * keys that issuer publishes and with its own directory of software.
 */
describe('FHIR API tokens from an external issuer (FHIR_TOKEN_ISSUER)', () => {
  let server: Server;
  let issuer: string;
  let t: T;
  let s: Awaited<ReturnType<typeof fullSpace>>;
  let pro: ProfessionalUser;
  let aud: string;
  let kid: string;
  const clients: Record<'good' | 'unknown' | 'revoked', string> = {
    good: '',
    unknown: 'logiciel-inconnu',
    revoked: '',
  };

  /** A token from the external issuer, for `resource` (this API by default). */
  const token = async (clientId: string, resource = aud) => {
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: SECRET,
        scope: 'system/*.read',
        resource,
      }),
    });
    const body = (await res.json()) as { access_token: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body.access_token;
  };
  const read = (bearer: string) =>
    t.app.inject({
      method: 'GET',
      url: `/fhir/R4/Patient/${s.profileId}`,
      headers: { authorization: `Bearer ${bearer}` },
    });
  const refusals = async () =>
    (
      await t.db
        .selectFrom('journal')
        .select('detail')
        .where('action', '=', 'fhir.token.refused')
        .orderBy('seq')
        .execute()
    ).map((r) => r.detail as { why: string; client?: string; status: number });

  beforeAll(async () => {
    // The external issuer listens first: its address is its issuer identifier.
    const mount: { handler?: ReturnType<Provider['callback']> } = {};
    server = createServer((req, res) => void mount.handler!(req, res));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    t = await testApp({ FHIR_TOKEN_ISSUER: issuer });
    aud = `${t.platform.config.PUBLIC_URL}/fhir/R4`;
    s = await fullSpace(t.platform, 'ISSUER');
    const p = await createProfessional(t.db, { profession: '10', lastName: 'Externe' });
    pro = { sessionId: 'test', professionalId: p.id, rpps: p.rpps, professionCode: '10', regulator: false };
    await t.db
      .insertInto('professional_access')
      .values({
        profile_id: s.profileId,
        professional_id: p.id,
        status: 'authorized',
        since: new Date(),
        updated_at: new Date(),
      })
      .execute();
    const software = async () => {
      const { publicKey } = await generateKeyPair('ES384');
      return (await register(t.db, pro, { name: 'Logiciel externe', jwk: JSON.stringify(await exportJWK(publicKey)) }))
        .client.clientId;
    };
    clients.good = await software();
    clients.revoked = await software();
    await revoke(t.db, pro, clients.revoked);

    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    kid = 'issuer-key';
    const provider = new Provider(issuer, {
      clients: Object.values(clients).map((client_id) => ({
        client_id,
        client_secret: SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      ttl: { ClientCredentials: 300 },
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' } as never] },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => aud,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource) => ({
            scope: 'system/*.read',
            audience: resource,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
    });
    mount.handler = provider.callback();
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((ok) => server?.close(ok));
  });

  it('a JWT of the issuer for this API, to registered software, reads as the bundled tokens do; journaled', async () => {
    const res = await read(await token(clients.good));
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Patient).id).toBe(s.profileId);
    const line = await t.db
      .selectFrom('journal')
      .select(['action', 'detail'])
      .where('chain_id', '=', s.profileId)
      .where('actor_id', '=', pro.professionalId)
      .executeTakeFirst();
    expect(line).toMatchObject({ action: 'fhir.read', detail: { client: clients.good } });
    // The CapabilityStatement sends software to the issuer's token endpoint, from its discovery.
    const cs = (await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' })).json() as CapabilityStatement;
    expect(JSON.stringify(cs.rest![0]!.security)).toContain(`${issuer}/token`);
  });

  it('refuses another audience, unknown or revoked software, another key: 401 OperationOutcome, journaled', async () => {
    const before = (await refusals()).length;
    const outcome = (res: Awaited<ReturnType<typeof read>>) => {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/fhir+json');
      const o = res.json() as OperationOutcome;
      expect(o.resourceType).toBe('OperationOutcome');
      expect(o.issue[0]).toMatchObject({ code: 'login', details: { coding: [{ code: 'UNAUTHENTICATED' }] } });
    };
    outcome(await read(await token(clients.good, 'https://ailleurs.example/api')));
    outcome(await read(await token(clients.unknown)));
    outcome(await read(await token(clients.revoked)));
    // Signed with a key the issuer does not publish, under its key id: the signature fails.
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ client_id: clients.good, scope: 'system/*.read' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(other.privateKey);
    outcome(await read(forged));
    // An opaque token (as the bundled provider issues) is no JWT of the issuer.
    outcome(await read('opaque-token-of-another-provider'));
    expect((await refusals()).slice(before)).toEqual([
      expect.objectContaining({ why: 'claim:aud', status: 401 }),
      expect.objectContaining({ why: 'client', client: clients.unknown }),
      expect.objectContaining({ why: 'client', client: clients.revoked }),
      expect.objectContaining({ why: 'signature' }),
      expect.objectContaining({ why: 'token:ERR_JWS_INVALID' }),
    ]);
    // Nothing of the patient was read by any of them.
    const reads = await t.db
      .selectFrom('journal')
      .select('action')
      .where('chain_id', '=', s.profileId)
      .where('action', '=', 'fhir.read')
      .execute();
    expect(reads).toHaveLength(1);
  });
});
