import { defineScenario, type ResultRow } from '../lib/types.js';
import { benchPeople } from '../lib/people.js';
import { historyPath, spread } from '../lib/spread.js';

/**
 * The authenticated request path, end to end: session cookie → session lookup → access decision → read
 * of one measure's history (20 values) → journal line in the read's transaction → commit. For one profile
 * (every request on the same journal chain) and spread over 1,000 profiles; then at 80 % of the spread
 * peak, for its p99; then an authenticated write (add a weight) spread over the same profiles. Each
 * against GET /api/health measured just before, and /api/health against the bare route.
 */
export default defineScenario({
  name: 'read',
  description: 'authenticated read (session → access → read → journal) and write vs GET /api/health',
  async run(ctx) {
    const count = Number(process.env.BENCH_READ_PROFILES ?? 1000);
    ctx.log(`  creating ${count.toLocaleString('en')} people with a session and 20 weights each`);
    const people = await benchPeople(ctx.platform.db, count);
    const baseline = await ctx.baseline();
    const health = await ctx.http({ label: 'GET /api/health', path: '/api/health' });
    const one = await ctx.http({
      label: 'GET measure history, 1 profile',
      path: historyPath(people[0]!),
      headers: { cookie: people[0]!.cookie },
    });
    const many = await ctx.http({
      label: `GET measure history, ${count.toLocaleString('en')} profiles`,
      path: historyPath(people[0]!),
      options: spread(people, 'read'),
    });
    const rate = Math.max(1, Math.floor(many.rate * 0.8));
    const paced = await ctx.http({
      label: `same, paced at 80 % of its peak (${rate.toLocaleString('en')} req/s)`,
      path: historyPath(people[0]!),
      options: { ...spread(people, 'read'), overallRate: rate },
    });
    const write = await ctx.http({
      label: `POST a weight, ${count.toLocaleString('en')} profiles`,
      path: historyPath(people[0]!),
      options: spread(people, 'write', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-carnet-csrf': '1' },
        body: JSON.stringify({ value: 71.5, measuredAt: '2026-01-02T08:30' }),
      }),
    });
    const versus = (m: typeof health): ResultRow => ({
      measurement: m,
      ratio: ctx.ratio(m, health),
      versus: 'GET /api/health',
    });
    return [
      { measurement: health, ratio: ctx.ratio(health, baseline), versus: 'baseline' },
      versus(one),
      versus(many),
      versus(paced),
      versus(write),
    ];
  },
});
