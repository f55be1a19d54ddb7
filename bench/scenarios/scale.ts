import { sql } from 'kysely';
import { verifyJournal } from '../../server/src/platform/journal.js';
import type { Db } from '../../server/src/platform/db.js';
import { defineScenario, type ResultRow } from '../lib/types.js';
import type { Measurement } from '../lib/measure.js';
import { growTo, sampleWithSessions } from '../lib/generate.js';
import { historyPath, spread } from '../lib/spread.js';

/** The database's size and each table's (with its indexes and TOAST), in bytes. */
async function sizes_(db: Db) {
  const total = Number(
    (await sql<{ b: string }>`select pg_database_size(current_database()) as b`.execute(db)).rows[0]!.b,
  );
  const rows = await sql<{ name: string; b: string }>`
    select c.relname as name, pg_total_relation_size(c.oid) as b from pg_class c
    join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and c.relkind = 'r'`.execute(db);
  return { total, tables: new Map(rows.rows.map((r) => [r.name, Number(r.b)])) };
}

const fixed = (label: string, value: number, unit: string): Measurement => ({
  label,
  count: 1,
  seconds: 1,
  rate: value,
  unit,
  p50Ms: Number.NaN,
  p99Ms: Number.NaN,
  non2xx: 0,
  errors: 0,
});

/**
 * Flatness from 10 thousand to a million spaces: the database is grown to each size of BENCH_SCALE_SIZES
 * (default 10000,100000; add 1000000 given the time: 100 M journal lines) with generated people (20
 * weights, 5 documents' metadata, BENCH_SCALE_LINES = 100 journal lines each); at each size, the
 * authenticated read spread over 1,000 of them at a fixed pace (BENCH_SCALE_RATE req/s, default 100, so
 * that every size is loaded alike) and the journal page query of one profile (the newest 50 lines, as a
 * journal page reads them; no HTTP route for it yet) give their p99, compared with the first size's; then
 * the database's size, and its growth per million profiles with the three tables that take most of it.
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
    let before = { ...(await sizes_(db)), people: 0 };
    for (const size of sizes) {
      ctx.log(`  growing to ${size.toLocaleString('en')} people`);
      await growTo(db, size, { measures: 20, documents: 5, lines }, ctx.log);
      const sample = await sampleWithSessions(db, 1000);
      // The generated chains are real ones: journal:verify accepts them (checked on one, a full pass is long).
      const check = await verifyJournal(db, sample[0]!.profileId);
      if (check.problems.length || check.lines !== lines) throw new Error(`generated chain: ${JSON.stringify(check)}`);
      const n = size.toLocaleString('en');
      const read = await ctx.http({
        label: `read at ${n} profiles (${pace} req/s)`,
        path: historyPath(sample[0]!),
        options: { ...spread(sample, `scale-${size}`), overallRate: pace },
      });
      let i = 0;
      const page = await ctx.rate(
        `journal page at ${n} profiles`,
        () =>
          sql`select seq, at, actor_kind, actor_id, action, resource_type, resource_id, reason from journal
                  where chain_id = ${sample[i++ % sample.length]!.profileId}::uuid order by seq desc limit 50`.execute(
            db,
          ),
        { concurrency: 2, unit: 'pages/s' },
      );
      first ??= { read: read.p99Ms, page: page.p99Ms };
      const versus = `p99 at ${sizes[0]!.toLocaleString('en')}`;
      rows.push({ measurement: read, ratio: read.p99Ms / first.read, versus });
      rows.push({ measurement: page, ratio: page.p99Ms / first.page, versus });
      const after = await sizes_(db);
      rows.push({ measurement: fixed(`database size at ${n} profiles (all of it)`, after.total / 2 ** 30, 'GiB') });
      // What a million more profiles cost: the growth from the previous size (the database also holds what
      // other scenarios wrote), and which tables take it.
      const grown = size - before.people;
      const perMillion = (b: number) => ((b / grown) * 1e6) / 2 ** 30;
      const tables = [...after.tables]
        .map(([t, b]) => [t, b - (before.tables.get(t) ?? 0)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3);
      const split = tables.map(([t, b]) => `${t} ${perMillion(b).toFixed(1)}`).join(', ');
      rows.push({
        measurement: fixed(
          `growth per million profiles, ${before.people.toLocaleString('en')} → ${n} (GiB: ${split})`,
          perMillion(after.total - before.total),
          'GiB',
        ),
      });
      before = { ...after, people: size };
    }
    return rows;
  },
});
