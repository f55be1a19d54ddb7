import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { devicesRoutes as routes } from '../../../../shared/src/routes/devices.routes.js';
import { endOtherSessions, keepAlive, listDevices } from './devices.service.js';
import * as passkeys from './passkeys.service.js';

const ceremonyLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/**
 * « Mes appareils » (sessions named, passkeys) and the sign-in by passkey, served from
 * shared/src/routes/devices.routes.ts.
 */
export const devicesRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  serve(app, routes.list, async (req) => listDevices(platform, req.user!));
  serve(app, routes.endOthers, async (req) => ({ ended: await endOtherSessions(platform, req.user!) }));
  serve(app, routes.keepAlive, async (req) => keepAlive(platform, req.user!));
  serve(
    app,
    routes.registerOptions,
    async (req) => passkeys.registrationOptions(platform, req, req.user!),
    ceremonyLimit,
  );
  serve(
    app,
    routes.register,
    async (req, reply) =>
      reply.status(201).send({ passkey: await passkeys.registerPasskey(platform, req, req.user!, req.body) }),
    ceremonyLimit,
  );
  serve(app, routes.revoke, async (req, reply) => {
    await passkeys.revokePasskey(platform, req.user!, req.params.id);
    return reply.status(204).send(null);
  });
  serve(app, routes.loginOptions, async (req) => passkeys.loginOptions(platform, req), ceremonyLimit);
  serve(
    app,
    routes.login,
    async (req, reply) => passkeys.loginWithPasskey(platform, req, reply, req.body),
    ceremonyLimit,
  );
};
