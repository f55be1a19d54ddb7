import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { loginRoutes as routes } from '../../../../shared/src/routes/identity.routes.js';
import { checkPassword, sendLoginCode, verifyLoginCode } from './login.service.js';

/** Login in three steps: password → channel → one-time code (R3). */
export const loginRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  const perAddress = { rateLimit: { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  serve(
    app,
    routes.login,
    async (req) => checkPassword(platform, req.body.username, req.body.password, req.ip),
    perAddress,
  );
  serve(app, routes.sendCode, async (req) => sendLoginCode(platform, req.body.attemptId, req.body.channel), perAddress);
  serve(
    app,
    routes.verify,
    async (req, reply) => {
      await verifyLoginCode(
        platform,
        reply,
        req.body.attemptId,
        req.body.code.replace(/\s/g, ''),
        req.headers['user-agent'],
      );
      return { ok: true as const };
    },
    perAddress,
  );
};
