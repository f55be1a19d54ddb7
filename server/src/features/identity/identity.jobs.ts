import { sql } from 'kysely';
import type { Platform } from '../../platform/platform.js';
import { systemAccess } from '../../platform/access.js';
import { journalMany } from '../../platform/journal.js';

export const OPPOSITION_WINDOW_QUEUE = 'opposition-window';

/**
 * Moves every enrolled person whose 6-week opposition window has ended to "created" (R1.3), in chunks
 * that several workers may take side by side (SKIP LOCKED); each change is journaled on the person's chain.
 */
export async function applyOppositionWindow(platform: Pick<Platform, 'db'>, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await platform.db.transaction().execute(async (trx) => {
      const rows = await sql<{ id: string }>`
        update profile set status = 'created'
        where id in (select id from profile where status = 'enrolled' and creation_due_at <= ${now}
                     order by creation_due_at limit 500 for update skip locked)
        returning id`.execute(trx);
      await journalMany(
        trx,
        rows.rows.map((r) => ({
          ctx: systemAccess('opposition-window', r.id),
          entry: { action: 'identity.space-created', detail: { reason: 'no-opposition-within-6-weeks' } },
        })),
      );
      return rows.rows.length;
    });
    total += n;
    if (n < 500) return total;
  }
}

/** Registers the hourly opposition-window job, and runs it once at start. */
export async function startIdentityJobs(platform: Platform): Promise<void> {
  await platform.queue.declare(OPPOSITION_WINDOW_QUEUE, { retryLimit: 3 });
  await platform.queue.boss.schedule(OPPOSITION_WINDOW_QUEUE, '7 * * * *', {}, { tz: 'Europe/Paris' });
  await platform.queue.boss.work(OPPOSITION_WINDOW_QUEUE, async () => {
    await applyOppositionWindow(platform);
  });
  await platform.queue.boss.send(OPPOSITION_WINDOW_QUEUE, {});
}
