import { createHash } from 'node:crypto';
import type { Bundle, CapabilityStatement, DocumentReference, FhirResource, OperationOutcome } from 'fhir/r4';
import type { Db, Trx } from '../../platform/db.js';
import type { BlobStore } from '../../platform/blobs.js';
import type { AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { withJournal } from '../../platform/journal.js';
import { MAX_DOCUMENT_BYTES, typeCodes } from '../../../../shared/src/documents.js';
import type { ItemKind } from '../../../../shared/src/medical.js';
import * as documents from '../documents/documents.repo.js';
import * as medical from '../medical/medical.repo.js';
import * as pro from '../professionals/pro.service.js';
import { personOf } from './fhir.export.js';
import * as map from './fhir.map.js';
import * as c from './fhir.codes.js';

/** The FHIR R4 API's answers (routes in fhir.api.ts): what the context granted by the guard may see. */

export interface ApiDeps {
  db: Db;
  blobs: BlobStore;
  /** PUBLIC_URL/fhir/R4. */
  base: string;
}

/** Paging of a search: `_count` entries from `_offset`, and the search's own URL for the Bundle's links. */
export interface Paging {
  count: number;
  offset: number;
  /** The search URL without _count/_offset (PUBLIC_URL/fhir/R4/Type?patient=…). */
  url: string;
}

/** The most `_count` may ask, and what a search without it answers. */
export const MAX_COUNT = 100;
export const DEFAULT_COUNT = 50;

/** The paging a search asks with `_count` and `_offset` (already checked by the route's schema). */
export function pagingOf(base: string, type: string, query: Record<string, unknown>): Paging {
  const params = new URLSearchParams();
  for (const k of ['patient', 'subject', 'identifier'])
    if (typeof query[k] === 'string') params.set(k, query[k] as string);
  const count = query._count === undefined ? DEFAULT_COUNT : Math.min(Number(query._count), MAX_COUNT);
  return { count, offset: Number(query._offset ?? 0), url: `${base}/${type}?${params.toString()}` };
}

/** The page of `rows` a paging asks for, and the Bundle's links (self, next and previous when there are). */
export function pageOf<T>(rows: T[], p?: Paging): { rows: T[]; total: number; link?: Bundle['link'] } {
  if (!p) return { rows, total: rows.length };
  const at = (offset: number, count = p.count) => `${p.url}&_count=${count}&_offset=${offset}`;
  const link: NonNullable<Bundle['link']> = [{ relation: 'self', url: at(p.offset) }];
  if (p.count > 0 && p.offset + p.count < rows.length) link.push({ relation: 'next', url: at(p.offset + p.count) });
  if (p.offset > 0 && p.count > 0) link.push({ relation: 'previous', url: at(Math.max(0, p.offset - p.count)) });
  return { rows: rows.slice(p.offset, p.offset + p.count), total: rows.length, link };
}

/** A searchset Bundle of `resources`, with an optional OperationOutcome entry explaining an empty answer. */
export function searchset(
  base: string,
  resources: FhirResource[],
  note?: string,
  page?: { total: number; link?: Bundle['link'] },
): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: page?.total ?? resources.length,
    ...(page?.link ? { link: page.link } : {}),
    entry: [
      ...resources.map((r) => ({
        fullUrl: `${base}/${r.resourceType}/${r.id}`,
        resource: r,
        search: { mode: 'match' as const },
      })),
      ...(note
        ? [{ resource: outcome('information', 'informational', note), search: { mode: 'outcome' as const } }]
        : []),
    ],
  };
}

/** An OperationOutcome of one issue. */
export function outcome(
  severity: 'error' | 'information',
  code: OperationOutcome['issue'][number]['code'],
  text: string,
  details?: string,
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code,
        ...(details ? { details: { coding: [{ system: 'urn:carnet:error', code: details }], text } } : {}),
        diagnostics: text,
      },
    ],
  };
}

/** The journal line of a FHIR read: which resources, how many, which software. */
function read<T>(
  db: Db,
  ctx: AccessContext,
  resource: string,
  client: string | undefined,
  fn: (trx: Trx) => Promise<T>,
) {
  return withJournal(db, ctx, { action: 'fhir.read', resourceType: 'fhir', detail: { resource, client } }, fn);
}

export async function patient(deps: ApiDeps, ctx: AccessContext, client?: string) {
  return read(deps.db, ctx, 'Patient', client, async (trx) => map.patientResource(await personOf(trx, ctx)));
}

/** The Patient search: the one patient of the INS, or none (the guard found no space with it). */
export async function patientSearch(deps: ApiDeps, ctx: AccessContext | null, client?: string) {
  if (!ctx) return searchset(deps.base, []);
  return searchset(deps.base, [await patient(deps, ctx, client)]);
}

async function docRef(deps: ApiDeps, patientId: string, row: documents.DocumentRow, data?: Buffer) {
  const bytes = data ?? (await deps.blobs.get(row.blob_key));
  return map.documentReferenceResource(patientId, row, createHash('sha1').update(bytes).digest('base64'));
}

/** The documents the professional may read (matrix, MASQUE_PS, INVISIBLE_PATIENT: the repository's filter). */
export async function documentSearch(deps: ApiDeps, ctx: AccessContext, client?: string, paging?: Paging) {
  const rows = await read(deps.db, ctx, 'DocumentReference', client, (trx) =>
    documents.listDocuments(trx, ctx, { space: 'health', sort: 'date_desc' }),
  );
  // Only the page's files are read (for their hash).
  const page = pageOf(rows, paging);
  const out: FhirResource[] = [];
  for (const r of page.rows) out.push(await docRef(deps, ctx.profileId!, r));
  return searchset(deps.base, out, undefined, page);
}

/** One document, read (and its refusal journaled) as the portal reads it. */
export async function documentRead(deps: ApiDeps, ctx: AccessContext, id: string) {
  const { row, data } = await pro.readDocumentFile(deps, ctx, id.toLowerCase());
  return docRef(deps, ctx.profileId!, row, data);
}

export async function binaryRead(deps: ApiDeps, ctx: AccessContext, id: string) {
  const { row, data } = await pro.readDocumentFile(deps, ctx, id.toLowerCase());
  return { row, data, resource: map.binaryResource(row.id, row.mime_type, data, ctx.profileId!) };
}

const itemTypes = {
  Condition: ['conditions', map.conditionResource],
  AllergyIntolerance: ['allergies', map.allergyResource],
  Immunization: ['vaccinations', map.immunizationResource],
} as const satisfies Record<string, [ItemKind, (patientId: string, r: map.ItemRowLike) => FhirResource]>;

/** Conditions, allergies or vaccinations: the sections the portal shows an authorized professional. */
export async function itemSearch(
  deps: ApiDeps,
  ctx: AccessContext,
  type: keyof typeof itemTypes,
  client?: string,
  paging?: Paging,
) {
  const [kind, toResource] = itemTypes[type];
  const rows = (await read(deps.db, ctx, type, client, (trx) =>
    medical.listItems(trx, ctx, kind),
  )) as map.ItemRowLike[];
  const page = pageOf(rows, paging);
  return searchset(
    deps.base,
    page.rows.map((r) => toResource(ctx.profileId!, r)),
    undefined,
    page,
  );
}

/** One condition, allergy or vaccination of the patient the guard resolved from its id (404 otherwise). */
export async function itemRead(
  deps: ApiDeps,
  ctx: AccessContext,
  type: keyof typeof itemTypes,
  id: string,
  client?: string,
) {
  const [kind, toResource] = itemTypes[type];
  const row = await read(deps.db, ctx, type, client, (trx) => medical.findItem(trx, ctx, kind, id.toLowerCase()));
  if (!row) throw new AppError('NOT_FOUND'); // deleted since the guard found it
  return toResource(ctx.profileId!, row as map.ItemRowLike);
}

/** Measures stay the patient's (the portal shows none to professionals): the search answers none, and says why. */
export async function observationSearch(deps: ApiDeps, ctx: AccessContext, client?: string) {
  await read(deps.db, ctx, 'Observation', client, async () => null);
  return searchset(
    deps.base,
    [],
    'Les mesures de santé restent celles du patient : elles ne sont pas partagées avec les professionnels.',
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}/;
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

/**
 * A deposit from a DocumentReference: the CI-SIS type code (LOINC, from Carnet's list), the file in
 * content[0].attachment.data, the title from description (or the attachment's title, or the type's label),
 * the date from context.period.start or date, INVISIBLE_PATIENT as a security label. Then the portal's
 * deposit: the same content rules, store and journal.
 */
export async function documentCreate(deps: ApiDeps, ctx: AccessContext, body: DocumentReference) {
  const invalid = (why: string) => new AppError('FHIR_RESOURCE_INVALID', `Document refusé : ${why}.`);
  const code = body.type?.coding?.find((k) => k.system === c.LOINC)?.code;
  if (!code || !typeCodes[code]) throw invalid('type.coding doit porter un code LOINC de la liste CI-SIS de Carnet');
  const att = body.content?.[0]?.attachment;
  if (!att?.data || !BASE64.test(att.data)) throw invalid('le fichier manque (content[0].attachment.data, en base64)');
  const bytes = Buffer.from(att.data, 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('DOCUMENT_TOO_LARGE');
  const title = (body.description ?? att.title ?? typeCodes[code].label).trim().slice(0, 200) || typeCodes[code].label;
  const date = body.context?.period?.start ?? body.date;
  const documentDate = date && DAY.test(date) ? date.slice(0, 10) : undefined;
  const invisibleToPatient = !!body.securityLabel?.some((l) => l.coding?.some((k) => k.code === 'INVISIBLE_PATIENT'));
  const view = await pro.deposit(
    deps,
    ctx,
    { bytes, name: att.title },
    { typeCode: code, title, documentDate, invisibleToPatient },
  );
  const row = await documents.findDocument(deps.db, ctx, view.id);
  return docRef(deps, ctx.profileId!, row!);
}

/** The CapabilityStatement: what the API serves, how to authenticate (SMART Backend Services). */
export function capabilityStatement(base: string, tokenUrl: string): CapabilityStatement {
  const byPatient = [{ name: 'patient', type: 'reference' as const, documentation: 'Patient/<id> (obligatoire)' }];
  const searchOnly = (type: string) => ({
    type,
    interaction: [{ code: 'search-type' as const }],
    searchParam: byPatient,
  });
  const readAndSearch = (type: string) => ({
    ...searchOnly(type),
    interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-02',
    publisher: 'Carnet',
    kind: 'instance',
    software: { name: 'Carnet' },
    implementation: { description: 'Carnet — API FHIR R4 pour les logiciels des professionnels de santé', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
            },
          ],
          description: `OAuth 2 client_credentials, assertion private_key_jwt (RS384 ou ES384) : ${tokenUrl}`,
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: tokenUrl }],
            },
          ],
        },
        resource: [
          {
            type: 'Patient',
            profile: c.PATIENT_INS_PROFILE,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [{ name: 'identifier', type: 'token', documentation: `${c.INS_NIR}|<NIR> : l'INS seulement` }],
          },
          {
            type: 'DocumentReference',
            profile: c.PDSM_DOCREF,
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }],
            searchParam: byPatient,
          },
          { type: 'Binary', interaction: [{ code: 'read' }] },
          searchOnly('Observation'),
          readAndSearch('Condition'),
          readAndSearch('AllergyIntolerance'),
          readAndSearch('Immunization'),
        ],
      },
    ],
  };
}
