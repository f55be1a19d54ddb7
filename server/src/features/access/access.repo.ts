import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import type { EmergencySettings, Role } from '../../../../shared/src/professionals/access.js';

/**
 * SQL of the patient's control over professionals (R8): their lists, the emergency switches, the
 * notice preference, the journal as the patient reads it and the reports. Every statement is scoped by
 * the access context's profile.
 */

const proColumns = [
  'professional.id',
  'professional.first_name',
  'professional.last_name',
  'professional.rpps',
  'professional.profession_code',
  'professional.specialty',
  'professional.structure_name',
] as const;

/** Both lists, oldest status first. */
export async function listAccess(db: Executor, ctx: AccessContext) {
  return db
    .selectFrom('professional_access')
    .innerJoin('professional', 'professional.id', 'professional_access.professional_id')
    .select([
      ...proColumns,
      'professional_access.status',
      'professional_access.since',
      'professional_access.administrator',
      'professional_access.role',
      'professional_access.synthesis_sections',
      'professional_access.synthesis_shared_at',
    ])
    .where('professional_access.profile_id', '=', requireProfileAccess(ctx))
    .orderBy('professional.last_name')
    .orderBy('professional.first_name')
    .execute();
}
export type AccessRow = Awaited<ReturnType<typeof listAccess>>[number];

/** One professional of the directory and how they stand to the profile (status null: no row). */
export async function findPro(
  db: Executor,
  ctx: AccessContext,
  professionalId: string,
): Promise<AccessRow | undefined> {
  const row = await db
    .selectFrom('professional')
    .leftJoin('professional_access', (j) =>
      j
        .onRef('professional_access.professional_id', '=', 'professional.id')
        .on('professional_access.profile_id', '=', requireProfileAccess(ctx)),
    )
    .select([
      ...proColumns,
      'professional_access.status',
      'professional_access.since',
      'professional_access.administrator',
      'professional_access.role',
      'professional_access.synthesis_sections',
      'professional_access.synthesis_shared_at',
    ])
    .where('professional.id', '=', professionalId)
    .executeTakeFirst();
  return row as AccessRow | undefined;
}

/**
 * The directory searched the exact way: an RPPS in full, or a last name (then optionally a first name)
 * equal to the one typed, accents and case aside. Never a prefix or a listing of the directory.
 */
export async function searchDirectory(db: Executor, ctx: AccessContext, q: string, page: number, size: number) {
  const profileId = requireProfileAccess(ctx);
  let query = db
    .selectFrom('professional')
    .leftJoin('professional_access', (j) =>
      j
        .onRef('professional_access.professional_id', '=', 'professional.id')
        .on('professional_access.profile_id', '=', profileId),
    )
    .select([
      ...proColumns,
      'professional_access.status',
      'professional_access.since',
      'professional_access.administrator',
      'professional_access.role',
      'professional_access.synthesis_sections',
      'professional_access.synthesis_shared_at',
    ]);
  const digits = q.replace(/\s/g, '');
  if (/^8?\d{11}$/.test(digits)) {
    query = query.where('professional.rpps', '=', digits.slice(-11));
  } else {
    const [last, ...rest] = q.split(/\s+/);
    query = query.where(sql<boolean>`${fold(sql.ref('professional.last_name'))} = ${fold(sql.val(last))}`);
    if (rest.length)
      query = query.where(sql<boolean>`${fold(sql.ref('professional.first_name'))} = ${fold(sql.val(rest.join(' ')))}`);
  }
  return (await query
    .orderBy('professional.last_name')
    .orderBy('professional.first_name')
    .orderBy('professional.id')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute()) as AccessRow[];
}

const FROM = 'àâäáãçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ';
const TO = 'aaaaaceeeeiiiinooooouuuuyyAAAAACEEEEIIIINOOOOOUUUUYY';

/** Case and the common French accents folded away (no extension needed). */
function fold(expr: ReturnType<typeof sql.ref> | ReturnType<typeof sql.val>) {
  // lower() leaves non-ASCII letters alone under the C locale: both cases are translated.
  return sql`lower(translate(${expr}, ${FROM}, ${TO}))`;
}

/** Blocks the professional (a new row, or an authorized one turned blocked): no administrator status. */
export async function block(db: Executor, ctx: AccessContext, professionalId: string) {
  const now = new Date();
  await db
    .insertInto('professional_access')
    .values({
      profile_id: requireProfileAccess(ctx),
      professional_id: professionalId,
      status: 'blocked',
      since: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['profile_id', 'professional_id']).doUpdateSet({
        status: 'blocked',
        since: sql`case when professional_access.status = 'blocked' then professional_access.since else ${now} end`,
        administrator: false,
        synthesis_sections: null,
        synthesis_shared_at: null,
        updated_at: now,
      }),
    )
    .execute();
}

/** Unblocks by deleting the row: the professional needs a new consent (R8.7). True when a blocked row existed. */
export async function unblock(db: Executor, ctx: AccessContext, professionalId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('professional_access')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('professional_id', '=', professionalId)
    .where('status', '=', 'blocked')
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Sets the administrator status of an authorized professional; false when not authorized. */
export async function setAdministrator(
  db: Executor,
  ctx: AccessContext,
  professionalId: string,
  administrator: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable('professional_access')
    .set({ administrator, updated_at: new Date() })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('professional_id', '=', professionalId)
    .where('status', '=', 'authorized')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Records a role of an authorized professional; the role's previous holder loses it (one per role). */
export async function setRole(
  db: Executor,
  ctx: AccessContext,
  professionalId: string,
  role: Role | null,
): Promise<boolean> {
  const profileId = requireProfileAccess(ctx);
  if (role) {
    await db
      .updateTable('professional_access')
      .set({ role: null, updated_at: new Date() })
      .where('profile_id', '=', profileId)
      .where('role', '=', role)
      .where('professional_id', '!=', professionalId)
      .execute();
  }
  const r = await db
    .updateTable('professional_access')
    .set({ role, updated_at: new Date() })
    .where('profile_id', '=', profileId)
    .where('professional_id', '=', professionalId)
    .where('status', '=', 'authorized')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function readEmergency(db: Executor, ctx: AccessContext) {
  return db
    .selectFrom('emergency_setting')
    .select(['samu', 'break_glass', 'hidden_readable'])
    .where('profile_id', '=', requireProfileAccess(ctx))
    .executeTakeFirst();
}

export async function saveEmergency(db: Executor, ctx: AccessContext, s: EmergencySettings) {
  const values = { samu: s.samu, break_glass: s.breakGlass, hidden_readable: s.hiddenReadable, updated_at: new Date() };
  return db
    .insertInto('emergency_setting')
    .values({ profile_id: requireProfileAccess(ctx), ...values })
    .onConflict((oc) => oc.column('profile_id').doUpdateSet(values))
    .returning(['samu', 'break_glass', 'hidden_readable'])
    .executeTakeFirstOrThrow();
}

export async function readNotice(db: Executor, ctx: AccessContext) {
  const r = await db
    .selectFrom('notification_setting')
    .select('accesses')
    .where('profile_id', '=', requireProfileAccess(ctx))
    .executeTakeFirst();
  return r?.accesses ?? 'first';
}

export async function saveNotice(db: Executor, ctx: AccessContext, accesses: 'first' | 'every' | 'never') {
  const now = new Date();
  await db
    .insertInto('notification_setting')
    .values({ profile_id: requireProfileAccess(ctx), accesses, updated_at: now })
    .onConflict((oc) => oc.column('profile_id').doUpdateSet({ accesses, updated_at: now }))
    .execute();
}

/**
 * Shares « la synthèse » with an authorized professional (these sections), or stops sharing it (null);
 * false when the professional is not on the authorized list.
 */
export async function setSynthesisShare(
  db: Executor,
  ctx: AccessContext,
  professionalId: string,
  sections: string[] | null,
): Promise<boolean> {
  const now = new Date();
  const r = await db
    .updateTable('professional_access')
    .set({ synthesis_sections: sections, synthesis_shared_at: sections ? now : null, updated_at: now })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('professional_id', '=', professionalId)
    .where('status', '=', 'authorized')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
