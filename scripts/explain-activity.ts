import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.js';
import { startRuntime } from '../server/src/platform/runtime.js';
import { systemAccess } from '../server/src/platform/access.js';
import { activityQuery, type ActivityFilter } from '../server/src/features/access/activity.repo.js';
import { actionsOfKind } from '../shared/src/professionals/journal-actions.js';

/**
 * `npx tsx scripts/explain-activity.ts [lines]`: fills the journal of a scratch database (DATA_DIR,
 * EMBEDDED_PG_PORT or DATABASE_URL) with `lines` lines (default 2 000 000): one patient's chain holds half,
 * 2 % of them a professional's, the rest spread over 10 000 other chains; then prints the plan and time of
 * each « Historique d'activité » query. Hashes are placeholders: run it on a database you throw away.
 */
async function main() {
  const total = Number(process.argv[2] ?? 2_000_000);
  const runtime = await startRuntime(loadConfig(), (m) => console.error(m));
  const db = runtime.db;
  try {
    const big = randomUUID();
    const pro = await db
      .insertInto('professional')
      .values({ rpps: String(Date.now()).slice(-11).padStart(11, '1'), profession_code: '10', first_name: 'Paul', last_name: 'Bench', specialty: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const half = Math.floor(total / 2);
    console.error(`filling ${total} lines…`);
    const started = Date.now();
    await sql`
      insert into journal (chain_id, seq, at, actor_kind, actor_id, action, reason, detail, prev_hash, hash)
      select ${big}::uuid, g, now() - make_interval(secs => ${half} - g),
        case when g % 50 = 0 then 'professional' else 'patient' end,
        case when g % 50 = 0 then ${pro.id} else 'acc' end,
        case when g % 50 = 0 then 'document.read' when g % 7 = 0 then 'document.create' else 'document.list' end,
        case when g % 5000 = 0 then 'emergency' else 'normal' end, '{}', '\\x00', '\\x00'
      from generate_series(1, ${half}) g`.execute(db);
    await sql`
      insert into journal (chain_id, seq, at, actor_kind, actor_id, action, reason, detail, prev_hash, hash)
      select ('00000000-0000-4000-8000-' || lpad((g % 10000)::text, 12, '0'))::uuid, g / 10000 + 1, now(),
        'patient', 'acc', 'document.list', 'normal', '{}', '\\x00', '\\x00'
      from generate_series(0, ${total - half - 1}) g`.execute(db);
    await sql`analyze journal`.execute(db);
    console.log(`${total} lines in ${((Date.now() - started) / 1000).toFixed(0)} s; explaining (each run twice, the second shown)`);
    const ctx = systemAccess('explain', big);
    const cases: [string, Omit<ActivityFilter, 'limit'>][] = [
      ['professionals, first page', { group: 'professionals' }],
      ['professionals, deep page', { group: 'professionals', before: Math.floor(half / 10) }],
      ['mine, first page', { group: 'mine' }],
      ['mine, deep page', { group: 'mine', before: Math.floor(half / 10) }],
      ['professionals, kind read', { group: 'professionals', kind: undefined, actions: actionsOfKind('read') }],
      ['mine, kind write', { group: 'mine', actions: actionsOfKind('write') }],
      ['professionals, one day a week ago', { group: 'professionals', from: day(-7), to: day(-7) }],
      ['mine, a period with no line', { group: 'mine', from: '2020-01-01', to: '2020-01-31' }],
    ] as never;
    for (const [name, f] of cases) {
      const q = activityQuery(db, ctx, { ...f, limit: 101 });
      await q.explain('text', sql`analyze`);
      const plan = (await q.explain('text', sql`analyze, buffers`)).map((r) => String(r['QUERY PLAN']));
      const time = plan.find((l) => l.startsWith('Execution Time'));
      console.log(`\n== ${name}: ${time}`);
      console.log(plan.filter((l) => /Scan|Limit|Filter|Rows Removed|Buffers: shared/.test(l)).slice(0, 8).join('\n'));
    }
  } finally {
    await runtime.close();
  }
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
}

await main();
