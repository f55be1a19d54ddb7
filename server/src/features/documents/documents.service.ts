import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.js';
import os from 'node:os';
import type { Db } from '../../platform/db.js';
import { processAlive, type BlobStore } from '../../platform/blobs.js';
import type { AccessContext } from '../../platform/access.js';
import type { Relation } from '../../platform/profile-access.js';
import { AppError } from '../../platform/errors.js';
import { ageOn } from '../../../../shared/src/nir.js';
import { journal, withJournal } from '../../platform/journal.js';
import { ADMIN_CATEGORY, type DocumentPatch, type DocumentView, type Space } from '../../../../shared/src/documents.js';
import { findDocument, hideNewByDefault, listDocuments, setHideNewByDefault, type ListFilter, type Visibility } from './documents.repo.js';
import { presentDocument } from './documents.presenter.js';
import { cleanFileName, inspectDocument } from './documents.inspect.js';

export interface Deps {
  db: Db;
  blobs: BlobStore;
}
/** Who asks, as decided by authorize(). */
export interface Viewer {
  ctx: AccessContext;
  relation: Relation;
}

/** A legal representative never sees what was hidden from representatives (R4.5, R7.6). */
export function visibility(relation: Relation): Visibility {
  return { hideFromRepresentatives: relation === 'representative' };
}

/** The documents of one space, with the profile's settings. */
export async function listForViewer({ db }: Deps, v: Viewer, filter: ListFilter) {
  return withJournal(db, v.ctx, { action: 'document.list', resourceType: 'document', detail: { space: filter.space } }, async (trx) => ({
    documents: (await listDocuments(trx, v.ctx, visibility(v.relation), filter)).map((r) => presentDocument(r, v.relation)),
    settings: { hideNewFromProfessionals: await hideNewByDefault(trx, v.ctx) },
    canHideFromRepresentatives: v.relation === 'self',
  }));
}

/** One document's metadata and decrypted bytes, journaled as a read. */
export async function readFile({ db, blobs }: Deps, v: Viewer, id: string) {
  const row = await withJournal(db, v.ctx, { action: 'document.read', resourceType: 'document', resourceId: id }, async (trx) => {
    const found = await findDocument(trx, v.ctx, visibility(v.relation), id);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  });
  return { row, data: await blobs.get(row.blob_key) };
}

const writer = `${os.hostname()}:${process.pid}`;

/** A document's fields other than its file, as the caller decides them (upload or import). */
export type NewDocument = Pick<Insertable<Database['document']>, 'title' | 'category' | 'space' | 'document_date' | 'author_kind' | 'file_name' | 'mime_type' | 'type_code' | 'import_ref'>;

/**
 * Stores a file that passed the content rules: an upload intent committed before the blob is written,
 * then the document row, its journal line and the intent's removal in one transaction. A crash leaves at
 * most an intent, which recoverUploads() undoes; a failure erases the blob. Returns the new row's id.
 */
export async function storeInspected({ db, blobs }: Deps, ctx: AccessContext, data: Buffer, fields: NewDocument, detail: Record<string, unknown> = {}): Promise<string> {
  const key = randomUUID();
  const profileId = ctx.profileId!;
  await db.insertInto('document_upload').values({ blob_key: key, profile_id: profileId, writer }).execute();
  try {
    const stored = await blobs.put(data, key);
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('document')
        .values({ ...fields, profile_id: profileId, size_bytes: stored.size, sha256: stored.sha256, blob_key: key, author_professional_id: null, hidden_from_professionals: await hideNewByDefault(trx, ctx) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('document_upload').where('blob_key', '=', key).execute();
      await journal(trx, ctx, { action: 'document.create', resourceType: 'document', resourceId: row.id, detail });
      return row.id;
    });
  } catch (err) {
    await blobs.delete(key).catch(() => {});
    await db.deleteFrom('document_upload').where('blob_key', '=', key).execute().catch(() => {});
    throw err;
  }
}

/** An upload by the person (or someone acting for them): content rules, then storeInspected(). */
export async function storeUpload(deps: Deps, v: Viewer, file: { bytes: Buffer; name?: string; space: Space }): Promise<DocumentView> {
  const inspected = await inspectDocument(file.bytes);
  const fileName = cleanFileName(file.name, inspected.extension);
  const id = await storeInspected(deps, v.ctx, inspected.data, {
    title: fileName.replace(/\.[a-z]+$/, ''),
    category: file.space === 'admin' ? ADMIN_CATEGORY : 'AUTR_DOC',
    space: file.space,
    document_date: new Date().toISOString().slice(0, 10),
    author_kind: 'patient',
    file_name: fileName,
    mime_type: inspected.mimeType,
  }, { converted: inspected.converted });
  const row = await findDocument(deps.db, v.ctx, visibility(v.relation), id);
  return presentDocument(row!, v.relation, { converted: inspected.converted });
}

/** « Je modifie les informations de mon document »: title, category, date, confidentiality. */
export async function updateDocument({ db }: Deps, v: Viewer, id: string, patch: DocumentPatch): Promise<DocumentView> {
  if (patch.hiddenFromRepresentatives !== undefined && v.relation !== 'self') throw new AppError('FORBIDDEN');
  return withJournal(db, v.ctx, { action: 'document.update', resourceType: 'document', resourceId: id, detail: { fields: Object.keys(patch) } }, async (trx) => {
    const row = await findDocument(trx, v.ctx, visibility(v.relation), id);
    if (!row) throw new AppError('NOT_FOUND');
    if (patch.category && (patch.category === ADMIN_CATEGORY) !== (row.space === 'admin')) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.category', message: 'Choisissez une catégorie de la liste.' }]);
    }
    if (patch.category === 'DIR_ANT') {
      // R4.5: minors cannot write advance directives, nor file them as a document.
      const owner = await trx.selectFrom('profile').select('birth_date').where('id', '=', row.profile_id).executeTakeFirstOrThrow();
      if (ageOn(owner.birth_date) < 18) throw new AppError('DIRECTIVES_ADULTS_ONLY');
    }
    await trx
      .updateTable('document')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.category !== undefined ? { category: patch.category } : {}),
        ...(patch.documentDate !== undefined ? { document_date: patch.documentDate } : {}),
        ...(patch.hiddenFromProfessionals !== undefined ? { hidden_from_professionals: patch.hiddenFromProfessionals } : {}),
        ...(patch.hiddenFromRepresentatives !== undefined ? { hidden_from_representatives: patch.hiddenFromRepresentatives } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', row.id)
      .execute();
    return presentDocument((await findDocument(trx, v.ctx, visibility(v.relation), id))!, v.relation);
  });
}

/** Deletes the row (journaled), then erases the blob once the deletion is committed. */
export async function deleteDocument({ db, blobs }: Deps, v: Viewer, id: string): Promise<void> {
  const key = await withJournal(db, v.ctx, { action: 'document.delete', resourceType: 'document', resourceId: id }, async (trx) => {
    const row = await findDocument(trx, v.ctx, visibility(v.relation), id);
    if (!row) throw new AppError('NOT_FOUND');
    await trx.deleteFrom('document').where('id', '=', row.id).execute();
    return row.blob_key;
  });
  await blobs.delete(key);
}

/** The "hide new documents from professionals" switch. */
export async function updateSettings({ db }: Deps, v: Viewer, hide: boolean): Promise<{ hideNewFromProfessionals: boolean }> {
  return withJournal(db, v.ctx, { action: 'document.settings', resourceType: 'profile', resourceId: v.ctx.profileId!, detail: { hide } }, async (trx) => {
    await setHideNewByDefault(trx, v.ctx, hide);
    return { hideNewFromProfessionals: hide };
  });
}

/**
 * Undoes the uploads a dead process left half done: the intents written on this host by a process that
 * is gone, or older than a day. Their blobs (complete or not) are erased; no document row refers to them.
 */
export async function recoverUploads({ db, blobs }: Deps): Promise<number> {
  const rows = await db.selectFrom('document_upload').select(['blob_key', 'writer', 'created_at']).execute();
  let undone = 0;
  for (const r of rows) {
    const [host, pid] = r.writer.split(':');
    const stale = Date.now() - r.created_at.getTime() > 86_400_000;
    if (!stale && (host !== os.hostname() || processAlive(Number(pid)))) continue;
    await blobs.delete(r.blob_key);
    await db.deleteFrom('document_upload').where('blob_key', '=', r.blob_key).execute();
    undone++;
  }
  return undone;
}
