import type { Platform } from '../../platform/platform.js';
import { systemAccess } from '../../platform/access.js';
import { journal } from '../../platform/journal.js';
import * as repo from './closure.repo.js';
import { ERASE_QUEUE, EXPORT_QUEUE } from './closure.service.js';
import { runExport } from './closure.export.js';

export const PURGE_QUEUE = 'closure-purge';

/**
 * Definitive deletion of a closed space: the blobs first (each file carries its own key, wrapped in its
 * header: erasing the file destroys the key), then every row in one transaction with its journal line.
 * Retried by pg-boss until done; running it twice is harmless.
 */
export async function eraseSpace(
  platform: Pick<Platform, 'db' | 'blobs'>,
  profileId: string,
): Promise<{ blobs: number }> {
  const ctx = systemAccess('closure-erase', profileId);
  const p = await platform.db
    .selectFrom('profile')
    .select(['status', 'deleted_at'])
    .where('id', '=', profileId)
    .executeTakeFirst();
  if (!p || p.status !== 'closed' || p.deleted_at) return { blobs: 0 };
  return platform.db.transaction().execute(async (trx) => {
    const keys = await repo.eraseProfileData(trx, ctx);
    for (const k of keys) await platform.blobs.delete(k);
    await journal(trx, ctx, {
      action: 'closure.erased',
      resourceType: 'profile',
      resourceId: profileId,
      detail: { files: keys.length },
    });
    return { blobs: keys.length };
  });
}

/**
 * The daily purge: ready archives past their date are erased, and closed spaces whose 10 years of archive
 * are over (or whose deletion was asked and not yet done) are deleted.
 */
export async function purge(
  platform: Pick<Platform, 'db' | 'blobs'>,
  now = new Date(),
): Promise<{ archives: number; spaces: number }> {
  let archives = 0;
  for (const a of await repo.expiredArchives(platform.db, now)) {
    for (const k of a.blob_keys) await platform.blobs.delete(k);
    const ctx = systemAccess('closure-purge', a.profile_id);
    await platform.db.transaction().execute(async (trx) => {
      await repo.markArchiveExpired(trx, ctx, a.id);
      await journal(trx, ctx, { action: 'closure.export-expired', resourceType: 'export', resourceId: a.id });
    });
    archives++;
  }
  let spaces = 0;
  for (const id of await repo.spacesToErase(platform.db, now)) {
    await eraseSpace(platform, id);
    spaces++;
  }
  return { archives, spaces };
}

/** Declares the queues (every process may enqueue). */
export async function declareClosureQueues(platform: Pick<Platform, 'queue'>): Promise<void> {
  await platform.queue.declare(EXPORT_QUEUE, { retryLimit: 2, retryDelay: 30, retryBackoff: true });
  await platform.queue.declare(ERASE_QUEUE, { retryLimit: 10, retryDelay: 60, retryBackoff: true });
  await platform.queue.declare(PURGE_QUEUE, { retryLimit: 3 });
}

/** Starts the workers: exports, erasures, and the daily purge (03:17, Paris time). */
export async function startClosureJobs(platform: Platform): Promise<void> {
  await declareClosureQueues(platform);
  await platform.queue.boss.work<{ archiveId: string; profileId: string }>(EXPORT_QUEUE, async ([job]) => {
    if (job) await runExport(platform, job.data.archiveId, job.data.profileId);
  });
  await platform.queue.boss.work<{ profileId: string }>(ERASE_QUEUE, async ([job]) => {
    if (job) await eraseSpace(platform, job.data.profileId);
  });
  await platform.queue.boss.schedule(PURGE_QUEUE, '17 3 * * *', {}, { tz: 'Europe/Paris' });
  await platform.queue.boss.work(PURGE_QUEUE, async () => {
    await purge(platform);
  });
}
