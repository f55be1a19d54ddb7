import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Executor } from '../../platform/db.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import type { ItemKind } from '../../../../shared/src/medical.js';
import type { MeasureKind } from '../../../../shared/src/measures.js';

/** SQL of the medical profile. Every function takes the access context first and reads its profile only. */

export async function listItems(db: Executor, ctx: AccessContext, kind: ItemKind) {
  return db
    .selectFrom('medical_item')
    .selectAll()
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .execute();
}
export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

export async function countItems(db: Executor, ctx: AccessContext) {
  const rows = await db
    .selectFrom('medical_item')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where('profile_id', '=', requireProfileAccess(ctx))
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])) as Partial<Record<ItemKind, number>>;
}

export async function findItem(db: Executor, ctx: AccessContext, kind: ItemKind, id: string) {
  return db
    .selectFrom('medical_item')
    .selectAll()
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertItem(db: Executor, ctx: AccessContext, kind: ItemKind, data: unknown) {
  return db
    .insertInto('medical_item')
    .values({ profile_id: requireProfileAccess(ctx), kind, data: JSON.stringify(data) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateItem(db: Executor, ctx: AccessContext, kind: ItemKind, id: string, data: unknown) {
  return db
    .updateTable('medical_item')
    .set({ data: JSON.stringify(data), updated_at: new Date() })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', kind)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteItem(db: Executor, ctx: AccessContext, kind: ItemKind, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('medical_item')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Treatments that name a condition: deleting the condition unlinks them. */
export async function unlinkCondition(db: Executor, ctx: AccessContext, conditionId: string): Promise<void> {
  await db
    .updateTable('medical_item')
    .set({ data: sql`data - 'conditionId'`, updated_at: new Date() })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', 'treatments')
    .where(sql<boolean>`data->>'conditionId' = ${conditionId}`)
    .execute();
}

const measureColumns = [
  'id',
  'kind',
  'loinc',
  'ucum',
  'value',
  'value2',
  'moment',
  sql<string>`to_char(measured_at, 'YYYY-MM-DD"T"HH24:MI')`.as('measured_at'),
] as const;

/** Values of one measure, newest first, optionally between two dates (inclusive). */
export async function listMeasures(
  db: Executor,
  ctx: AccessContext,
  kind: MeasureKind,
  range: { from?: string; to?: string } = {},
) {
  let q = db
    .selectFrom('measure')
    .select([...measureColumns])
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', kind);
  if (range.from) q = q.where(sql<boolean>`measured_at >= ${range.from}::date`);
  if (range.to) q = q.where(sql<boolean>`measured_at < ${range.to}::date + 1`);
  return q.orderBy('measured_at', 'desc').orderBy('created_at', 'desc').execute();
}
export type MeasureRow = Awaited<ReturnType<typeof listMeasures>>[number];

/**
 * A measure's values (as listMeasures) with the profile's birth date in the same statement: the history's
 * read is one round trip less (issue 13). The birth date is null when there is no value.
 */
export async function listMeasuresWithBirthDate(
  db: Executor,
  ctx: AccessContext,
  kind: MeasureKind,
  range: { from?: string; to?: string } = {},
): Promise<{ birthDate: string | null; rows: MeasureRow[] }> {
  const profileId = requireProfileAccess(ctx);
  let q = db
    .selectFrom('measure')
    .select([...measureColumns])
    .select(sql<string>`(select birth_date from profile where id = ${profileId})`.as('birth_date'))
    .where('profile_id', '=', profileId)
    .where('kind', '=', kind);
  if (range.from) q = q.where(sql<boolean>`measured_at >= ${range.from}::date`);
  if (range.to) q = q.where(sql<boolean>`measured_at < ${range.to}::date + 1`);
  const rows = await q.orderBy('measured_at', 'desc').orderBy('created_at', 'desc').execute();
  return { birthDate: rows[0]?.birth_date ?? null, rows };
}

/** The latest value of every measure kind of the profile. */
export async function latestMeasures(db: Executor, ctx: AccessContext): Promise<MeasureRow[]> {
  return db
    .selectFrom('measure')
    .distinctOn('kind')
    .select([...measureColumns])
    .where('profile_id', '=', requireProfileAccess(ctx))
    .orderBy('kind')
    .orderBy('measure.measured_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertMeasure(
  db: Executor,
  ctx: AccessContext,
  row: {
    kind: string;
    loinc: string;
    ucum: string;
    value: number;
    value2: number | null;
    moment: string | null;
    measured_at: string;
  },
) {
  return db
    .insertInto('measure')
    .values({ ...row, profile_id: requireProfileAccess(ctx) })
    .returning([...measureColumns])
    .executeTakeFirstOrThrow();
}

export async function updateMeasure(
  db: Executor,
  ctx: AccessContext,
  kind: MeasureKind,
  id: string,
  row: { value: number; value2: number | null; moment: string | null; measured_at: string },
) {
  return db
    .updateTable('measure')
    .set(row)
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', kind)
    .where('id', '=', id)
    .returning([...measureColumns])
    .executeTakeFirst();
}

export async function deleteMeasure(db: Executor, ctx: AccessContext, kind: MeasureKind, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('measure')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function countMeasures(db: Executor, ctx: AccessContext): Promise<number> {
  const r = await db
    .selectFrom('measure')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('profile_id', '=', requireProfileAccess(ctx))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findWishes(db: Executor, ctx: AccessContext) {
  return db
    .selectFrom('medical_wishes')
    .selectAll()
    .where('profile_id', '=', requireProfileAccess(ctx))
    .executeTakeFirst();
}
export type WishesRow = NonNullable<Awaited<ReturnType<typeof findWishes>>>;

export async function saveWishes(db: Executor, ctx: AccessContext, set: Partial<Omit<WishesRow, 'profile_id'>>) {
  const values = { ...set, updated_at: new Date() };
  return db
    .insertInto('medical_wishes')
    .values({ profile_id: requireProfileAccess(ctx), ...values })
    .onConflict((oc) => oc.column('profile_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listCare(
  db: Executor,
  ctx: AccessContext,
  f: { from?: string; to?: string; kind?: string } = {},
) {
  let q = db.selectFrom('care_event').selectAll().where('profile_id', '=', requireProfileAccess(ctx));
  if (f.from) q = q.where('care_date', '>=', f.from);
  if (f.to) q = q.where('care_date', '<=', f.to);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return q.orderBy('care_date', 'desc').orderBy('created_at', 'desc').execute();
}
export type CareRow = Awaited<ReturnType<typeof listCare>>[number];

/** The kinds of care present in the profile's history, for the filter. */
export async function careKinds(db: Executor, ctx: AccessContext): Promise<string[]> {
  const rows = await db
    .selectFrom('care_event')
    .select('kind')
    .distinct()
    .where('profile_id', '=', requireProfileAccess(ctx))
    .orderBy('kind')
    .execute();
  return rows.map((r) => r.kind);
}

export { birthDate } from '../../platform/profiles.repo.js';

/** One imported care line; undefined when the profile already has this insurer reference (imports are idempotent). */
export async function insertCareEvent(
  db: Executor,
  ctx: AccessContext,
  row: Omit<Insertable<Database['care_event']>, 'profile_id'>,
): Promise<string | undefined> {
  const r = await db
    .insertInto('care_event')
    .values({ ...row, profile_id: requireProfileAccess(ctx) })
    .onConflict((oc) => oc.columns(['profile_id', 'import_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}
