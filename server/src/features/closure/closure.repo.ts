import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';
import { HEALTH_TABLES } from '../../platform/health-tables.js';

/** SQL of closure and export. Every function takes the access context first and reaches its profile only. */

const archiveColumns = [
  'id',
  'status',
  'progress',
  'size_bytes',
  'created_at',
  'ready_at',
  'expires_at',
  'blob_keys',
  'requested_by',
] as const;

export async function insertArchive(db: Executor, ctx: AccessContext, requestedBy: string) {
  return db
    .insertInto('export_archive')
    .values({ profile_id: requireProfileAccess(ctx), requested_by: requestedBy })
    .returning([...archiveColumns])
    .executeTakeFirstOrThrow();
}

/** The archive in preparation, if any (a second request while one is prepared returns it). */
export async function pendingArchive(db: Executor, ctx: AccessContext) {
  return db
    .selectFrom('export_archive')
    .select([...archiveColumns])
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('status', 'in', ['pending', 'running'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function latestArchive(db: Executor, ctx: AccessContext) {
  return db
    .selectFrom('export_archive')
    .select([...archiveColumns])
    .where('profile_id', '=', requireProfileAccess(ctx))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
export type ArchiveRow = NonNullable<Awaited<ReturnType<typeof latestArchive>>>;

export async function findArchive(db: Executor, ctx: AccessContext, id: string) {
  return db
    .selectFrom('export_archive')
    .select([...archiveColumns])
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setArchiveProgress(
  db: Executor,
  ctx: AccessContext,
  id: string,
  progress: number,
  status: 'running' | 'failed' = 'running',
) {
  await db
    .updateTable('export_archive')
    .set({ progress, status })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', '=', id)
    .execute();
}

export async function finishArchive(
  db: Executor,
  ctx: AccessContext,
  id: string,
  keys: string[],
  size: number,
  expiresAt: Date,
) {
  await db
    .updateTable('export_archive')
    .set({
      status: 'ready',
      progress: 100,
      blob_keys: keys,
      size_bytes: size,
      ready_at: new Date(),
      expires_at: expiresAt,
    })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', '=', id)
    .execute();
}

export async function insertTicket(
  db: Executor,
  ctx: AccessContext,
  archiveId: string,
  tokenHash: Buffer,
  expiresAt: Date,
) {
  await db
    .insertInto('export_ticket')
    .values({
      token_hash: tokenHash,
      archive_id: archiveId,
      profile_id: requireProfileAccess(ctx),
      expires_at: expiresAt,
    })
    .execute();
}

/** Uses up a ticket: true when it was valid (unused, unexpired, for this archive of this profile). */
export async function takeTicket(
  db: Executor,
  ctx: AccessContext,
  archiveId: string,
  tokenHash: Buffer,
): Promise<boolean> {
  const r = await db
    .updateTable('export_ticket')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('archive_id', '=', archiveId)
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) return false;
  await db.updateTable('export_archive').set({ fetched_at: new Date() }).where('id', '=', archiveId).execute();
  return true;
}

/** Bookkeeping of the export job (before any access is decided): who asked for the archive, and its state. */
export async function archiveForJob(db: Executor, archiveId: string, profileId: string) {
  return db
    .selectFrom('export_archive as a')
    .innerJoin('account', 'account.id', 'a.requested_by')
    .innerJoin('profile', 'profile.id', 'account.profile_id')
    .select(['a.status', 'account.id as accountId', 'account.profile_id as requesterProfileId', 'profile.email'])
    .where('a.id', '=', archiveId)
    .where('a.profile_id', '=', profileId)
    .executeTakeFirst();
}

/** Bookkeeping of the expiry job (no data is read): ready archives past their date, any profile. */
export async function expiredArchives(db: Executor, now: Date) {
  return db
    .selectFrom('export_archive')
    .select(['id', 'profile_id', 'blob_keys'])
    .where('status', '=', 'ready')
    .where('expires_at', '<=', now)
    .limit(500)
    .execute();
}

export async function markArchiveExpired(db: Executor, ctx: AccessContext, id: string) {
  await db
    .updateTable('export_archive')
    .set({ status: 'expired', blob_keys: [] })
    .where('profile_id', '=', requireProfileAccess(ctx))
    .where('id', '=', id)
    .execute();
}

/** One page of the profile's access journal, oldest first (keyset on seq). */
export async function journalPage(db: Executor, ctx: AccessContext, afterSeq: number, limit = 1000) {
  return db
    .selectFrom('journal')
    .select(['seq', 'at', 'actor_kind', 'actor_id', 'on_behalf_of', 'action', 'resource_type', 'resource_id', 'reason'])
    .where('chain_id', '=', requireProfileAccess(ctx))
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
export type JournalRow = Awaited<ReturnType<typeof journalPage>>[number];

// Tables holding the person's data, deleted child tables first. A feature that adds a health table lists
// it in HEALTH_TABLES: eraseProfileData() deletes its rows too (by profile_id) without being edited.
const ERASE_FIRST = [
  'export_ticket',
  'export_archive',
  'document_upload',
  'document',
  'document_setting',
  'medical_item',
  'measure',
  'medical_wishes',
  'care_event',
];

/**
 * Definitive deletion of a closed space (R10.2): every health row, the person's relations, account,
 * sessions, codes and messages sent to them; the profile row is reduced to what the journal needs (id,
 * NIR, sex, birth date, status and dates). Returns the blob keys to erase (documents, archives, uploads).
 * The journal itself is kept: append-only, it holds ids and actions, never health content.
 */
export async function eraseProfileData(trx: Executor, ctx: AccessContext): Promise<string[]> {
  const id = requireProfileAccess(ctx);
  const keys = [
    ...(await trx.selectFrom('document').select('blob_key').where('profile_id', '=', id).execute()).map(
      (r) => r.blob_key,
    ),
    ...(await trx.selectFrom('document_upload').select('blob_key').where('profile_id', '=', id).execute()).map(
      (r) => r.blob_key,
    ),
    ...(await trx.selectFrom('export_archive').select('blob_keys').where('profile_id', '=', id).execute()).flatMap(
      (r) => r.blob_keys,
    ),
  ];
  const p = await trx.selectFrom('profile').select(['email', 'phone']).where('id', '=', id).executeTakeFirstOrThrow();
  const account = await trx
    .selectFrom('account')
    .select(['id', 'username'])
    .where('profile_id', '=', id)
    .executeTakeFirst();
  for (const t of ERASE_FIRST) await sql`delete from ${sql.table(t)} where profile_id = ${id}`.execute(trx);
  const others = HEALTH_TABLES.filter((t) => !ERASE_FIRST.includes(t));
  for (const t of others) await sql`delete from ${sql.table(t)} where profile_id = ${id}`.execute(trx);
  await trx
    .deleteFrom('representative_invitation')
    .where((eb) => eb.or([eb('profile_id', '=', id), eb('representative_id', '=', id), eb('invited_by', '=', id)]))
    .execute();
  await trx
    .deleteFrom('representation')
    .where((eb) => eb.or([eb('profile_id', '=', id), eb('representative_id', '=', id)]))
    .execute();
  await trx
    .deleteFrom('caregiving')
    .where((eb) => eb.or([eb('profile_id', '=', id), eb('caregiver_id', '=', id)]))
    .execute();
  for (const t of [
    'access_report',
    'emergency_access',
    'emergency_setting',
    'professional_access',
    'notification_setting',
  ] as const) {
    await trx.deleteFrom(t).where('profile_id', '=', id).execute();
  }
  await trx.deleteFrom('activation_flow').where('profile_id', '=', id).execute();
  await trx.deleteFrom('provisional_code').where('profile_id', '=', id).execute();
  const addresses = [p.email, p.phone].filter((a): a is string => !!a);
  if (addresses.length) {
    await trx
      .deleteFrom('outbox_message')
      .where('recipient', 'in', addresses)
      .where('status', '!=', 'pending')
      .execute();
    await trx.deleteFrom('one_time_code').where('destination', 'in', addresses).execute();
  }
  if (account) {
    await trx.deleteFrom('session').where('account_id', '=', account.id).execute();
    await trx.deleteFrom('login_attempt').where('account_id', '=', account.id).execute();
    await trx
      .deleteFrom('auth_throttle')
      .where('key', 'in', [
        `login:${account.username.toLowerCase()}`,
        `login-code:${account.id}`,
        `reauth:${account.id}`,
      ])
      .execute();
    await trx.deleteFrom('account').where('id', '=', account.id).execute();
  }
  await trx
    .updateTable('profile')
    .set({
      birth_name: '',
      first_names: '',
      used_first_name: '',
      email: null,
      phone: null,
      postal_address: null,
      vitale_serial: null,
      birth_place_insee: null,
      enrolment_batch: null,
      email_verified_at: null,
      phone_verified_at: null,
      deleted_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  return keys;
}

/** Closed spaces whose 10 years of archive are over, or whose deletion was asked (bookkeeping, any profile). */
export async function spacesToErase(db: Executor, now: Date) {
  const rows = await db
    .selectFrom('profile')
    .select('id')
    .where('status', '=', 'closed')
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('archive_until', '<=', now), eb('deletion_requested_at', 'is not', null)]))
    .limit(100)
    .execute();
  return rows.map((r) => r.id);
}
