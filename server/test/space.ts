import type { Platform } from '../src/platform/platform.js';
import { accountAccess } from '../src/platform/access.js';
import * as medical from '../src/features/medical/medical.service.js';
import { saveWishes } from '../src/features/medical/medical.wishes.js';
import { storeUpload } from '../src/features/documents/documents.service.js';
import { createVerifiedPerson } from './sessions.js';
import { makeNir } from './identity.js';

/**
 * An activated adult whose space holds something of every kind: each list, measures (blood pressure and
 * glucose with its moment too), advance directives and the donation stance, and documents (one hidden
 * from professionals, one from representatives, one administrative). Every free text carries `marker`.
 */
export async function fullSpace(platform: Platform, marker = 'ZQXMARK') {
  const p = await createVerifiedPerson(platform.db, '0611223344', {
    firstName: `Alice${marker}`,
    lastName: `Durand${marker}`,
  });
  const nir = makeNir('2', '1980-01-01');
  await platform.db
    .updateTable('profile')
    .set({ nir, birth_place_insee: '69123', sex: 'F' })
    .where('id', '=', p.profileId)
    .execute();
  const ctx = accountAccess({ accountId: p.accountId, profileId: p.profileId });
  const asthma = await medical.createItem(platform.db, ctx, 'conditions', {
    name: `Asthme ${marker}`,
    since: '2010-05-01',
    note: `note ${marker}`,
  });
  await medical.createItem(platform.db, ctx, 'treatments', {
    name: `Ventoline ${marker}`,
    dose: '2 bouffées',
    frequency: 'asNeeded',
    startDate: '2011-01-01',
    conditionId: asthma.id,
  });
  await medical.createItem(platform.db, ctx, 'allergies', {
    substance: `Pollen ${marker}`,
    reaction: 'Rhinite',
    severity: 'mild',
  });
  await medical.createItem(platform.db, ctx, 'allergies', { substance: 'Arachide', severity: 'severe' });
  await medical.createItem(platform.db, ctx, 'vaccinations', {
    vaccine: 'Grippe',
    date: '2024-10-15',
    doseNumber: 1,
    batch: 'LOT42',
    vaccinator: `Dr ${marker}`,
  });
  await medical.createItem(platform.db, ctx, 'contacts', {
    role: 'emergency',
    name: `Paul ${marker}`,
    relation: 'frère',
    phone: '0601020304',
    email: 'paul@example.org',
  });
  await medical.addMeasure(platform.db, ctx, 'weight', { measuredAt: '2025-07-01T08:30', value: 70.5 });
  await medical.addMeasure(platform.db, ctx, 'height', { measuredAt: '2025-01-10T09:00', value: 1.68 });
  await medical.addMeasure(platform.db, ctx, 'bloodPressure', {
    measuredAt: '2025-02-03T18:45',
    systolic: 128,
    diastolic: 82,
  });
  await medical.addMeasure(platform.db, ctx, 'glucose', {
    measuredAt: '2025-03-04T07:00',
    value: 95,
    moment: 'fasting',
  });
  await saveWishes(platform.db, ctx, {
    directives: `Mes directives ${marker}`,
    donationStance: 'favorable',
    donationNote: `note don ${marker}`,
  });
  const deps = { db: platform.db, blobs: platform.blobs };
  const docs = [];
  docs.push(
    await storeUpload(deps, ctx, {
      bytes: Buffer.from(`Compte rendu ${marker}\n`, 'utf8'),
      name: `compte-rendu-${marker}.txt`,
      space: 'health',
    }),
  );
  docs.push(
    await storeUpload(deps, ctx, {
      bytes: Buffer.from(`Résultats ${marker}\n`, 'utf8'),
      name: 'résultats labo.txt',
      space: 'health',
    }),
  );
  docs.push(
    await storeUpload(deps, ctx, {
      bytes: Buffer.from(`Attestation ${marker}\n`, 'utf8'),
      name: 'attestation.txt',
      space: 'admin',
    }),
  );
  await platform.db
    .updateTable('document')
    .set({ hidden_from_professionals: true, title: `Caché PS ${marker}` })
    .where('id', '=', docs[0]!.id)
    .execute();
  await platform.db
    .updateTable('document')
    .set({ hidden_from_representatives: true })
    .where('id', '=', docs[1]!.id)
    .execute();
  return { ...p, nir, ctx, docs, marker };
}
