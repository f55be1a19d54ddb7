import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Communication, FhirResource } from 'fhir/r4';
import { testApp } from '../../../test/harness.js';
import { createVerifiedPerson } from '../../../test/sessions.js';
import { fullSpace } from '../../../test/space.js';
import { bundleJson } from './fhir.export.js';
import { importBundle } from './fhir.import.js';
import { operatorAccess } from '../../platform/access.js';
import { fhirImportCommand } from './fhir.import.js';
import type { Runtime } from '../../platform/runtime.js';
import { openMessage, sealMessage } from '../messaging/messaging.seal.js';
import { createProfessional } from '../../../test/messaging.js';
import { r4Errors } from '../../../test/fhir-validate.js';
import { CONFIDENTIAL_LABELS } from './fhir.map.js';
import { makeNir } from '../../../test/identity.js';

type T = Awaited<ReturnType<typeof testApp>>;
const TOKEN = 'operator-token-for-fhir-tests-0123456789';

/** The same professional (RPPS, names) in both Carnets' directories. */
async function sharedProfessional(a: T, b: T, lastName: string) {
  const p = await createProfessional(a.db, { lastName });
  await b.db
    .insertInto('professional')
    .values({ rpps: p.rpps, profession_code: '10', first_name: p.first_name, last_name: p.last_name })
    .execute();
  return p;
}

/** A conversation of the space with `pro`: the professional writes, the patient answers (read), then again. */
async function exchange(t: T, profileId: string, proId: string, confidential: boolean, marker: string) {
  const conv = await t.db
    .insertInto('conversation')
    .values({ profile_id: profileId, professional_id: proId, confidential })
    .returning('id')
    .executeTakeFirstOrThrow();
  const texts = [
    ['to_patient', `Résultats ${marker}`, `Vos résultats sont normaux ${marker}`, '2025-03-01T10:00:00Z'],
    ['to_professional', `Re: Résultats ${marker}`, `Merci docteur ${marker}`, '2025-03-02T11:00:00Z'],
    ['to_patient', `Rendez-vous ${marker}`, `À revoir dans un an ${marker}`, '2025-03-03T12:00:00Z'],
  ] as const;
  for (const [i, [direction, subject, body, at]] of texts.entries()) {
    const id = crypto.randomUUID();
    await t.db
      .insertInto('message')
      .values({
        id,
        conversation_id: conv.id,
        profile_id: profileId,
        direction,
        ...sealMessage(t.platform.messageKey, id, subject, body),
        sent_at: new Date(at),
        read_at: i < 2 ? new Date(at) : null,
        author_name: direction === 'to_professional' ? `Alice ${marker}` : null,
        source: direction === 'to_patient' ? 'portal' : 'web',
      })
      .execute();
  }
  return conv.id;
}

async function exportBundle(t: T, profileId: string): Promise<Bundle> {
  let json = '';
  for await (const piece of bundleJson(t.platform, operatorAccess('test', profileId))) json += piece;
  return JSON.parse(json) as Bundle;
}

/** The content of a bundle without what a new space changes: ids, dates of writing, authors, journal. */
function content(b: Bundle) {
  const strip = (r: FhirResource): unknown => {
    const o = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    for (const k of [
      'id',
      'recordedDate',
      'dateAsserted',
      'dateTime',
      'date',
      'author',
      'subject',
      'patient',
      'securityContext',
      'reasonReference',
    ])
      delete o[k];
    const content = o.content as { attachment: Record<string, unknown> }[] | undefined;
    if (content) delete content[0]!.attachment.url;
    if (r.resourceType === 'Communication') {
      // The patient's id and the messages' ids are the new space's; the thread's shape stays.
      const side = (x: { reference?: string }) => (x.reference?.startsWith('Patient/') ? { ...x, reference: 'P' } : x);
      o.sender = side(o.sender as { reference?: string });
      o.recipient = (o.recipient as { reference?: string }[]).map(side);
      if (o.inResponseTo) o.inResponseTo = 'previous';
    }
    return o;
  };
  const rs = b
    .entry!.map((e) => e.resource!)
    .filter((r) => !['AuditEvent', 'Patient', 'Binary'].includes(r.resourceType));
  const binaries = b
    .entry!.map((e) => e.resource!)
    .filter((r) => r.resourceType === 'Binary')
    .map((r) => (r as { data: string }).data);
  return {
    resources: rs
      .map(strip)
      .map((x) => JSON.stringify(x))
      .sort(),
    binaries: binaries.sort(),
    treatmentLinked: rs.some((r) => r.resourceType === 'MedicationStatement' && !!r.reasonReference),
  };
}

describe('FHIR round trip: export → import into an empty Carnet → the same profile', () => {
  let a: T;
  let b: T;
  beforeAll(async () => {
    a = await testApp();
    b = await testApp({ OPERATOR_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('rebuilds the same space, messages too, and a second import adds nothing', async () => {
    const s = await fullSpace(a.platform, 'ROUND');
    const pro = await sharedProfessional(a, b, 'Rondeau');
    await exchange(a, s.profileId, pro.id, false, 'ROUND');
    const exported = await exportBundle(a, s.profileId);
    const comms = exported.entry!.map((e) => e.resource!).filter((r) => r.resourceType === 'Communication');
    expect(comms).toHaveLength(3);
    expect(comms.flatMap(r4Errors)).toEqual([]);
    // The empty Carnet: only the person, enrolled with the same NIR.
    const target = await createVerifiedPerson(b.db);
    await b.db.updateTable('profile').set({ nir: s.nir }).where('id', '=', target.profileId).execute();
    const report = await importBundle(b.platform, exported, s.nir);
    expect(report.refused).toEqual([]);
    expect(report.imported).toEqual({
      Condition: 1,
      MedicationStatement: 1,
      AllergyIntolerance: 2,
      Immunization: 1,
      RelatedPerson: 1,
      Observation: 4,
      DocumentReference: 3,
      Consent: 1,
      Communication: 3,
    });
    const rebuilt = await exportBundle(b, target.profileId);
    expect(content(rebuilt)).toEqual(content(exported));
    // The conversation's list as the patient's messaging shows it: the last message, one unread, sealed anew.
    const conv = await b.db
      .selectFrom('conversation')
      .selectAll()
      .where('profile_id', '=', target.profileId)
      .executeTakeFirstOrThrow();
    expect(conv).toMatchObject({ confidential: false, patient_unread: 1, pro_unread: 0 });
    const last = await b.db
      .selectFrom('message')
      .selectAll()
      .where('id', '=', conv.patient_last_message_id!)
      .executeTakeFirstOrThrow();
    expect(last.source).toBe('import');
    expect(openMessage(b.platform.messageKey, last.id, last).body).toBe('À revoir dans un an ROUND');

    // Idempotent, through the operator route this time.
    const again = await b.app.inject({
      method: 'POST',
      url: `/api/operator/fhir/import?nir=${s.nir}`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(exported),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().imported).toEqual({ Consent: 1 });
    expect(again.json().alreadyThere).toBe(16);
    expect(content(await exportBundle(b, target.profileId))).toEqual(content(exported));
  });

  it('a confidential exchange with a minor is labelled in the export and stays confidential on import', async () => {
    const child = await createVerifiedPerson(a.db, undefined, { birthDate: '2012-03-04', firstName: 'Léo' });
    const nir = makeNir('1', '2012-03-04');
    await a.db.updateTable('profile').set({ nir }).where('id', '=', child.profileId).execute();
    const secret = await sharedProfessional(a, b, 'Secret');
    const open = await sharedProfessional(a, b, 'Ouvert');
    await exchange(a, child.profileId, secret.id, true, 'SECRET');
    await exchange(a, child.profileId, open.id, false, 'OUVERT');
    const exported = await exportBundle(a, child.profileId);
    const comms = exported
      .entry!.map((e) => e.resource!)
      .filter((r): r is Communication => r.resourceType === 'Communication');
    expect(comms).toHaveLength(6);
    const labelled = comms.filter((r) => r.meta?.security);
    expect(labelled.map((r) => r.topic?.text)).toEqual([
      'Résultats SECRET',
      'Re: Résultats SECRET',
      'Rendez-vous SECRET',
    ]);
    expect(labelled[0]!.meta!.security).toEqual(CONFIDENTIAL_LABELS);
    expect(comms.flatMap(r4Errors)).toEqual([]);

    const target = await createVerifiedPerson(b.db, undefined, { birthDate: '2012-03-04', firstName: 'Léo' });
    await b.db.updateTable('profile').set({ nir }).where('id', '=', target.profileId).execute();
    const report = await importBundle(b.platform, exported, nir);
    expect(report.refused).toEqual([]);
    expect(report.imported.Communication).toBe(6);
    const flags = await b.db
      .selectFrom('conversation')
      .innerJoin('professional', 'professional.id', 'conversation.professional_id')
      .select(['professional.last_name', 'conversation.confidential'])
      .where('conversation.profile_id', '=', target.profileId)
      .orderBy('professional.last_name')
      .execute();
    expect(flags).toEqual([
      { last_name: 'Ouvert', confidential: false },
      { last_name: 'Secret', confidential: true },
    ]);
    // The messaging hides a confidential conversation from representatives by this flag (messaging.repo.ts).
    // A second import: nothing added, still confidential.
    const again = await importBundle(b.platform, exported, nir);
    expect(again.imported.Communication).toBeUndefined();
    expect(again.alreadyThere).toBe(6);
    const still = await b.db
      .selectFrom('conversation')
      .select('confidential')
      .where('profile_id', '=', target.profileId)
      .where('confidential', '=', true)
      .execute();
    expect(still).toHaveLength(1);
  });

  it('applies the documents’ content rules and checks the INS; the CLI imports a file', async () => {
    const target = await createVerifiedPerson(b.db);
    const nir = '285067510804626';
    await b.db.updateTable('profile').set({ nir }).where('id', '=', target.profileId).execute();
    const hostile: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'DocumentReference',
            id: 'd1',
            status: 'current',
            content: [
              { attachment: { data: Buffer.from('%PDF-1.4 /JavaScript (x)').toString('base64'), title: 'x.pdf' } },
            ],
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'c1',
            subject: { reference: 'Patient/p' },
            code: { text: 'Diabète' },
          },
        },
      ],
    };
    const r = await importBundle(b.platform, hostile, nir);
    expect(r.refused.map((x) => x.resource)).toEqual(['DocumentReference/d1']);
    expect(r.imported).toEqual({ Condition: 1 });
    const wrongPatient: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'p',
            identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: '178046912304503' }],
          },
        },
      ],
    };
    await expect(importBundle(b.platform, wrongPatient, nir)).rejects.toMatchObject({ code: 'FHIR_IMPORT_INVALID' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fhir-'));
    await writeFile(
      path.join(dir, 'bundle.json'),
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            resource: {
              resourceType: 'Condition',
              id: 'c2',
              subject: { reference: 'Patient/p' },
              code: { text: 'Asthme' },
            },
          },
        ],
      }),
    );
    expect(
      await fhirImportCommand(b.platform as unknown as Runtime, [path.join(dir, 'bundle.json'), '--nir', nir]),
    ).toBe(0);
  });
});
