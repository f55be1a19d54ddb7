import { createHash } from 'node:crypto';
import type { BundleEntry, FhirResource } from 'fhir/r4';
import type { Executor } from '../../platform/db.js';
import type { BlobStore } from '../../platform/blobs.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import { itemKinds, type ItemKind } from '../../../../shared/src/medical.js';
import { measureKinds, type MeasureKind } from '../../../../shared/src/measures.js';
import * as medical from '../medical/medical.repo.js';
import * as documents from '../documents/documents.repo.js';
import { journalPage } from '../closure/closure.repo.js';
import * as map from './fhir.map.js';
import { messagesForExport } from './fhir.repo.js';
import { openMessage } from '../messaging/messaging.seal.js';

export interface ExportDeps {
  db: Executor;
  blobs: BlobStore;
  /** The FHIR base the entries' fullUrl hang from (PUBLIC_URL/fhir/R4), so "Patient/id" references resolve. */
  fhirBase?: string;
  /** The messages' key: without it the bundle holds no Communication. */
  messageKey?: Buffer;
}

/** The person's identity as the Patient resource needs it (profile is not a health table). */
export async function personOf(db: Executor, ctx: AccessContext): Promise<map.PersonRow> {
  return db
    .selectFrom('profile')
    .select(['id', 'nir', 'birth_name', 'first_names', 'used_first_name', 'sex', 'birth_date', 'birth_place_insee'])
    .where('id', '=', requireProfileAccess(ctx))
    .executeTakeFirstOrThrow();
}

const itemMappers: Record<ItemKind, (patientId: string, r: map.ItemRowLike) => FhirResource> = {
  conditions: map.conditionResource,
  treatments: map.medicationResource,
  allergies: map.allergyResource,
  vaccinations: map.immunizationResource,
  contacts: map.relatedPersonResource,
};

/** Every resource of the space but the documents' (small: read at once). */
export async function profileResources(db: Executor, ctx: AccessContext): Promise<FhirResource[]> {
  const person = await personOf(db, ctx);
  const out: FhirResource[] = [map.patientResource(person)];
  for (const kind of Object.keys(itemKinds) as ItemKind[]) {
    for (const r of await medical.listItems(db, ctx, kind)) out.push(itemMappers[kind](person.id, r));
  }
  for (const kind of Object.keys(measureKinds) as MeasureKind[]) {
    if (kind === 'bmi') continue; // computed at each read, never stored
    for (const m of await medical.listMeasures(db, ctx, kind))
      out.push(map.observationResource(person.id, { ...m, kind }));
  }
  const wishes = await medical.findWishes(db, ctx);
  if (wishes) out.push(...map.consentResources(person.id, wishes));
  return out;
}

/** The documents the context sees, both spaces, oldest first. */
export async function documentRows(db: Executor, ctx: AccessContext) {
  return [
    ...(await documents.listDocuments(db, ctx, { space: 'health', sort: 'date_asc' })),
    ...(await documents.listDocuments(db, ctx, { space: 'admin', sort: 'date_asc' })),
  ];
}

/**
 * Messages of the space as Communication resources (the export's context decides which: see
 * messagesForExport), each opened with the messages' key; none without the key.
 */
export async function messageResources(db: Executor, ctx: AccessContext, key?: Buffer): Promise<FhirResource[]> {
  if (!key) return [];
  const patientId = requireProfileAccess(ctx);
  const last = new Map<string, string>();
  return (await messagesForExport(db, ctx)).map((m) => {
    const previous = last.get(m.conversation_id) ?? null;
    last.set(m.conversation_id, m.id);
    return map.communicationResource(patientId, m, openMessage(key, m.id, m), previous);
  });
}

const entry = (base: string, r: FhirResource): BundleEntry => ({
  fullUrl: `${base}/${r.resourceType}/${r.id}`,
  resource: r,
});

/**
 * The FHIR R4 Bundle (type collection) of the whole space, as JSON text in pieces: one entry at a time,
 * each document's Binary read from the store only when its turn comes, so a space of 1 GB is never in
 * memory. `onDocument` is told after each document (progress).
 */
export async function* bundleJson(
  deps: ExportDeps,
  ctx: AccessContext,
  onDocument: (done: number) => void = () => {},
): AsyncGenerator<string> {
  const resources = await profileResources(deps.db, ctx);
  const patientId = requireProfileAccess(ctx);
  yield `{"resourceType":"Bundle","id":"${patientId}","type":"collection","timestamp":"${new Date().toISOString()}","entry":[\n`;
  let first = true;
  const base = deps.fhirBase ?? 'http://localhost:3000/fhir/R4';
  const out = function (r: FhirResource) {
    const s = (first ? '' : ',\n') + JSON.stringify(entry(base, r));
    first = false;
    return s;
  };
  for (const r of resources) yield out(r);
  for (const r of await messageResources(deps.db, ctx, deps.messageKey)) yield out(r);
  let done = 0;
  for (const d of await documentRows(deps.db, ctx)) {
    const data = await deps.blobs.get(d.blob_key);
    const sha1 = createHash('sha1').update(data).digest('base64');
    yield out(map.documentReferenceResource(patientId, d, sha1));
    yield out(map.binaryResource(d.id, d.mime_type, data, patientId));
    onDocument(++done);
  }
  for (let after = 0; ;) {
    const page = await journalPage(deps.db, ctx, after);
    if (!page.length) break;
    for (const j of page) yield out(map.auditEventResource(patientId, j));
    after = Number(page[page.length - 1]!.seq);
  }
  yield '\n]}\n';
}
