import type { Db } from '../../platform/db.js';
import type { AccessContext } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { journal, journalSigningKey, withJournal } from '../../platform/journal.js';
import { publicKeyOf } from '../../platform/journal-signing.js';
import { writeExtract, type ExtractLine } from '../../platform/journal-extract.js';
import { actionsOfKind, type ActivityKind } from '../../../../shared/src/professionals/journal-actions.js';
import * as repo from './activity.repo.js';
import { presentActivity } from './access.presenter.js';

/** « Historique d'activité » (R8.6): the journal read by the patient, the reports, the signed extract. */

const PAGE = 100;

export async function activity(db: Db, ctx: AccessContext, q: { group: 'professionals' | 'mine'; kind?: ActivityKind; from?: string; to?: string; before?: number }) {
  return withJournal(db, ctx, { action: 'journal.read', detail: { group: q.group, ...(q.kind ? { kind: q.kind } : {}) } }, async (trx) => {
    const rows = await repo.activityPage(trx, ctx, { ...q, actions: q.kind ? actionsOfKind(q.kind) : undefined, limit: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    return { lines: page.map((r) => presentActivity(r, ctx)), next: rows.length > PAGE ? Number(page[page.length - 1]!.seq) : null };
  });
}

/** Reports a day an account may make (the real service rate-limits « Signaler »). */
export const REPORTS_PER_DAY = 5;

/** « Signaler un accès »: on a professional's line only; once per line; a few a day per account. */
export async function report(db: Db, ctx: AccessContext, seq: number, description: string) {
  const accountId = 'accountId' in ctx.actor ? ctx.actor.accountId : null;
  if (!accountId) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const line = await repo.professionalLine(trx, ctx, seq);
    if (!line) throw new AppError('NOT_FOUND');
    if ((await repo.reportsSince(trx, ctx, accountId, new Date(Date.now() - 24 * 3600_000))) >= REPORTS_PER_DAY) throw new AppError('RATE_LIMITED');
    const row = await repo.insertReport(trx, ctx, { seq, professionalId: line.actor_id, accountId, description });
    if (!row) throw new AppError('ACCESS_ALREADY_REPORTED');
    await journal(trx, ctx, { action: 'access.report', resourceType: 'access_report', resourceId: row.id, detail: { seq } });
    return { reportedAt: row.created_at.toISOString() };
  });
}

/**
 * The whole chain of the profile, signed. The extract's own journal line is written first, in the same
 * transaction, so the extract ends with it and its head is the chain's head.
 */
export async function extract(db: Db, ctx: AccessContext): Promise<string> {
  const key = journalSigningKey();
  if (!key) throw new AppError('UNAVAILABLE');
  return db.transaction().execute(async (trx) => {
    await journal(trx, ctx, { action: 'journal.extract' });
    const head = (await repo.chainHead(trx, ctx))!;
    const lines: ExtractLine[] = [];
    for (let after = 0; ; ) {
      const rows = await repo.chainPage(trx, ctx, after, 5000);
      if (!rows.length) break;
      for (const r of rows) {
        const { hash, prev_hash, at, seq, ...rest } = r;
        lines.push({ ...rest, seq: Number(seq), at: at.toISOString(), prev_hash: prev_hash.toString('hex'), hash: hash.toString('hex') });
      }
      after = Number(rows[rows.length - 1]!.seq);
    }
    return writeExtract(key, publicKeyOf(key), head.chain_id, lines, { seq: Number(head.seq), hash: head.hash });
  });
}
