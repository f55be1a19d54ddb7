import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { requireProfileAccess, type AccessContext } from '../../platform/access.js';

/** SQL of the journal as the patient reads it: one chain (the profile's), keyset on (chain_id, seq). */

export interface ActivityFilter {
  group: 'professionals' | 'mine';
  actions?: string[];
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

/**
 * A page of the profile's journal, newest first. The professionals' tab reads the partial index of
 * professionals' lines (migration 0012); « mes activités » the primary key backwards. A period bounds
 * `at`, which grows with `seq` on a chain (both are set under the chain head's lock).
 * Plans on a journal of 2 000 000 lines: scripts/explain-activity.ts.
 */
export async function activityPage(db: Executor, ctx: AccessContext, f: ActivityFilter) {
  return activityQuery(db, ctx, f).execute();
}
export type ActivityRow = Awaited<ReturnType<typeof activityPage>>[number];

/** The query of `activityPage`, unexecuted (scripts/explain-activity.ts prints its plans). */
export function activityQuery(db: Executor, ctx: AccessContext, f: ActivityFilter) {
  const chain = requireProfileAccess(ctx);
  let q = db
    .selectFrom('journal as j')
    // actor_id is text (a job's name for the system): cast only under the kind, so the uuid keys are used.
    .leftJoin('professional as p', (join) =>
      join.on(sql<boolean>`p.id = case when j.actor_kind = 'professional' then j.actor_id::uuid end`),
    )
    .leftJoin('account as a', (join) =>
      join.on(sql<boolean>`a.id = case when j.actor_kind in ('representative', 'caregiver') then j.actor_id::uuid end`),
    )
    .leftJoin('profile as ap', 'ap.id', 'a.profile_id')
    // The professional a line is about (resource_type 'professional'), when it is not the actor themselves
    // (a consent, a refused self-block): only the directory is read, so only a professional is ever named.
    .leftJoin('professional as tp', (join) =>
      join.on(
        sql<boolean>`tp.id = case when j.resource_type = 'professional' and j.resource_id is distinct from j.actor_id
          and j.resource_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then j.resource_id::uuid end`,
      ),
    )
    .select([
      'j.seq',
      'j.at',
      'j.actor_kind',
      'j.actor_id',
      'j.action',
      'j.reason',
      sql<string | null>`j.detail->>'mode'`.as('mode'),
      // A refusal's reason (journaled by the access decisions), read only to say it in plain words.
      sql<string | null>`j.detail->>'why'`.as('why'),
      sql<string | null>`j.detail->>'code'`.as('code'),
      sql<string | null>`j.detail->>'status'`.as('status'),
      'p.id as pro_id',
      'p.first_name as pro_first_name',
      'p.last_name as pro_last_name',
      'p.profession_code',
      'tp.first_name as target_first_name',
      'tp.last_name as target_last_name',
      'tp.profession_code as target_profession_code',
      'ap.used_first_name as person_first_name',
      'ap.birth_name as person_last_name',
      sql<Date | null>`(select max(r.created_at) from access_report r
        where r.profile_id = j.chain_id and r.professional_id = p.id)`.as('reported_at'),
    ])
    .where('j.chain_id', '=', chain);
  q =
    f.group === 'professionals'
      ? q.where('j.actor_kind', '=', 'professional')
      : q.where('j.actor_kind', '!=', 'professional');
  if (f.actions) q = q.where('j.action', 'in', f.actions.length ? f.actions : ['']);
  // A period becomes a range of seq (first and last line of the period, found on the (chain_id, at) index),
  // so that the scan by seq starts and stops there instead of filtering its way through the chain.
  if (f.from) {
    q = q.where(sql<boolean>`j.at >= ${f.from}::date`);
    q = q.where(
      sql<boolean>`j.seq >= (select b.seq from journal b
        where b.chain_id = ${chain} and b.at >= ${f.from}::date order by b.at limit 1)`,
    );
  }
  if (f.to) {
    q = q.where(sql<boolean>`j.at < ${f.to}::date + 1`);
    q = q.where(
      sql<boolean>`j.seq <= (select b.seq from journal b
        where b.chain_id = ${chain} and b.at < ${f.to}::date + 1 order by b.at desc limit 1)`,
    );
  }
  if (f.before) q = q.where('j.seq', '<', f.before);
  return q.orderBy('j.seq', 'desc').limit(f.limit);
}

/** A professional's line of the profile's journal (what « Signaler un accès » may name). */
export async function professionalLine(db: Executor, ctx: AccessContext, seq: number) {
  return db
    .selectFrom('journal')
    .select(['seq', 'actor_id'])
    .where('chain_id', '=', requireProfileAccess(ctx))
    .where('seq', '=', seq)
    .where('actor_kind', '=', 'professional')
    .executeTakeFirst();
}

/** Reports the account made since `since` (the rate limit counts them in the database, for every node). */
export async function reportsSince(db: Executor, ctx: AccessContext, accountId: string, since: Date): Promise<number> {
  requireProfileAccess(ctx);
  const r = await db
    .selectFrom('access_report')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('reported_by', '=', accountId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Records a report; null when this line was already reported. */
export async function insertReport(
  db: Executor,
  ctx: AccessContext,
  r: { seq: number; professionalId: string | null; accountId: string; description: string },
) {
  return db
    .insertInto('access_report')
    .values({
      profile_id: requireProfileAccess(ctx),
      journal_seq: r.seq,
      professional_id: r.professionalId,
      reported_by: r.accountId,
      description: r.description,
    })
    .onConflict((oc) => oc.columns(['profile_id', 'journal_seq']).doNothing())
    .returning(['id', 'created_at'])
    .executeTakeFirst();
}

/** The whole chain of the profile in order, a page at a time (for the signed extract). */
export async function chainPage(db: Executor, ctx: AccessContext, after: number, size: number) {
  return db
    .selectFrom('journal')
    .selectAll()
    .where('chain_id', '=', requireProfileAccess(ctx))
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(size)
    .execute();
}

export async function chainHead(db: Executor, ctx: AccessContext) {
  return db.selectFrom('journal_head').selectAll().where('chain_id', '=', requireProfileAccess(ctx)).executeTakeFirst();
}

/** Every report for the operator (all profiles), newest first, with the reported line. */
export async function operatorReports(db: Executor, ctx: AccessContext, status?: 'open' | 'closed') {
  if (ctx.relation !== 'operator') throw new Error('operatorReports: operator context only');
  let q = db
    .selectFrom('access_report as r')
    .leftJoin('professional as p', 'p.id', 'r.professional_id')
    .leftJoin('journal as j', (join) =>
      join.onRef('j.chain_id', '=', 'r.profile_id').onRef('j.seq', '=', 'r.journal_seq'),
    )
    .select([
      'r.id',
      'r.profile_id',
      'r.journal_seq',
      'r.description',
      'r.status',
      'r.created_at',
      'p.rpps',
      'p.first_name',
      'p.last_name',
      'p.profession_code',
      'j.action',
      'j.at',
    ])
    .orderBy('r.created_at', 'desc')
    .limit(1000);
  if (status) q = q.where('r.status', '=', status);
  return q.execute();
}
