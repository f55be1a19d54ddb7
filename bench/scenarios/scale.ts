import { sql } from 'kysely';
import { verifyJournal } from '../../server/src/platform/journal.js';
import { defineScenario, type ResultRow } from '../lib/types.js';
import type { Measurement } from '../lib/measure.js';
import { growTo, sampleWithSessions } from '../lib/generate.js';
import { historyPath, spread } from '../lib/spread.js';

const fixed = (label: string, value: number, unit: string): Measurement => ({ label, count: 1, seconds: 1, rate: value, unit, p50Ms: Number.NaN, p99Ms: Number.NaN, non2xx: 0, errors: 0 });

/**
 * Flatness from 10 thousand to a million spaces: the database is grown to each size of BENCH_SCALE_SIZES
 * (default 10000,100000; add 1000000 given the time: 100 M journal lines) with generated people (20
 * weights, 5 documents' metadata, BENCH_SCALE_LINES = 100 journal lines each); at each size, the
 * authenticated read spread over 1,000 of them at a fixed pace (BENCH_SCALE_RATE req/s, default 100, so
 * that every size is loaded alike) and the journal page query of one profile (the newest 50 lines, as a
 * journal page reads them; no HTTP route for it yet) give their p99, compared with the first size's; then
 * the database's size, and per million profiles.
 */
export default defineScenario({
  name: 'scale',
  description: 'p99 of the authenticated read and of a journal page at 10 k / 100 k (/ 1 M) profiles; DB size',
  async run(ctx) {
    const { db } = ctx.platform;
    const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,100000').split(',').map(Number);
    const lines = Number(process.env.BENCH_SCALE_LINES ?? 100);
    const pace = Number(process.env.BENCH_SCALE_RATE ?? 100);
    const rows: ResultRow[] = [];
    let first: { read: number; page: number } | null = null;
    for (const size of sizes) {
      ctx.log(`  growing to ${size.toLocaleString('en')} people`);
      await growTo(db, size, { measures: 20, documents: 5, lines }, ctx.log);
      const sample = await sampleWithSessions(db, 1000);
      // The generated chains are real ones: journal:verify accepts them (checked on one, a full pass is long).
      const check = await verifyJournal(db, sample[0]!.profileId);
      if (check.problems.length || check.lines !== lines) throw new Error(`generated chain: ${JSON.stringify(check)}`);
      const n = size.toLocaleString('en');
      const read = await ctx.http({ label: `read at ${n} profiles (${pace} req/s)`, path: historyPath(sample[0]!), options: { ...spread(sample, `scale-${size}`), overallRate: pace } });
      let i = 0;
      const page = await ctx.rate(
        `journal page at ${n} profiles`,
        () => sql`select seq, at, actor_kind, actor_id, action, resource_type, resource_id, reason from journal
                  where chain_id = ${sample[i++ % sample.length]!.profileId}::uuid order by seq desc limit 50`.execute(db),
        { concurrency: 2, unit: 'pages/s' },
      );
      first ??= { read: read.p99Ms, page: page.p99Ms };
      const versus = `p99 at ${sizes[0]!.toLocaleString('en')}`;
      rows.push({ measurement: read, ratio: read.p99Ms / first.read, versus });
      rows.push({ measurement: page, ratio: page.p99Ms / first.page, versus });
      const bytes = Number((await sql<{ b: string }>`select pg_database_size(current_database()) as b`.execute(db)).rows[0]!.b);
      rows.push({ measurement: fixed(`database size at ${n} profiles`, bytes / 2 ** 30, 'GiB') });
      rows.push({ measurement: fixed(`database size per million profiles (at ${n})`, ((bytes / size) * 1e6) / 2 ** 30, 'GiB') });
      const top = await sql<{ name: string; b: string }>`
        select c.relname as name, pg_total_relation_size(c.oid) as b from pg_class c
        join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and c.relkind = 'r'
        order by 2 desc limit 3`.execute(db);
      ctx.log(`  largest tables at ${n}: ${top.rows.map((t) => `${t.name} ${(Number(t.b) / 2 ** 20).toFixed(0)} MiB`).join(', ')}`);
    }
    return rows;
  },
});
