import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../../platform/db.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import type { Space } from '../../../../shared/src/documents.js';
import { matrixRow } from '../../../../shared/src/professionals/access-matrix.js';

export interface ListFilter {
  space: Space;
  category?: string;
  q?: string;
  sort: 'date_desc' | 'date_asc';
}

/** The profile's documents that the context's holder may see (what it sees travels in the context). */
function visible(db: Executor, ctx: AccessContext) {
  const profileId = requireProfileAccess(ctx);
  let q = db
    .selectFrom('document')
    .leftJoin('professional', 'professional.id', 'document.author_professional_id')
    .selectAll('document')
    .select(['professional.first_name as pro_first_name', 'professional.last_name as pro_last_name'])
    .where('document.profile_id', '=', profileId);
  if (!ctx.sees.hiddenFromRepresentatives) q = q.where('document.hidden_from_representatives', '=', false);
  if (!ctx.sees.invisibleToPatient) q = q.where('document.invisible_to_patient', '=', false);
  if (ctx.professional) return q.where(professionalReadable(ctx));
  if (!ctx.sees.hiddenFromProfessionals) q = q.where('document.hidden_from_professionals', '=', false);
  return q;
}

/**
 * mayReadDocument (shared/src/professionals/access-matrix.ts) as SQL: the author's own deposits, or a
 * health document not hidden from professionals (unless the context sees those) whose type code (or,
 * without one, category) the profession's matrix row allows. The matrix test checks both agree.
 */
function professionalReadable(ctx: AccessContext) {
  const pro = ctx.professional!;
  const row = matrixRow(pro.professionCode);
  return (eb: ExpressionBuilder<Database & { professional: Database['professional'] }, 'document'>) => {
    const typed =
      row.types === '*'
        ? row.excludedCodes.length
          ? eb('document.type_code', 'not in', [...row.excludedCodes])
          : sql<boolean>`true`
        : row.types.length
          ? eb('document.type_code', 'in', [...row.types])
          : sql<boolean>`false`;
    const untyped =
      row.categories === '*' ? sql<boolean>`true` : eb('document.category', 'in', [...row.categories, '']);
    const byMatrix = eb.and([
      eb('document.space', '=', 'health'),
      ...(ctx.sees.hiddenFromProfessionals ? [] : [eb('document.hidden_from_professionals', '=', false)]),
      eb.or([
        eb.and([eb('document.type_code', 'is not', null), typed]),
        eb.and([eb('document.type_code', 'is', null), untyped]),
      ]),
    ]);
    return eb.or([eb('document.author_professional_id', '=', pro.id), byMatrix]);
  };
}
export type DocumentRow = Awaited<ReturnType<ReturnType<typeof visible>['executeTakeFirstOrThrow']>>;

/** The profile's documents of one space, filtered by category and title, sorted by date. */
export async function listDocuments(db: Executor, ctx: AccessContext, f: ListFilter): Promise<DocumentRow[]> {
  let q = visible(db, ctx).where('document.space', '=', f.space);
  if (f.category) q = q.where('document.category', '=', f.category);
  if (f.q?.trim())
    q = q.where(sql<boolean>`document.title ilike ${'%' + f.q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const dir = f.sort === 'date_asc' ? sql`asc` : sql`desc`;
  return q
    .orderBy(sql`coalesce(document.document_date, document.created_at::date) ${dir}`)
    .orderBy('document.created_at', f.sort === 'date_asc' ? 'asc' : 'desc')
    .execute();
}

/** One document of the profile, or undefined when it does not exist or is not visible to the viewer. */
export async function findDocument(db: Executor, ctx: AccessContext, id: string): Promise<DocumentRow | undefined> {
  return visible(db, ctx).where('document.id', '=', id).executeTakeFirst();
}

/** The profile's "hide new documents from professionals" switch. */
export async function hideNewByDefault(db: Executor, ctx: AccessContext): Promise<boolean> {
  const row = await db
    .selectFrom('document_setting')
    .select('hide_new_from_professionals')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .executeTakeFirst();
  return row?.hide_new_from_professionals ?? false;
}

export async function setHideNewByDefault(db: Executor, ctx: AccessContext, hide: boolean): Promise<void> {
  await db
    .insertInto('document_setting')
    .values({ profile_id: requireProfileAccess(ctx), hide_new_from_professionals: hide, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('profile_id').doUpdateSet({ hide_new_from_professionals: hide, updated_at: new Date() }),
    )
    .execute();
}

/** Upload intent, committed before the blob is written, so a crash leaves something to undo. */
export async function insertUploadIntent(
  db: Executor,
  ctx: AccessContext,
  blobKey: string,
  writer: string,
): Promise<void> {
  await db
    .insertInto('document_upload')
    .values({ blob_key: blobKey, profile_id: requireProfileAccess(ctx), writer })
    .execute();
}

export async function deleteUploadIntent(db: Executor, ctx: AccessContext, blobKey: string): Promise<void> {
  await db
    .deleteFrom('document_upload')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('blob_key', '=', blobKey)
    .execute();
}

/** A new document row of the context's profile. */
export async function insertDocument(
  db: Executor,
  ctx: AccessContext,
  row: Omit<Insertable<Database['document']>, 'profile_id'>,
): Promise<string> {
  const r = await db
    .insertInto('document')
    .values({ ...row, profile_id: requireProfileAccess(ctx) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Changes a visible document's fields; false when it is gone (deleted meanwhile) or not visible. */
export async function updateDocument(
  db: Executor,
  ctx: AccessContext,
  id: string,
  set: Updateable<Database['document']>,
): Promise<boolean> {
  const r = await db
    .updateTable('document')
    .set({ ...set, updated_at: new Date() })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', 'in', visible(db, ctx).clearSelect().select('document.id').where('document.id', '=', id))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Deletes a visible document; returns its blob key, or undefined when there was none to delete. */
export async function deleteDocument(db: Executor, ctx: AccessContext, id: string): Promise<string | undefined> {
  const r = await db
    .deleteFrom('document')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', 'in', visible(db, ctx).clearSelect().select('document.id').where('document.id', '=', id))
    .returning('blob_key')
    .executeTakeFirst();
  return r?.blob_key;
}

/** Whether the profile has a document with this operator import reference (imports are idempotent). */
export async function hasImportRef(db: Executor, ctx: AccessContext, importRef: string): Promise<boolean> {
  const r = await db
    .selectFrom('document')
    .select('id')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('import_ref', '=', importRef)
    .executeTakeFirst();
  return r !== undefined;
}

/** Upload intents of every profile, for crash recovery at start (Carnet itself, no person's data). */
export async function listUploadIntents(db: Executor) {
  return db.selectFrom('document_upload').select(['blob_key', 'writer', 'created_at']).execute();
}

export async function forgetUploadIntent(db: Executor, blobKey: string): Promise<void> {
  await db.deleteFrom('document_upload').where('blob_key', '=', blobKey).execute();
}

/** INVISIBLE_PATIENT lifted by the document's author (a professional); false when not theirs or gone. */
export async function releaseToPatient(db: Executor, ctx: AccessContext, id: string): Promise<boolean> {
  const r = await db
    .updateTable('document')
    .set({ invisible_to_patient: false, updated_at: new Date() })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', '=', id)
    .where('author_professional_id', '=', ctx.professional?.id ?? null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
