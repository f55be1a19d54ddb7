import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, FhirResource } from 'fhir/r4';
import { testApp } from '../../../test/harness.js';
import { createVerifiedPerson } from '../../../test/sessions.js';
import { fullSpace } from '../../../test/space.js';
import { bundleJson } from './fhir.export.js';
import { importBundle } from './fhir.import.js';
import { operatorAccess } from '../../platform/access.js';
import { fhirImportCommand } from './fhir.import.js';
import type { Runtime } from '../../platform/runtime.js';

type T = Awaited<ReturnType<typeof testApp>>;
const TOKEN = 'operator-token-for-fhir-tests-0123456789';

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

  it('rebuilds the same space, and a second import adds nothing', async () => {
    const s = await fullSpace(a.platform, 'ROUND');
    const exported = await exportBundle(a, s.profileId);
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
    });
    const rebuilt = await exportBundle(b, target.profileId);
    expect(content(rebuilt)).toEqual(content(exported));

    // Idempotent, through the operator route this time.
    const again = await b.app.inject({
      method: 'POST',
      url: `/api/operator/fhir/import?nir=${s.nir}`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(exported),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().imported).toEqual({ Consent: 1 });
    expect(again.json().alreadyThere).toBe(13);
    expect(content(await exportBundle(b, target.profileId))).toEqual(content(exported));
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
