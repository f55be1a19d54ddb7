import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import type { Space } from '../../../../shared/src/documents.js';

/** What the viewer may see: a legal representative never sees documents hidden from representatives. */
export interface Visibility {
  hideFromRepresentatives: boolean;
}

export interface ListFilter {
  space: Space;
  category?: string;
  q?: string;
  sort: 'date_desc' | 'date_asc';
}

function visible(db: Executor, ctx: AccessContext, v: Visibility) {
  const profileId = requireProfileAccess(ctx);
  let q = db
    .selectFrom('document')
    .leftJoin('professional', 'professional.id', 'document.author_professional_id')
    .selectAll('document')
    .select(['professional.first_name as pro_first_name', 'professional.last_name as pro_last_name'])
    .where('document.profile_id', '=', profileId);
  if (v.hideFromRepresentatives) q = q.where('document.hidden_from_representatives', '=', false);
  return q;
}
export type DocumentRow = Awaited<ReturnType<ReturnType<typeof visible>['executeTakeFirstOrThrow']>>;

/** The profile's documents of one space, filtered by category and title, sorted by date. */
export async function listDocuments(db: Executor, ctx: AccessContext, v: Visibility, f: ListFilter): Promise<DocumentRow[]> {
  let q = visible(db, ctx, v).where('document.space', '=', f.space);
  if (f.category) q = q.where('document.category', '=', f.category);
  if (f.q?.trim()) q = q.where(sql<boolean>`document.title ilike ${'%' + f.q.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const dir = f.sort === 'date_asc' ? sql`asc` : sql`desc`;
  return q.orderBy(sql`coalesce(document.document_date, document.created_at::date) ${dir}`).orderBy('document.created_at', f.sort === 'date_asc' ? 'asc' : 'desc').execute();
}

/** One document of the profile, or undefined when it does not exist or is not visible to the viewer. */
export async function findDocument(db: Executor, ctx: AccessContext, v: Visibility, id: string): Promise<DocumentRow | undefined> {
  return visible(db, ctx, v).where('document.id', '=', id).executeTakeFirst();
}

/** The profile's "hide new documents from professionals" switch. */
export async function hideNewByDefault(db: Executor, ctx: AccessContext): Promise<boolean> {
  const row = await db.selectFrom('document_setting').select('hide_new_from_professionals').where('profile_id', '=', requireProfileAccess(ctx)).executeTakeFirst();
  return row?.hide_new_from_professionals ?? false;
}

export async function setHideNewByDefault(db: Executor, ctx: AccessContext, hide: boolean): Promise<void> {
  await db
    .insertInto('document_setting')
    .values({ profile_id: requireProfileAccess(ctx), hide_new_from_professionals: hide, updated_at: new Date() })
    .onConflict((oc) => oc.column('profile_id').doUpdateSet({ hide_new_from_professionals: hide, updated_at: new Date() }))
    .execute();
}
