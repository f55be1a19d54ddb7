import { z } from 'zod';
import { isoDate, text } from '../../../../shared/src/input.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../platform/http.js';
import { requireUser } from '../../platform/session.js';
import {
  addChildByCode,
  addChildren,
  answerInvitation,
  attachableChildren,
  caregiversOf,
  endCaregiving,
  inviteCaregiver,
  inviteRepresentative,
  myInvitations,
  representativesOf,
  withdrawRepresentation,
} from './family.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const Id = z.uuid({ error: 'Identifiant invalide.' });
const Day = (what: string) => {
  const message = `Saisissez une ${what} complète et valide (jour, mois, année).`;
  return isoDate({ required: message, shape: message, invalid: message });
};
const Name = (what: string) => text().trim().min(1, `Saisissez le ${what}.`).max(100);
const ProfileParams = z.object({ profileId: Id });

/** Minors' profiles, the second legal representative, caregivers (R4, R5). */
export const familyRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  const signedIn = { preHandler: requireUser };

  app.get(
    '/api/family/attachable',
    { ...signedIn, schema: { tags: ['family'], summary: 'Minors attached to me that I can add', response: { 200: z.object({ children: z.array(z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: z.string() })) }), ...errors } } },
    async (req) => ({ children: await attachableChildren(platform, req.user!) }),
  );

  app.post(
    '/api/family/children',
    {
      ...signedIn,
      schema: {
        tags: ['family'],
        summary: '« Ajouter »: become the legal representative of the selected minors',
        body: z.object({ profileIds: z.array(Id).min(1, 'Sélectionnez au moins un profil.').max(20), certified: z.boolean() }),
        response: { 200: z.object({ added: z.number() }), ...errors },
      },
    },
    async (req) => ({ added: await addChildren(platform, req.user!, req.body.profileIds, req.body.certified) }),
  );

  app.post(
    '/api/family/children/by-code',
    {
      ...signedIn,
      config: { rateLimit: { max: platform.config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['family'],
        summary: "Add a minor not listed, with the child's provisional code",
        body: z.object({ code: text().trim().min(1, 'Saisissez le code provisoire.').max(40), nir: text().trim().min(1, 'Saisissez le numéro de sécurité sociale.').max(30), birthDate: Day('date de naissance'), certified: z.boolean() }),
        response: { 200: z.object({ id: z.uuid(), firstName: z.string() }), ...errors },
      },
    },
    async (req) => addChildByCode(platform, req.user!, req.body, req.ip),
  );

  app.get(
    '/api/profiles/:profileId/representatives',
    {
      ...signedIn,
      schema: {
        tags: ['family'],
        summary: "A minor's legal representatives and invitations",
        params: ProfileParams,
        response: {
          200: z.object({
            representatives: z.array(z.object({ firstName: z.string(), lastName: z.string(), me: z.boolean() })),
            invitations: z.array(z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: z.string(), status: z.enum(['waiting', 'validated', 'refused', 'cancelled']), createdAt: z.string(), mine: z.boolean() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => representativesOf(platform, req.user!, req.params.profileId),
  );

  app.post(
    '/api/profiles/:profileId/representatives/invitations',
    {
      ...signedIn,
      schema: {
        tags: ['family'],
        summary: '« Partager »: invite the second legal representative',
        params: ProfileParams,
        body: z.object({ lastName: Name('nom'), firstName: Name('prénom'), birthDate: Day('date de naissance'), certified: z.boolean() }),
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await inviteRepresentative(platform, req.user!, req.params.profileId, req.body) }),
  );

  app.delete(
    '/api/profiles/:profileId/representatives/me',
    { ...signedIn, schema: { tags: ['family'], summary: 'Withdraw my own access to a minor’s profile', params: ProfileParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await withdrawRepresentation(platform, req.user!, req.params.profileId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/profiles/:profileId/caregivers',
    {
      ...signedIn,
      schema: {
        tags: ['family'],
        summary: 'My caregivers and their statuses',
        params: ProfileParams,
        response: { 200: z.object({ caregivers: z.array(z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: z.string(), endsOn: z.string(), status: z.enum(['pending', 'accepted', 'refused', 'expired', 'ended']), createdAt: z.string() })) }), ...errors },
      },
    },
    async (req) => ({ caregivers: await caregiversOf(platform, req.user!, req.params.profileId) }),
  );

  app.post(
    '/api/profiles/:profileId/caregivers',
    {
      ...signedIn,
      schema: {
        tags: ['family'],
        summary: 'Invite a caregiver (3 at most)',
        params: ProfileParams,
        body: z.object({ lastName: Name('nom'), firstName: Name('prénom'), birthDate: Day('date de naissance'), endsOn: Day('date de fin') }),
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await inviteCaregiver(platform, req.user!, req.params.profileId, req.body) }),
  );

  app.delete(
    '/api/caregiving/:id',
    { ...signedIn, schema: { tags: ['family'], summary: 'End a caregiving (either side)', params: z.object({ id: Id }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await endCaregiving(platform, req.user!, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/family/invitations',
    {
      ...signedIn,
      schema: {
        tags: ['family'],
        summary: 'Invitations addressed to me, and the people I help',
        response: {
          200: z.object({
            invitations: z.array(z.object({ id: z.uuid(), kind: z.enum(['representative', 'caregiver']), from: z.string(), about: z.string(), endsOn: z.string().nullable() })),
            helping: z.array(z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), endsOn: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => myInvitations(platform, req.user!),
  );

  app.post(
    '/api/family/invitations/:kind/:id/:answer',
    {
      ...signedIn,
      schema: {
        tags: ['family'],
        summary: 'Accept or refuse an invitation addressed to me',
        params: z.object({ kind: z.enum(['representative', 'caregiver']), id: Id, answer: z.enum(['accept', 'refuse']) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await answerInvitation(platform, req.user!, req.params.kind, req.params.id, req.params.answer === 'accept');
      return reply.status(204).send(null);
    },
  );
};
