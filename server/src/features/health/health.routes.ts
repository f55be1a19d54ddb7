import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { platformRoutes as routes } from '../../../../shared/src/routes/platform.routes.js';

/** GET /api/health: answers 200 when the database answers, 503 otherwise. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  serve(app, routes.health, async (_req, reply) => {
    try {
      await sql`select 1`.execute(app.platform.db);
      return { status: 'ok' as const, database: 'ok' as const };
    } catch {
      return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
    }
  });
};
