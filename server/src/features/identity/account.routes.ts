import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { accountRoutes as routes } from '../../../../shared/src/routes/identity.routes.js';
import {
  changePassword,
  confirmNewContact,
  contactDetails,
  endSession,
  finishPasswordReset,
  listSessions,
  remindUsername,
  sendNewContactCode,
  startPasswordReset,
} from './account.service.js';

/** « Paramètres » of the account (sessions, password, contact details) and the forgotten-credentials journeys. */
export const accountRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  const limited = { rateLimit: { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  serve(app, routes.sessions, async (req) => ({ sessions: await listSessions(platform, req.user!) }));
  serve(app, routes.endSession, async (req, reply) => {
    await endSession(platform, req.user!, req.params.id);
    return reply.status(204).send(null);
  });
  serve(
    app,
    routes.changePassword,
    async (req, reply) => {
      await changePassword(platform, req.user!, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
    limited,
  );
  serve(app, routes.contact, async (req) => contactDetails(platform, req.user!));
  serve(
    app,
    routes.sendContactCode,
    async (req) => ({
      destination: await sendNewContactCode(
        platform,
        req.user!,
        req.body.channel,
        req.body.destination,
        req.body.password,
      ),
    }),
    limited,
  );
  serve(
    app,
    routes.verifyContactCode,
    async (req, reply) => {
      await confirmNewContact(platform, req.user!, req.body.channel, req.body.code.replace(/\s/g, ''));
      return reply.status(204).send(null);
    },
    limited,
  );
  serve(app, routes.startReset, async (req) => startPasswordReset(platform, req.body.username, req.ip), limited);
  serve(
    app,
    routes.finishReset,
    async (req, reply) => {
      await finishPasswordReset(platform, req.body.resetId, req.body.code.replace(/\s/g, ''), req.body.password);
      return reply.status(204).send(null);
    },
    limited,
  );
  serve(
    app,
    routes.usernameReminder,
    async (req, reply) => {
      await remindUsername(platform, req.body.channel, req.body.destination, req.ip);
      return reply.status(202).send({
        message: 'Si un compte activé correspond à ces coordonnées, son identifiant vient de lui être envoyé.',
      });
    },
    limited,
  );
};
