import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import type { AccessContext } from '../../platform/access.js';
import { recordOn } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal } from '../../platform/journal.js';
import { sendLater } from '../../platform/outbox.js';
import { emailLocale } from '../../platform/locale.js';
import { verifyPassword } from '../../platform/passwords.js';
import { endAllSessions, type SessionUser } from '../../platform/session.js';
import { newToken } from '../../platform/tokens.js';
import { clearFailures, isLocked, recordFailure } from '../identity/throttle.js';
import type { ExportView } from '../../../../shared/src/routes/closure.routes.js';
import * as repo from './closure.repo.js';

/** The queues of this feature: preparing an archive, and erasing a closed space. */
export const EXPORT_QUEUE = 'closure-export';
export const ERASE_QUEUE = 'closure-erase';
/** How long the ZIP stays fetchable, and how long a space stays archived (CSP R1111-36). */
export const EXPORT_DAYS = 7;
export const ARCHIVE_YEARS = 10;
const REAUTH = { max: 5, windowMinutes: 15, lockMinutes: 15 };

/**
 * Re-authentication before closing or fetching the archive: the password of the account that acts
 * (argon2id), throttled per account; a failure is journaled on the profile acted on.
 */
export async function reauthenticate(
  platform: Platform,
  ctx: AccessContext,
  user: SessionUser,
  password: string,
): Promise<void> {
  const key = `reauth:${user.accountId}`;
  if (await isLocked(platform.db, key)) throw new AppError('RATE_LIMITED');
  const account = await platform.db
    .selectFrom('account')
    .select('password_hash')
    .where('id', '=', user.accountId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(account.password_hash, password))) {
    await recordFailure(platform.db, key, REAUTH);
    await platform.db
      .transaction()
      .execute((trx) => journal(trx, recordOn(ctx.actor, ctx.profileId), { action: 'closure.reauth-failed' }));
    throw new AppError('REAUTH_FAILED');
  }
  await clearFailures(platform.db, key);
}

export function presentArchive(r: repo.ArchiveRow): ExportView {
  return {
    id: r.id,
    status: r.status,
    progress: r.progress,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    createdAt: r.created_at.toISOString(),
    readyAt: r.ready_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
  };
}

/** What the « Clôture du profil » page shows before anything is asked. */
export async function closureStatus(platform: Platform, ctx: AccessContext) {
  const p = await platform.db
    .selectFrom('profile')
    .select(['used_first_name', 'creation_due_at'])
    .where('id', '=', ctx.profileId!)
    .executeTakeFirstOrThrow();
  const childAccount =
    ctx.relation === 'representative'
      ? await platform.db.selectFrom('account').select('id').where('profile_id', '=', ctx.profileId!).executeTakeFirst()
      : undefined;
  const latest = await repo.latestArchive(platform.db, ctx);
  return {
    relation: ctx.relation === 'representative' ? ('representative' as const) : ('self' as const),
    firstName: p.used_first_name,
    withinOppositionWindow: !!p.creation_due_at && p.creation_due_at.getTime() > Date.now(),
    creationDueAt: p.creation_due_at?.toISOString() ?? null,
    childHasAccount: !!childAccount,
    latestExport: latest ? presentArchive(latest) : null,
  };
}

const closedText = (date: string) =>
  `Bonjour,\n\nLe profil Mon espace santé a été clôturé le ${date} à la demande de son titulaire ou de son représentant légal.` +
  `\nToutes les connexions ont été fermées. Si vous n'êtes pas à l'origine de cette demande, contactez l'Assurance Maladie.\n`;

const closedTextEn = (date: string) =>
  `Hello,\n\nThe Mon espace santé profile was closed on ${date} at the request of its holder or legal representative.` +
  `\nEvery session has been ended. If you did not make this request, contact the Assurance Maladie.\n`;

/**
 * « Clôturer le profil » (R10): the password again, then in one transaction the profile closed (archived
 * 10 years, or its deletion asked), every session of its account ended, the closure journaled, the
 * e-mails written (the person, or the representative and the child's own account), and the deletion
 * job enqueued when asked. Returns whether the caller's own session ended.
 */
export async function closeSpace(
  platform: Platform,
  ctx: AccessContext,
  user: SessionUser,
  input: { downloadFirst: boolean; deleteData: boolean; password: string },
) {
  await reauthenticate(platform, ctx, user, input.password);
  const profileId = ctx.profileId!;
  return platform.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('profile')
      .select(['status', 'email'])
      .where('id', '=', profileId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (p.status === 'closed') throw new AppError('PROFILE_CLOSED');
    const now = new Date();
    await sql`update profile set status = 'closed', closed_at = ${now}, archive_until = ${now}::timestamptz + make_interval(years => ${ARCHIVE_YEARS}),
              deletion_requested_at = ${input.deleteData ? now : null} where id = ${profileId}`.execute(trx);
    const account = await trx.selectFrom('account').select('id').where('profile_id', '=', profileId).executeTakeFirst();
    const ended = account ? await endAllSessions(trx, account.id) : 0;
    await journal(trx, ctx, {
      action: 'closure.close',
      resourceType: 'profile',
      resourceId: profileId,
      detail: { deletion: input.deleteData, downloadFirst: input.downloadFirst, sessionsEnded: ended },
    });
    const date = now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
    const to = new Set<string>();
    if (p.email) to.add(p.email);
    if (ctx.relation === 'representative') {
      const rep = await trx.selectFrom('profile').select('email').where('id', '=', user.profileId).executeTakeFirst();
      if (rep?.email) to.add(rep.email);
    }
    for (const address of to) {
      const en = (await emailLocale(trx, address)) === 'en';
      await sendLater(trx, platform.queue, {
        channel: 'email',
        to: address,
        subject: en ? 'Closure of the Mon espace santé profile' : 'Clôture du profil Mon espace santé',
        text: en ? closedTextEn(now.toLocaleDateString('en-GB', { timeZone: 'Europe/Paris' })) : closedText(date),
        kind: 'profile-closed',
      });
    }
    if (input.deleteData) await platform.queue.enqueue(trx, ERASE_QUEUE, { profileId });
    return { closed: true as const, deletion: input.deleteData, signedOut: ctx.relation === 'self' };
  });
}

/** « Télécharger mes données »: a new archive prepared by the export job (or the one already in preparation). */
export async function requestExport(platform: Platform, ctx: AccessContext, user: SessionUser): Promise<ExportView> {
  return platform.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${'export:' + ctx.profileId}))`.execute(trx);
    const pending = await repo.pendingArchive(trx, ctx);
    if (pending) return presentArchive(pending);
    const row = await repo.insertArchive(trx, ctx, user.accountId);
    await platform.queue.enqueue(trx, EXPORT_QUEUE, { archiveId: row.id, profileId: ctx.profileId });
    await journal(trx, ctx, { action: 'closure.export-requested', resourceType: 'export', resourceId: row.id });
    return presentArchive(row);
  });
}

export async function latestExport(platform: Platform, ctx: AccessContext): Promise<ExportView | null> {
  const r = await repo.latestArchive(platform.db, ctx);
  return r ? presentArchive(r) : null;
}

const TICKET_MINUTES = 5;

/** The password again, then a one-time link to the ready archive (the link in the e-mail only leads here). */
export async function exportTicket(
  platform: Platform,
  ctx: AccessContext,
  user: SessionUser,
  archiveId: string,
  password: string,
): Promise<{ url: string }> {
  const a = await repo.findArchive(platform.db, ctx, archiveId);
  if (!a) throw new AppError('NOT_FOUND');
  if (a.status === 'pending' || a.status === 'running') throw new AppError('EXPORT_NOT_READY');
  if (a.status !== 'ready' || !a.expires_at || a.expires_at.getTime() <= Date.now())
    throw new AppError('EXPORT_EXPIRED');
  await reauthenticate(platform, ctx, user, password);
  const { token, hash } = newToken();
  await repo.insertTicket(platform.db, ctx, archiveId, hash, new Date(Date.now() + TICKET_MINUTES * 60_000));
  return { url: `/api/profiles/${ctx.profileId}/export/${archiveId}/file?ticket=${token}` };
}
