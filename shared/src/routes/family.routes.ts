import { z } from 'zod';
import { defineRoute } from '../contract.js';
import { isoDate, text } from '../input.js';

const Id = z.uuid({ error: 'Identifiant invalide.' });
const Day = (what: string) => {
  const message = `Saisissez une ${what} complète et valide (jour, mois, année).`;
  return isoDate({ required: message, shape: message, invalid: message });
};
const Name = (what: string) => text().trim().min(1, `Saisissez le ${what}.`).max(100);
const ProfileParams = z.object({ profileId: Id });
const tags = ['family'] as const;
const errors = [400, 401, 403, 404, 409, 429] as const;
const manage = { profile: 'family:manage' } as const;
const anId = '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';

export const Child = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: z.string() });
export const CaregiverView = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  endsOn: z.string(),
  status: z.enum(['pending', 'accepted', 'refused', 'expired', 'ended']),
  createdAt: z.string(),
});
export const InvitationView = z.object({
  id: z.uuid(),
  kind: z.enum(['representative', 'caregiver']),
  from: z.string(),
  about: z.string(),
  endsOn: z.string().nullable(),
});
const Identity = { lastName: Name('nom'), firstName: Name('prénom'), birthDate: Day('date de naissance') };

/** Minors' profiles, the second legal representative, caregivers (R4, R5). */
export const familyRoutes = {
  attachable: defineRoute({
    method: 'GET',
    path: '/api/family/attachable',
    operationId: 'attachableChildren',
    summary: 'Minors attached to me that I can add',
    tags,
    access: 'session',
    responses: { 200: z.object({ children: z.array(Child) }) },
    errors,
  }),
  addChildren: defineRoute({
    method: 'POST',
    path: '/api/family/children',
    operationId: 'addChildren',
    summary: '« Ajouter »: become the legal representative of the selected minors',
    tags,
    access: 'session',
    body: z.object({
      profileIds: z.array(Id).min(1, 'Sélectionnez au moins un profil.').max(20),
      certified: z.boolean(),
    }),
    responses: { 200: z.object({ added: z.number() }) },
    errors,
    example: { body: { profileIds: [anId], certified: true } },
  }),
  addChildByCode: defineRoute({
    method: 'POST',
    path: '/api/family/children/by-code',
    operationId: 'addChildByCode',
    summary: "Add a minor not listed, with the child's provisional code",
    tags,
    access: 'session',
    body: z.object({
      code: text().trim().min(1, 'Saisissez le code provisoire.').max(40),
      nir: text().trim().min(1, 'Saisissez le numéro de sécurité sociale.').max(30),
      birthDate: Day('date de naissance'),
      certified: z.boolean(),
    }),
    responses: { 200: z.object({ id: z.uuid(), firstName: z.string() }) },
    errors,
    example: { body: { code: 'ABCD-EFGH-JKLM', nir: '215096912304615', birthDate: '2019-09-15', certified: true } },
  }),
  representatives: defineRoute({
    method: 'GET',
    path: '/api/profiles/:profileId/representatives',
    operationId: 'representatives',
    summary: "A minor's legal representatives and invitations",
    tags,
    access: manage,
    params: ProfileParams,
    responses: {
      200: z.object({
        representatives: z.array(z.object({ firstName: z.string(), lastName: z.string(), me: z.boolean() })),
        invitations: z.array(
          z.object({
            id: z.uuid(),
            firstName: z.string(),
            lastName: z.string(),
            birthDate: z.string(),
            status: z.enum(['waiting', 'validated', 'refused', 'cancelled']),
            createdAt: z.string(),
            mine: z.boolean(),
          }),
        ),
      }),
    },
    errors,
  }),
  inviteRepresentative: defineRoute({
    method: 'POST',
    path: '/api/profiles/:profileId/representatives/invitations',
    operationId: 'inviteRepresentative',
    summary: '« Partager »: invite the second legal representative',
    tags,
    access: manage,
    params: ProfileParams,
    body: z.object({ ...Identity, certified: z.boolean() }),
    responses: { 201: z.object({ id: z.uuid() }) },
    errors,
    example: { body: { lastName: 'Durand', firstName: 'Alex', birthDate: '1980-05-05', certified: true } },
  }),
  withdraw: defineRoute({
    method: 'DELETE',
    path: '/api/profiles/:profileId/representatives/me',
    operationId: 'withdrawRepresentation',
    summary: 'Withdraw my own access to a minor’s profile',
    tags,
    access: { profile: 'health:read' },
    params: ProfileParams,
    responses: { 204: z.null() },
    errors,
  }),
  caregivers: defineRoute({
    method: 'GET',
    path: '/api/profiles/:profileId/caregivers',
    operationId: 'caregivers',
    summary: 'My caregivers and their statuses',
    tags,
    access: { profile: 'caregivers:manage' },
    params: ProfileParams,
    responses: { 200: z.object({ caregivers: z.array(CaregiverView) }) },
    errors,
  }),
  inviteCaregiver: defineRoute({
    method: 'POST',
    path: '/api/profiles/:profileId/caregivers',
    operationId: 'inviteCaregiver',
    summary: 'Invite a caregiver (3 at most)',
    tags,
    access: { profile: 'caregivers:manage' },
    params: ProfileParams,
    body: z.object({ ...Identity, endsOn: Day('date de fin') }),
    responses: { 201: z.object({ id: z.uuid() }) },
    errors,
    example: { body: { lastName: 'Durand', firstName: 'Alex', birthDate: '1980-05-05', endsOn: '2099-01-01' } },
  }),
  endCaregiving: defineRoute({
    method: 'DELETE',
    path: '/api/caregiving/:id',
    operationId: 'endCaregiving',
    summary: 'End a caregiving (either side)',
    tags,
    access: 'session',
    params: z.object({ id: Id }),
    responses: { 204: z.null() },
    errors,
    example: { params: { id: anId } },
  }),
  invitations: defineRoute({
    method: 'GET',
    path: '/api/family/invitations',
    operationId: 'myInvitations',
    summary: 'Invitations addressed to me, and the people I help',
    tags,
    access: 'session',
    responses: {
      200: z.object({
        invitations: z.array(InvitationView),
        helping: z.array(z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), endsOn: z.string() })),
      }),
    },
    errors,
  }),
  answer: defineRoute({
    method: 'POST',
    path: '/api/family/invitations/:kind/:id/:answer',
    operationId: 'answerInvitation',
    summary: 'Accept or refuse an invitation addressed to me',
    tags,
    access: 'session',
    params: z.object({ kind: z.enum(['representative', 'caregiver']), id: Id, answer: z.enum(['accept', 'refuse']) }),
    responses: { 204: z.null() },
    errors,
    example: { params: { kind: 'caregiver', id: anId, answer: 'refuse' } },
  }),
};
