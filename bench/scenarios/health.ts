import { defineScenario } from '../lib/types.js';

/**
 * GET /api/health against the bare Fastify route: the whole request path of Carnet (helmet headers,
 * cookie and session hooks, the Zod serializer) plus one `select 1` on PostgreSQL, as a fraction of
 * what Fastify alone answers on this machine.
 */
export default defineScenario({
  name: 'health',
  description: 'GET /api/health (one database round trip) vs the bare Fastify route',
  async run(ctx) {
    const baseline = await ctx.baseline();
    const health = await ctx.http({ label: 'GET /api/health', path: '/api/health' });
    return [{ measurement: health, ratio: ctx.ratio(health, baseline), versus: 'baseline' }];
  },
});
