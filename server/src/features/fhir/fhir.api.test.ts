import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'fhir-kit-client';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import type {
  Binary,
  Bundle,
  CapabilityStatement,
  DocumentReference,
  FhirResource,
  OperationOutcome,
  Patient,
} from 'fhir/r4';
import { testApp } from '../../../test/harness.js';
import { fullSpace } from '../../../test/space.js';
import { createPatient, createProfessional } from '../../../test/messaging.js';
import { frenchProfileErrors, r4Errors } from '../../../test/fhir-validate.js';
import { register, revoke } from '../professionals/fhir-clients.service.js';
import type { ProfessionalUser } from '../../platform/professional-access.js';

type T = Awaited<ReturnType<typeof testApp>>;
const INS = 'urn:oid:1.2.250.1.213.1.4.8';
const SCOPE = 'system/*.read system/DocumentReference.write';

interface Software {
  clientId: string;
  key: CryptoKey;
  alg: 'ES384' | 'RS384';
}

describe('FHIR R4 API for professionals’ software (SMART Backend Services)', () => {
  let t: T;
  let url: string;
  let issuer: string;
  let s: Awaited<ReturnType<typeof fullSpace>>;
  const pros: Record<string, ProfessionalUser> = {};
  const soft: Record<string, Software> = {};

  /** A signed client assertion (private_key_jwt) for the token endpoint. */
  const assertion = (sw: Software, over: { exp?: number; aud?: string; key?: CryptoKey } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: sw.alg })
      .setIssuer(sw.clientId)
      .setSubject(sw.clientId)
      .setAudience(over.aud ?? issuer)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(over.exp ?? Math.floor(Date.now() / 1000) + 120)
      .sign(over.key ?? sw.key);

  const tokenWith = (jwt: string, scope = SCOPE) =>
    fetch(`${url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: jwt,
      }),
    });

  const token = async (sw: Software) => {
    const res = await tokenWith(await assertion(sw));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; token_type: string; scope: string };
    expect(body).toMatchObject({ scope: SCOPE, token_type: 'Bearer' });
    return body.access_token;
  };
  const fhir = async (sw: Software) => new Client({ baseUrl: `${url}/fhir/R4`, bearerToken: await token(sw) });

  /** The error a FHIR call answers: status and OperationOutcome. */
  const failure = async (p: Promise<unknown>) => {
    const err = (await p.then(
      () => null,
      (e: unknown) => e,
    )) as { response?: { status: number; data: OperationOutcome } } | null;
    expect(err?.response).toBeDefined();
    return err!.response!;
  };

  const setUp = async (
    name: string,
    profession: string,
    access: 'authorized' | 'blocked' | null,
    alg: Software['alg'],
  ) => {
    const p = await createProfessional(t.db, { profession, lastName: name });
    pros[name] = {
      sessionId: 'test',
      professionalId: p.id,
      rpps: p.rpps,
      professionCode: profession,
      regulator: false,
    };
    if (access)
      await t.db
        .insertInto('professional_access')
        .values({
          profile_id: s.profileId,
          professional_id: p.id,
          status: access,
          since: new Date(),
          updated_at: new Date(),
        })
        .execute();
    const { privateKey, publicKey } = await generateKeyPair(alg, { modulusLength: 2048 });
    const { client } = await register(t.db, pros[name], {
      name: `Logiciel ${name}`,
      jwk: JSON.stringify(await exportJWK(publicKey)),
    });
    expect(client.alg).toBe(alg);
    soft[name] = { clientId: client.clientId, key: privateKey, alg };
  };

  beforeAll(async () => {
    t = await testApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
    issuer = `${t.platform.config.PUBLIC_URL}/oidc`;
    s = await fullSpace(t.platform, 'FHIRAPI');
    // A consultation report (every profession reads it) and a child health report (never a podiatrist).
    await t.db
      .updateTable('document')
      .set({ type_code: '68817-6', category: 'DEPISTAG' })
      .where('id', '=', s.docs[1]!.id)
      .execute();
    await setUp('Podologue', '80', 'authorized', 'ES384');
    await setUp('Medecin', '10', 'authorized', 'RS384');
    await setUp('Bloque', '10', 'blocked', 'ES384');
    await setUp('Inconnu', '10', null, 'ES384');
  });
  afterAll(async () => t.close());

  it('answers its CapabilityStatement to anyone, valid FHIR R4', async () => {
    const cs = (await new Client({ baseUrl: `${url}/fhir/R4` }).capabilityStatement()) as FhirResource;
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(r4Errors(cs)).toEqual([]);
    const res = await fetch(`${url}/fhir/R4/metadata`);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
  });

  it('finds the patient by INS only, a valid fr-core-patient-ins; reads them; no INS → 400 OperationOutcome', async () => {
    const client = await fhir(soft.Medecin!);
    const found = (await client.search({
      resourceType: 'Patient',
      searchParams: { identifier: `${INS}|${s.nir}` },
    })) as unknown as Bundle;
    expect(found.total).toBe(1);
    const patient = found.entry![0]!.resource as Patient;
    expect(patient.id).toBe(s.profileId);
    expect([...r4Errors(found), ...r4Errors(patient), ...frenchProfileErrors(patient)]).toEqual([]);
    expect(((await client.read({ resourceType: 'Patient', id: s.profileId })) as unknown as Patient).birthDate).toBe(
      '1980-01-01',
    );
    const none = (await client.search({
      resourceType: 'Patient',
      searchParams: { identifier: `${INS}|185067510804626` },
    })) as unknown as Bundle;
    expect(none.total).toBe(0);
    const bad = await failure(client.search({ resourceType: 'Patient', searchParams: { name: 'Durand' } }));
    expect(bad.status).toBe(400);
    expect(bad.data.resourceType).toBe('OperationOutcome');
    expect(bad.data.issue[0]!.details?.coding?.[0]?.code).toBe('FHIR_IDENTIFIER_REQUIRED');
    expect(r4Errors(bad.data)).toEqual([]);
    expect(JSON.stringify(bad.data)).not.toMatch(/at .*\.ts/);
  });

  it('DocumentReference search follows the matrix and MASQUE_PS; Binary returns the file', async () => {
    const pod = await fhir(soft.Podologue!);
    const mine = (await pod.search({
      resourceType: 'DocumentReference',
      searchParams: { patient: s.profileId },
    })) as unknown as Bundle;
    const ids = mine.entry!.map((e) => e.resource!.id);
    // The podiatrist never gets the child health report; nobody here gets the MASQUE_PS one.
    expect(ids).not.toContain(s.docs[1]!.id);
    expect(ids).not.toContain(s.docs[0]!.id);
    const med = await fhir(soft.Medecin!);
    const all = (await med.search({
      resourceType: 'DocumentReference',
      searchParams: { patient: `Patient/${s.profileId}` },
    })) as unknown as Bundle;
    const medIds = all.entry!.map((e) => e.resource!.id);
    expect(medIds).toContain(s.docs[1]!.id);
    expect(medIds).not.toContain(s.docs[0]!.id);
    const resources = all.entry!.map((e) => e.resource!);
    expect([...r4Errors(all), ...resources.flatMap(r4Errors), ...resources.flatMap(frenchProfileErrors)]).toEqual([]);
    // Reading by id what the matrix keeps from the podiatrist: as if it did not exist, and journaled.
    expect((await failure(pod.read({ resourceType: 'DocumentReference', id: s.docs[1]!.id }))).status).toBe(404);
    expect((await failure(pod.read({ resourceType: 'Binary', id: s.docs[0]!.id }))).status).toBe(404);
    const refused = await t.db
      .selectFrom('journal')
      .select('action')
      .where('chain_id', '=', s.profileId)
      .where('action', '=', 'document.read.refused')
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(2);
    const bin = (await med.read({ resourceType: 'Binary', id: s.docs[1]!.id })) as unknown as Binary;
    expect(Buffer.from(bin.data!, 'base64').toString()).toBe('Résultats FHIRAPI\n');
    expect(r4Errors(bin)).toEqual([]);
    const raw = await fetch(`${url}/fhir/R4/Binary/${s.docs[1]!.id}`, {
      headers: {
        accept: 'text/plain',
        authorization: `Bearer ${await token(soft.Medecin!)}`,
      },
    });
    expect(await raw.text()).toBe('Résultats FHIRAPI\n');
  });

  it('a blocked professional gets 403 OperationOutcome, journaled; without consent too', async () => {
    const blocked = await fhir(soft.Bloque!);
    const r = await failure(
      blocked.search({ resourceType: 'DocumentReference', searchParams: { patient: s.profileId } }),
    );
    expect(r.status).toBe(403);
    expect(r.data.issue[0]).toMatchObject({ code: 'forbidden', details: { coding: [{ code: 'PRO_BLOCKED' }] } });
    const line = await t.db
      .selectFrom('journal')
      .select(['action', 'detail'])
      .where('chain_id', '=', s.profileId)
      .where('actor_id', '=', pros.Bloque!.professionalId)
      .where('action', '=', 'access.refused')
      .executeTakeFirst();
    expect(line?.detail).toMatchObject({ route: 'GET /fhir/R4/DocumentReference', why: 'blocked', status: 403 });
    const stranger = await fhir(soft.Inconnu!);
    const noConsent = await failure(stranger.read({ resourceType: 'Patient', id: s.profileId }));
    expect(noConsent.status).toBe(403);
    expect(noConsent.data.issue[0]!.details?.coding?.[0]?.code).toBe('PRO_NO_CONSENT');
    // An emergency access the professional opened (break-the-glass, from the portal) opens the API too.
    await t.db
      .insertInto('emergency_access')
      .values({
        profile_id: s.profileId,
        professional_id: pros.Inconnu!.professionalId,
        mode: 'bris_de_glace',
        reason: 'Patient inconscient aux urgences',
        ends_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
    expect(((await stranger.read({ resourceType: 'Patient', id: s.profileId })) as unknown as Patient).id).toBe(
      s.profileId,
    );
    const lines = await t.db
      .selectFrom('journal')
      .select(['action', 'reason'])
      .where('chain_id', '=', s.profileId)
      .where('actor_id', '=', pros.Inconnu!.professionalId)
      .orderBy('seq')
      .execute();
    expect(lines).toEqual([
      { action: 'access.refused', reason: 'normal' },
      { action: 'fhir.read', reason: 'emergency' },
    ]);
  });

  it('conditions, allergies, vaccinations validate; observations stay the patient’s', async () => {
    const med = await fhir(soft.Medecin!);
    const count = async (resourceType: string) => {
      const b = (await med.search({ resourceType, searchParams: { patient: s.profileId } })) as unknown as Bundle;
      expect([...r4Errors(b), ...b.entry!.map((e) => e.resource!).flatMap(r4Errors)]).toEqual([]);
      return b.total;
    };
    expect(await count('Condition')).toBe(1);
    expect(await count('AllergyIntolerance')).toBe(2);
    expect(await count('Immunization')).toBe(1);
    expect(await count('Observation')).toBe(0);
    expect((await failure(med.search({ resourceType: 'Condition', searchParams: {} }))).status).toBe(400);
  });

  it('reads a condition, an allergy, a vaccination by id through the same decision; others’ ids are 404', async () => {
    const cs = (await new Client({
      baseUrl: `${url}/fhir/R4`,
    }).capabilityStatement()) as unknown as CapabilityStatement;
    for (const type of ['Condition', 'AllergyIntolerance', 'Immunization'])
      expect(cs.rest![0]!.resource!.find((r) => r.type === type)!.interaction!.map((i) => i.code)).toContain('read');
    const med = await fhir(soft.Medecin!);
    const first = async (resourceType: string) => {
      const b = (await med.search({ resourceType, searchParams: { patient: s.profileId } })) as unknown as Bundle;
      return b.entry![0]!.resource!;
    };
    for (const type of ['Condition', 'AllergyIntolerance', 'Immunization']) {
      const listed = await first(type);
      const one = (await med.read({ resourceType: type, id: listed.id! })) as unknown as FhirResource;
      expect(one).toEqual(listed);
      expect(r4Errors(one)).toEqual([]);
    }
    const condition = await first('Condition');
    const reads = await t.db
      .selectFrom('journal')
      .select('detail')
      .where('chain_id', '=', s.profileId)
      .where('actor_id', '=', pros.Medecin!.professionalId)
      .where('action', '=', 'fhir.read')
      .execute();
    expect(reads.map((r) => (r.detail as { resource: string }).resource)).toEqual(
      expect.arrayContaining(['Condition', 'AllergyIntolerance', 'Immunization']),
    );
    // The id of a condition read as another type, an id nobody has: 404, journaled on the system chain.
    const notFound = async (p: Promise<unknown>) => {
      const r = await failure(p);
      expect(r.status).toBe(404);
      expect(r.data.resourceType).toBe('OperationOutcome');
      expect(r.data.issue[0]!.code).toBe('not-found');
    };
    await notFound(med.read({ resourceType: 'Immunization', id: condition.id! }));
    await notFound(med.read({ resourceType: 'Condition', id: randomUUID() }));
    // Another patient's condition, to a professional they never authorized: as if it did not exist.
    const other = await createPatient(t.db);
    const theirs = await t.db
      .insertInto('medical_item')
      .values({ profile_id: other.profileId, kind: 'conditions', data: JSON.stringify({ name: 'Diabète' }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notFound(med.read({ resourceType: 'Condition', id: theirs.id }));
    const refused = await t.db
      .selectFrom('journal')
      .select(['chain_id', 'detail'])
      .where('actor_id', '=', pros.Medecin!.professionalId)
      .where('action', '=', 'access.refused')
      .execute();
    expect(refused).toHaveLength(3);
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ detail: expect.objectContaining({ route: 'GET /fhir/R4/Immunization/:id' }) }),
        expect.objectContaining({ detail: expect.objectContaining({ route: 'GET /fhir/R4/Condition/:id' }) }),
        {
          chain_id: other.profileId,
          detail: expect.objectContaining({ route: 'GET /fhir/R4/Condition/:id', status: 404, why: 'no_consent' }),
        },
      ]),
    );
    expect(refused.every((r) => (r.detail as { status: number }).status === 404)).toBe(true);
    // A professional the patient blocked: 403 PRO_BLOCKED, journaled, as for a search.
    const blocked = await failure((await fhir(soft.Bloque!)).read({ resourceType: 'Condition', id: condition.id! }));
    expect(blocked.status).toBe(403);
    expect(blocked.data.issue[0]!.details?.coding?.[0]?.code).toBe('PRO_BLOCKED');
    const line = await t.db
      .selectFrom('journal')
      .select('detail')
      .where('chain_id', '=', s.profileId)
      .where('actor_id', '=', pros.Bloque!.professionalId)
      .where('action', '=', 'access.refused')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(line?.detail).toMatchObject({ route: 'GET /fhir/R4/Condition/:id', why: 'blocked', status: 403 });
  });

  it('pages a search with _count and _offset: total, links next and previous', async () => {
    const bearer = await token(soft.Medecin!);
    const get = async (u: string) => {
      const res = await fetch(u.startsWith('http') ? u.replace(t.platform.config.PUBLIC_URL, url) : `${url}${u}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      return { status: res.status, body: (await res.json()) as Bundle & { resourceType: string } };
    };
    const link = (b: Bundle, relation: string) => b.link?.find((l) => l.relation === relation)?.url;
    const first = await get(`/fhir/R4/AllergyIntolerance?patient=${s.profileId}&_count=1`);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(2);
    expect(first.body.entry).toHaveLength(1);
    expect(r4Errors(first.body)).toEqual([]);
    expect(link(first.body, 'next')).toBe(
      `${t.platform.config.PUBLIC_URL}/fhir/R4/AllergyIntolerance?patient=${s.profileId}&_count=1&_offset=1`,
    );
    expect(link(first.body, 'previous')).toBeUndefined();
    const second = await get(link(first.body, 'next')!);
    expect(second.body.entry).toHaveLength(1);
    expect(second.body.entry![0]!.resource!.id).not.toBe(first.body.entry![0]!.resource!.id);
    expect(link(second.body, 'next')).toBeUndefined();
    expect(link(second.body, 'previous')).toContain('_offset=0');
    // Without _count: every entry (up to 50), one page.
    const all = await get(`/fhir/R4/DocumentReference?patient=${s.profileId}`);
    expect(all.body.entry!.length).toBe(all.body.total);
    expect(link(all.body, 'next')).toBeUndefined();
    const docs = await get(`/fhir/R4/DocumentReference?patient=${s.profileId}&_count=0`);
    expect(docs.body).toMatchObject({ total: all.body.total, entry: [] });
    const bad = await get(`/fhir/R4/Condition?patient=${s.profileId}&_count=beaucoup`);
    expect(bad.status).toBe(400);
    expect(bad.body.resourceType).toBe('OperationOutcome');
  });

  it('creates a DocumentReference: the portal’s deposit (type code from the list, content rules)', async () => {
    const med = await fhir(soft.Medecin!);
    const body: DocumentReference = {
      resourceType: 'DocumentReference',
      status: 'current',
      subject: { reference: `Patient/${s.profileId}` },
      type: { coding: [{ system: 'http://loinc.org', code: '11488-4' }] },
      description: 'Compte rendu de consultation',
      content: [
        {
          attachment: { contentType: 'text/plain', data: Buffer.from('CR FHIR\n').toString('base64'), title: 'cr.txt' },
        },
      ],
    };
    const created = (await med.create({
      resourceType: 'DocumentReference',
      body: body as never,
    })) as unknown as DocumentReference;
    expect([...r4Errors(created), ...frenchProfileErrors(created)]).toEqual([]);
    const row = await t.db
      .selectFrom('document')
      .select(['author_professional_id', 'type_code', 'title', 'category'])
      .where('id', '=', created.id!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      author_professional_id: pros.Medecin!.professionalId,
      type_code: '11488-4',
      title: 'Compte rendu de consultation',
      category: 'CPT_REND',
    });
    const wrongType = await failure(
      med.create({
        resourceType: 'DocumentReference',
        body: { ...body, type: { coding: [{ system: 'http://loinc.org', code: '1-1' }] } },
      }),
    );
    expect(wrongType.status).toBe(400);
    const active = Buffer.from('%PDF-1.4 /JavaScript (x)').toString('base64');
    const hostile = await failure(
      med.create({
        resourceType: 'DocumentReference',
        body: { ...body, content: [{ attachment: { contentType: 'application/pdf', data: active } }] },
      }),
    );
    expect(hostile.status).toBe(422);
    expect(hostile.data.resourceType).toBe('OperationOutcome');
  });

  it('refuses a wrong, expired, replayed assertion; no token, a revoked client', async () => {
    const sw = soft.Podologue!;
    const other = await generateKeyPair('ES384');
    expect((await tokenWith(await assertion(sw, { key: other.privateKey }))).status).toBe(401);
    expect((await tokenWith(await assertion(sw, { exp: Math.floor(Date.now() / 1000) - 60 }))).status).toBe(401);
    expect((await tokenWith(await assertion(sw, { aud: 'https://ailleurs.example/token' }))).status).toBe(401);
    const once = await assertion(sw);
    expect((await tokenWith(once)).status).toBe(200);
    const replay = await tokenWith(once);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_client');

    const anonymous = await failure(
      new Client({ baseUrl: `${url}/fhir/R4` }).read({ resourceType: 'Patient', id: s.profileId }),
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.data.resourceType).toBe('OperationOutcome');
    const forged = new Client({ baseUrl: `${url}/fhir/R4`, bearerToken: 'not-a-token-0123456789' });
    expect((await failure(forged.read({ resourceType: 'Patient', id: s.profileId }))).status).toBe(401);

    const client = await fhir(sw);
    await revoke(t.db, pros.Podologue!, sw.clientId);
    expect((await failure(client.read({ resourceType: 'Patient', id: s.profileId }))).status).toBe(401);
    expect((await tokenWith(await assertion(sw))).status).toBe(401);
  });
});
