import { z } from 'zod';
import { text } from '../../../../shared/src/input.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../platform/http.js';
import { checkPassword, sendLoginCode, verifyLoginCode } from './login.service.js';

const Channel = z.object({ channel: z.enum(['email', 'sms']), masked: z.string() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 410: ErrorResponse, 429: ErrorResponse };

/** Login in three steps: password → channel → one-time code (R3). */
export const loginRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  const perAddress = { config: { access: 'public' as const, rateLimit: { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } };

  app.post(
    '/api/auth/login',
    {
      ...perAddress,
      schema: {
        tags: ['identity'],
        summary: 'Login step 1: username and password',
        body: z.object({ username: text().trim().min(1).max(200), password: text().min(1).max(1024) }),
        response: { 200: z.object({ attemptId: z.string(), channels: z.array(Channel) }), ...errors },
      },
    },
    async (req) => checkPassword(platform, req.body.username, req.body.password, req.ip),
  );

  app.post(
    '/api/auth/login/code',
    {
      ...perAddress,
      schema: {
        tags: ['identity'],
        summary: 'Login step 2: send the one-time code to a channel',
        body: z.object({ attemptId: text().min(10).max(100), channel: z.enum(['email', 'sms']) }),
        response: { 200: Channel, ...errors },
      },
    },
    async (req) => sendLoginCode(platform, req.body.attemptId, req.body.channel),
  );

  app.post(
    '/api/auth/login/verify',
    {
      ...perAddress,
      schema: {
        tags: ['identity'],
        summary: 'Login step 3: the one-time code; opens the session',
        body: z.object({ attemptId: text().min(10).max(100), code: text().trim().max(20) }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req, reply) => {
      await verifyLoginCode(platform, reply, req.body.attemptId, req.body.code.replace(/\s/g, ''), req.headers['user-agent']);
      return { ok: true as const };
    },
  );
};
