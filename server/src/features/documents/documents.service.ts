import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.js';
import os from 'node:os';
import type { Db, Executor } from '../../platform/db.js';
import { processAlive, type BlobStore } from '../../platform/blobs.js';
import type { AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { allows } from '../../platform/profile-access.js';
import { isMinor } from '../../../../shared/src/age.js';
import { birthDate } from '../../platform/profiles.repo.js';
import { journal, withJournal } from '../../platform/journal.js';
import { ADMIN_CATEGORY, type DocumentPatch, type DocumentView, type Space } from '../../../../shared/src/documents.js';
import * as repo from './documents.repo.js';
import type { ListFilter } from './documents.repo.js';
import { presentDocument } from './documents.presenter.js';
import { cleanFileName, inspectDocument } from './documents.inspect.js';

export interface Deps {
  db: Db;
  blobs: BlobStore;
}

/** The documents of one space, with the profile's settings. */
export async function listForViewer({ db }: Deps, ctx: AccessContext, filter: ListFilter) {
  return withJournal(
    db,
    ctx,
    { action: 'document.list', resourceType: 'document', detail: { space: filter.space } },
    async (trx) => ({
      documents: (await repo.listDocuments(trx, ctx, filter)).map((r) => presentDocument(r, ctx)),
      settings: { hideNewFromProfessionals: await repo.hideNewByDefault(trx, ctx) },
      canHideFromRepresentatives: allows(ctx, 'privacy:manage'),
      canHideFromProfessionals: allows(ctx, 'access:manage'),
    }),
  );
}

/** One document's metadata and decrypted bytes, journaled as a read. */
export async function readFile({ db, blobs }: Deps, ctx: AccessContext, id: string) {
  const row = await withJournal(
    db,
    ctx,
    { action: 'document.read', resourceType: 'document', resourceId: id },
    async (trx) => {
      const found = await repo.findDocument(trx, ctx, id);
      if (!found) throw new AppError('NOT_FOUND');
      return found;
    },
  );
  return { row, data: await blobs.get(row.blob_key) };
}

/**
 * Titles of the documents among `ids` the context still sees (a message draft's chosen documents); the
 * caller journals the read in the transaction `db` belongs to.
 */
export async function documentTitles(db: Executor, ctx: AccessContext, ids: string[]) {
  const out: { id: string; title: string }[] = [];
  for (const id of ids) {
    const d = await repo.findDocument(db, ctx, id);
    if (d) out.push({ id: d.id, title: d.title });
  }
  return out;
}

const writer = `${os.hostname()}:${process.pid}`;

/** A document's fields other than its file, as the caller decides them (upload or import). */
export type NewDocument = Pick<
  Insertable<Database['document']>,
  | 'title'
  | 'category'
  | 'space'
  | 'document_date'
  | 'author_kind'
  | 'file_name'
  | 'mime_type'
  | 'type_code'
  | 'import_ref'
  | 'author_professional_id'
  | 'invisible_to_patient'
>;

/**
 * Stores a file that passed the content rules: an upload intent committed before the blob is written,
 * then the document row, its journal line and the intent's removal in one transaction. A crash leaves at
 * most an intent, which recoverUploads() undoes; a failure erases the blob. Returns the new row, as the
 * same transaction sees it.
 */
export async function storeInspected(
  { db, blobs }: Deps,
  ctx: AccessContext,
  data: Buffer,
  fields: NewDocument,
  detail: Record<string, unknown> = {},
) {
  const key = randomUUID();
  await repo.insertUploadIntent(db, ctx, key, writer);
  try {
    const stored = await blobs.put(data, key);
    return await db.transaction().execute(async (trx) => {
      const id = await repo.insertDocument(trx, ctx, {
        ...fields,
        size_bytes: stored.size,
        sha256: stored.sha256,
        blob_key: key,
        author_professional_id: fields.author_professional_id ?? null,
        hidden_from_professionals: await repo.hideNewByDefault(trx, ctx),
      });
      await repo.deleteUploadIntent(trx, ctx, key);
      await journal(trx, ctx, { action: 'document.create', resourceType: 'document', resourceId: id, detail });
      return (await repo.findDocument(trx, ctx, id))!;
    });
  } catch (err) {
    await blobs.delete(key).catch(() => {});
    await repo.deleteUploadIntent(db, ctx, key).catch(() => {});
    throw err;
  }
}

/** An upload by the person (or someone acting for them): content rules, then storeInspected(). */
export async function storeUpload(
  deps: Deps,
  ctx: AccessContext,
  file: { bytes: Buffer; name?: string; space: Space },
): Promise<DocumentView> {
  const inspected = await inspectDocument(file.bytes);
  const fileName = cleanFileName(file.name, inspected.extension);
  const row = await storeInspected(
    deps,
    ctx,
    inspected.data,
    {
      title: fileName.replace(/\.[a-z]+$/, ''),
      category: file.space === 'admin' ? ADMIN_CATEGORY : 'AUTR_DOC',
      space: file.space,
      document_date: new Date().toISOString().slice(0, 10),
      author_kind: 'patient',
      file_name: fileName,
      mime_type: inspected.mimeType,
    },
    { converted: inspected.converted },
  );
  return presentDocument(row, ctx, { converted: inspected.converted });
}

/** « Je modifie les informations de mon document »: title, category, date, confidentiality. */
export async function updateDocument(
  { db }: Deps,
  ctx: AccessContext,
  id: string,
  patch: DocumentPatch,
): Promise<DocumentView> {
  return withJournal(
    db,
    ctx,
    { action: 'document.update', resourceType: 'document', resourceId: id, detail: { fields: Object.keys(patch) } },
    async (trx) => {
      const row = await repo.findDocument(trx, ctx, id);
      if (!row) throw new AppError('NOT_FOUND');
      if (patch.category && (patch.category === ADMIN_CATEGORY) !== (row.space === 'admin')) {
        throw new AppError('VALIDATION_FAILED', undefined, [
          { path: 'body.category', message: 'Choisissez une catégorie de la liste.' },
        ]);
      }
      // R4.5: minors cannot write advance directives, nor file them as a document.
      if (patch.category === 'DIR_ANT' && isMinor(await birthDate(trx, ctx)))
        throw new AppError('DIRECTIVES_ADULTS_ONLY');
      const changed = await repo.updateDocument(trx, ctx, id, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.category !== undefined ? { category: patch.category } : {}),
        ...(patch.documentDate !== undefined ? { document_date: patch.documentDate } : {}),
        ...(patch.hiddenFromProfessionals !== undefined
          ? { hidden_from_professionals: patch.hiddenFromProfessionals }
          : {}),
        ...(patch.hiddenFromRepresentatives !== undefined
          ? { hidden_from_representatives: patch.hiddenFromRepresentatives }
          : {}),
      });
      // Deleted by another request since it was read: the same answer as a document that never was.
      const after = changed ? await repo.findDocument(trx, ctx, id) : undefined;
      if (!after) throw new AppError('NOT_FOUND');
      return presentDocument(after, ctx);
    },
  );
}

/** Deletes the row (journaled), then erases the blob once the deletion is committed. */
export async function deleteDocument({ db, blobs }: Deps, ctx: AccessContext, id: string): Promise<void> {
  const key = await withJournal(
    db,
    ctx,
    { action: 'document.delete', resourceType: 'document', resourceId: id },
    async (trx) => {
      const blobKey = await repo.deleteDocument(trx, ctx, id);
      if (!blobKey) throw new AppError('NOT_FOUND');
      return blobKey;
    },
  );
  await blobs.delete(key);
}

/** The "hide new documents from professionals" switch. */
export async function updateSettings(
  { db }: Deps,
  ctx: AccessContext,
  hide: boolean,
): Promise<{ hideNewFromProfessionals: boolean }> {
  return withJournal(
    db,
    ctx,
    { action: 'document.settings', resourceType: 'profile', resourceId: ctx.profileId!, detail: { hide } },
    async (trx) => {
      await repo.setHideNewByDefault(trx, ctx, hide);
      return { hideNewFromProfessionals: hide };
    },
  );
}

/**
 * Undoes the uploads a dead process left half done: the intents written on this host by a process that
 * is gone, or older than a day. Their blobs (complete or not) are erased; no document row refers to them.
 */
export async function recoverUploads({ db, blobs }: Deps): Promise<number> {
  const rows = await repo.listUploadIntents(db);
  let undone = 0;
  for (const r of rows) {
    const [host, pid] = r.writer.split(':');
    const stale = Date.now() - r.created_at.getTime() > 86_400_000;
    if (!stale && (host !== os.hostname() || processAlive(Number(pid)))) continue;
    await blobs.delete(r.blob_key);
    await repo.forgetUploadIntent(db, r.blob_key);
    undone++;
  }
  return undone;
}
