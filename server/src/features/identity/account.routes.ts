import { z } from 'zod';
import { text } from '../../../../shared/src/input.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../platform/http.js';
import { changePassword, confirmNewContact, contactDetails, endSession, finishPasswordReset, listSessions, remindUsername, sendNewContactCode, startPasswordReset } from './account.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 410: ErrorResponse, 429: ErrorResponse };
const Destination = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), destination: z.email({ error: 'Adresse e-mail invalide.' }).max(254) }),
  z.object({ channel: z.literal('sms'), destination: text().trim().min(6, 'Numéro de téléphone invalide.').max(30) }),
]);

const currentPassword = text({ error: 'Saisissez votre mot de passe actuel.' }).min(1, 'Saisissez votre mot de passe actuel.').max(1024);
/** A new e-mail or phone, with the password again (a session alone does not change where codes go). */
const ContactChange = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), destination: z.email({ error: 'Adresse e-mail invalide.' }).max(254), password: currentPassword }),
  z.object({ channel: z.literal('sms'), destination: text().trim().min(6, 'Numéro de téléphone invalide.').max(30), password: currentPassword }),
]);

/** « Paramètres » of the account (sessions, password, contact details) and the forgotten-credentials journeys. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  const rateLimit = { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };
  const signedIn = { config: { access: 'session' as const } };
  const signedInLimited = { config: { access: 'session' as const, rateLimit } };
  const limited = { config: { access: 'public' as const, rateLimit } };

  app.get(
    '/api/me/sessions',
    {
      ...signedIn,
      schema: {
        tags: ['account'],
        summary: 'My open sessions',
        response: { 200: z.object({ sessions: z.array(z.object({ id: z.string(), userAgent: z.string().nullable(), createdAt: z.string(), lastSeenAt: z.string(), current: z.boolean() })) }), 401: ErrorResponse },
      },
    },
    async (req) => ({ sessions: await listSessions(platform, req.user!) }),
  );

  app.delete(
    '/api/me/sessions/:id',
    { ...signedIn, schema: { tags: ['account'], summary: 'End one of my sessions', params: z.object({ id: text().max(40) }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await endSession(platform, req.user!, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/me/password',
    {
      ...signedInLimited,
      schema: { tags: ['account'], summary: 'Change my password', body: z.object({ currentPassword: text().min(1).max(1024), newPassword: text().max(128, 'Le mot de passe doit contenir au plus 128 caractères.') }), response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await changePassword(platform, req.user!, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/contact',
    {
      ...signedIn,
      schema: {
        tags: ['account'],
        summary: 'My contact details',
        response: { 200: z.object({ email: z.string().nullable(), phone: z.string().nullable(), channels: z.array(z.object({ channel: z.enum(['email', 'sms']), masked: z.string() })) }), 401: ErrorResponse },
      },
    },
    async (req) => contactDetails(platform, req.user!),
  );

  app.post(
    '/api/me/contact/send',
    { ...signedInLimited, schema: { tags: ['account'], summary: 'Send a code to a new e-mail or phone (password needed)', body: ContactChange, response: { 200: z.object({ destination: z.string() }), ...errors } } },
    async (req) => ({ destination: await sendNewContactCode(platform, req.user!, req.body.channel, req.body.destination, req.body.password) }),
  );

  app.post(
    '/api/me/contact/verify',
    {
      ...signedInLimited,
      schema: { tags: ['account'], summary: 'Confirm the new e-mail or phone', body: z.object({ channel: z.enum(['email', 'sms']), code: text().trim().max(20) }), response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await confirmNewContact(platform, req.user!, req.body.channel, req.body.code.replace(/\s/g, ''));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password-reset',
    { ...limited, schema: { tags: ['identity'], summary: 'Forgotten password: send a code', body: z.object({ username: text().trim().min(1).max(200) }), response: { 200: z.object({ resetId: z.string() }), ...errors } } },
    async (req) => startPasswordReset(platform, req.body.username, req.ip),
  );

  app.post(
    '/api/auth/password-reset/finish',
    {
      ...limited,
      schema: {
        tags: ['identity'],
        summary: 'Forgotten password: code and new password',
        body: z.object({ resetId: text().min(10).max(100), code: text().trim().max(20), password: text().max(128, 'Le mot de passe doit contenir au plus 128 caractères.') }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await finishPasswordReset(platform, req.body.resetId, req.body.code.replace(/\s/g, ''), req.body.password);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/username-reminder',
    { ...limited, schema: { tags: ['identity'], summary: 'Forgotten username: sent to the confirmed e-mail or phone', body: Destination, response: { 202: z.object({ message: z.string() }), ...errors } } },
    async (req, reply) => {
      await remindUsername(platform, req.body.channel, req.body.destination, req.ip);
      return reply.status(202).send({ message: 'Si un compte activé correspond à ces coordonnées, son identifiant vient de lui être envoyé.' });
    },
  );
};
