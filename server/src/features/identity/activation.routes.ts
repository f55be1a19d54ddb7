import { z } from 'zod';
import { isoDate, text } from '../../../../shared/src/input.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../platform/http.js';
import { Identified } from '../../../../shared/src/schemas/activation.js';
import { finishActivation, identify, oppose, oppositionProofData, requestNewCode, sendContactCode, usernameAvailable, verifyContactCode } from './activation.service.js';
import { oppositionProofPdf } from './documents.pdf.js';

const FlowId = text().min(10).max(100);
const birthDateMessage = 'Saisissez une date de naissance complète et valide (jour, mois, année).';
const BirthDate = isoDate({ required: birthDateMessage, shape: birthDateMessage, invalid: birthDateMessage });
const errors = { 400: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse, 429: ErrorResponse };

/** Activation or opposition (R2), and « demander un nouveau code » (R1.4). */
export const activationRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  const limited = { config: { access: 'public' as const, rateLimit: { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } } };

  app.post(
    '/api/activation/identify',
    {
      ...limited,
      schema: {
        tags: ['activation'],
        summary: 'Provisional code, NIR, birth date and Carte Vitale serial',
        body: z.object({
          code: text().trim().min(1, 'Saisissez votre code provisoire.').max(40),
          nir: text().trim().min(1, 'Saisissez votre numéro de sécurité sociale.').max(30),
          birthDate: BirthDate,
          vitaleSerial: text().trim().min(1, 'Saisissez le numéro de série de votre carte Vitale.').max(20),
        }),
        response: {
          200: Identified,
          ...errors,
        },
      },
    },
    async (req) => identify(platform, req.body, req.ip),
  );

  app.post(
    '/api/activation/new-code',
    {
      ...limited,
      schema: {
        tags: ['activation'],
        summary: 'Ask for a new provisional code (by e-mail or SMS)',
        body: z.object({ nir: text().trim().min(1).max(30), birthDate: BirthDate, channel: z.enum(['email', 'sms']) }),
        response: { 202: z.object({ message: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      await requestNewCode(platform, req.body, req.ip);
      return reply.status(202).send({
        message: "Si ces informations correspondent à un espace santé, un nouveau code provisoire vient d'être envoyé. L'ancien code ne fonctionne plus.",
      });
    },
  );

  app.post(
    '/api/activation/oppose',
    { config: { access: 'public' }, schema: { tags: ['activation'], summary: "Oppose the creation of one's space", body: z.object({ flowId: FlowId }), response: { 200: z.object({ reference: z.string(), opposedAt: z.string() }), ...errors } } },
    async (req) => oppose(platform, req.body.flowId),
  );

  app.post(
    '/api/activation/opposition-proof',
    { config: { access: 'public' }, schema: { tags: ['activation'], summary: 'Proof of opposition (PDF)', body: z.object({ flowId: FlowId }), response: { 200: z.any(), 404: ErrorResponse, ...errors } } },
    async (req, reply) => {
      const pdf = await oppositionProofPdf(await oppositionProofData(platform, req.body.flowId));
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="attestation-opposition.pdf"')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.post(
    '/api/activation/contact/send',
    {
      ...limited,
      schema: {
        tags: ['activation'],
        summary: 'Send a one-time code to confirm an e-mail or phone',
        body: z.discriminatedUnion('channel', [
          z.object({ flowId: FlowId, channel: z.literal('email'), destination: z.email({ error: 'Adresse e-mail invalide.' }).max(254) }),
          z.object({ flowId: FlowId, channel: z.literal('sms'), destination: text().trim().min(6, 'Numéro de téléphone invalide.').max(30) }),
        ]),
        response: { 200: z.object({ destination: z.string() }), ...errors },
      },
    },
    async (req) => ({ destination: await sendContactCode(platform, req.body.flowId, req.body.channel, req.body.destination) }),
  );

  app.post(
    '/api/activation/contact/verify',
    {
      ...limited,
      schema: {
        tags: ['activation'],
        summary: 'Confirm an e-mail or phone with its code',
        body: z.object({ flowId: FlowId, channel: z.enum(['email', 'sms']), code: text().trim().max(20) }),
        response: { 200: z.object({ emailVerified: z.boolean(), phoneVerified: z.boolean() }), ...errors },
      },
    },
    async (req) => verifyContactCode(platform, req.body.flowId, req.body.channel, req.body.code.replace(/\s/g, '')),
  );

  app.get(
    '/api/activation/username-available',
    {
      ...limited,
      schema: {
        tags: ['activation'],
        summary: 'Is this username free?',
        querystring: z.object({ username: text().max(200) }),
        response: { 200: z.object({ available: z.boolean(), reason: z.enum(['format', 'taken']).nullable() }), 429: ErrorResponse },
      },
    },
    async (req) => usernameAvailable(platform, req.query.username, req.ip),
  );

  app.post(
    '/api/activation/finish',
    {
      ...limited,
      schema: {
        tags: ['activation'],
        summary: 'Choose username and password; activates the space and signs in',
        body: z.object({ flowId: FlowId, username: text().trim().max(64, 'Identifiant trop long (64 caractères au plus).'), password: text().max(128, 'Le mot de passe doit contenir au plus 128 caractères.') }),
        response: { 200: z.object({ firstName: z.string() }), ...errors },
      },
    },
    async (req, reply) => finishActivation(platform, reply, req.body, req.headers['user-agent']),
  );
};
