import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Communication, DocumentReference, FhirResource } from 'fhir/r4';
import { testApp } from '../../../test/harness.js';
import { createVerifiedPerson, sessionCookie } from '../../../test/sessions.js';
import { csrf } from '../../../test/identity.js';
import { fullSpace } from '../../../test/space.js';
import { frenchProfileErrors, r4Errors } from '../../../test/fhir-validate.js';
import { runExport } from './closure.export.js';
import { purge } from './closure.jobs.js';
import { unzip } from '../../../test/zip.js';
import { createProfessional } from '../../../test/messaging.js';
import { sendAsProfessional } from '../messaging/messaging.pro.service.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('closure: « Télécharger mes données »', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());
  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie, ...csrf }, payload });

  it('prepares the ZIP in a pg-boss job, e-mails when ready, asks the password again, fetches once; the FHIR bundle validates', async () => {
    const s = await fullSpace(t.platform);
    const pro = await createProfessional(t.db);
    await sendAsProfessional(
      t.platform,
      { professionalId: pro.id, rpps: pro.rpps },
      {
        nir: s.nir,
        subject: 'Vos résultats',
        body: `Bonjour ${s.marker}`,
        confidential: false,
        files: [],
        source: 'portal',
      },
    );
    const cookie = await sessionCookie(t.db, s.accountId);
    const asked = await call(cookie, 'POST', `/api/profiles/${s.profileId}/export`, {});
    expect(asked.statusCode).toBe(202);
    const archive = asked.json().export;
    expect(archive.status).toBe('pending');
    // A second request while it is prepared returns the same archive.
    expect((await call(cookie, 'POST', `/api/profiles/${s.profileId}/export`, {})).json().export.id).toBe(archive.id);
    const jobs = await t.platform.queue.boss.fetch<{ archiveId: string; profileId: string }>('closure-export');
    expect(jobs.map((j) => j.data)).toEqual([{ archiveId: archive.id, profileId: s.profileId }]);
    expect(
      (
        await call(cookie, 'POST', `/api/profiles/${s.profileId}/export/${archive.id}/ticket`, { password: s.password })
      ).json().error.code,
    ).toBe('EXPORT_NOT_READY');

    await runExport(t.platform, archive.id, s.profileId);
    const ready = (await call(cookie, 'GET', `/api/profiles/${s.profileId}/export`)).json().export;
    expect(ready).toMatchObject({ status: 'ready', progress: 100 });
    const mail = await t.db
      .selectFrom('outbox_message')
      .select('body')
      .where('recipient', '=', s.email)
      .where('kind', '=', 'export-ready')
      .executeTakeFirstOrThrow();
    expect(mail.body).not.toContain(s.marker);

    const wrong = await call(cookie, 'POST', `/api/profiles/${s.profileId}/export/${archive.id}/ticket`, {
      password: 'faux',
    });
    expect(wrong.json().error.code).toBe('REAUTH_FAILED');
    const { url } = (
      await call(cookie, 'POST', `/api/profiles/${s.profileId}/export/${archive.id}/ticket`, { password: s.password })
    ).json();
    const file = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/zip');
    expect((await t.app.inject({ method: 'GET', url, headers: { cookie } })).json().error.code).toBe('EXPORT_EXPIRED');

    const entries = await unzip(file.rawPayload);
    expect([...entries.keys()].sort()).toEqual(
      [
        'LISEZMOI.txt',
        'documents-administratifs/attestation.txt',
        `documents/compte-rendu-${s.marker}.txt`,
        'documents/résultats labo.txt',
        'fhir/bundle.json',
        'journal-des-acces.csv',
        'messages/LISEZMOI.txt',
        'synthese-profil-medical.pdf',
      ].sort(),
    );
    expect(entries.get(`documents/compte-rendu-${s.marker}.txt`)!.toString()).toBe(`Compte rendu ${s.marker}\n`);
    expect(entries.get('synthese-profil-medical.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(entries.get('journal-des-acces.csv')!.toString()).toContain('closure.export-requested');

    const bundle = JSON.parse(entries.get('fhir/bundle.json')!.toString()) as Bundle;
    const resources = bundle.entry!.map((e) => e.resource!) as FhirResource[];
    const count = (type: string) => resources.filter((r) => r.resourceType === type).length;
    expect({
      Patient: count('Patient'),
      Observation: count('Observation'),
      Condition: count('Condition'),
      MedicationStatement: count('MedicationStatement'),
      AllergyIntolerance: count('AllergyIntolerance'),
      Immunization: count('Immunization'),
      RelatedPerson: count('RelatedPerson'),
      Consent: count('Consent'),
      DocumentReference: count('DocumentReference'),
      Binary: count('Binary'),
      Communication: count('Communication'),
    }).toEqual({
      Patient: 1,
      Observation: 4,
      Condition: 1,
      MedicationStatement: 1,
      AllergyIntolerance: 2,
      Immunization: 1,
      RelatedPerson: 1,
      Consent: 2,
      DocumentReference: 3,
      Binary: 3,
      Communication: 1,
    });
    const message = resources.find((r) => r.resourceType === 'Communication') as Communication;
    expect(message).toMatchObject({
      topic: { text: 'Vos résultats' },
      payload: [{ contentString: `Bonjour ${s.marker}` }],
    });
    expect(message.sender?.identifier?.value).toBe(`8${pro.rpps}`);
    expect(count('AuditEvent')).toBeGreaterThan(5);
    expect(r4Errors(bundle)).toEqual([]); // the Bundle itself, then each resource
    expect(resources.flatMap(r4Errors)).toEqual([]);
    expect(resources.flatMap(frenchProfileErrors)).toEqual([]);
    const hidden = resources.find(
      (r) => r.resourceType === 'DocumentReference' && r.id === s.docs[0]!.id,
    ) as DocumentReference;
    expect(hidden.securityLabel?.[0]?.coding?.[0]?.code).toBe('MASQUE_PS');
  });

  it('the validator does find faults (a Patient without its INS, an Observation without status)', () => {
    expect(r4Errors({ resourceType: 'Observation', id: 'x', code: { text: 'x' } } as never).join()).toContain('status');
    expect(frenchProfileErrors({ resourceType: 'Patient', id: 'p' })).not.toEqual([]);
  });

  it('a representative’s archive leaves out what is hidden from representatives; archives expire and are erased', async () => {
    const parent = await createVerifiedPerson(t.db);
    const s = await fullSpace(t.platform, 'KIDMARK');
    await t.db
      .updateTable('profile')
      .set({ birth_date: `${new Date().getUTCFullYear() - 10}-01-01` })
      .where('id', '=', s.profileId)
      .execute();
    await t.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: s.profileId, status: 'validated' })
      .execute();
    const cookie = await sessionCookie(t.db, parent.accountId);
    const archive = (await call(cookie, 'POST', `/api/profiles/${s.profileId}/export`, {})).json().export;
    await runExport(t.platform, archive.id, s.profileId);
    const { url } = (
      await call(cookie, 'POST', `/api/profiles/${s.profileId}/export/${archive.id}/ticket`, {
        password: parent.password,
      })
    ).json();
    const entries = await unzip((await t.app.inject({ method: 'GET', url, headers: { cookie } })).rawPayload);
    expect(entries.has('documents/résultats labo.txt')).toBe(false);
    expect(entries.has(`documents/compte-rendu-KIDMARK.txt`)).toBe(true);

    const keys = (
      await t.db.selectFrom('export_archive').select('blob_keys').where('id', '=', archive.id).executeTakeFirstOrThrow()
    ).blob_keys;
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(await t.platform.blobs.exists(k)).toBe(true);
    await purge(t.platform, new Date(Date.now() + 8 * 86_400_000));
    for (const k of keys) expect(await t.platform.blobs.exists(k)).toBe(false);
    expect((await call(cookie, 'GET', `/api/profiles/${s.profileId}/export`)).json().export.status).toBe('expired');
  });
});
