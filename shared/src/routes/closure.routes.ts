import { z } from 'zod';
import { defineRoute } from '../contract.js';

const ProfileParams = z.object({ profileId: z.uuid() });
const ArchiveParams = ProfileParams.extend({ archiveId: z.uuid() });
const tags = ['closure'] as const;
const base = '/api/profiles/:profileId/closure';
const anArchive = { archiveId: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' };
const Password = z.string({ error: 'Saisissez votre mot de passe.' }).min(1, 'Saisissez votre mot de passe.').max(200);

/** A « Télécharger mes données » archive as the web shows it. */
export const ExportView = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'running', 'ready', 'failed', 'expired']),
  progress: z.number(),
  sizeBytes: z.number().nullable(),
  createdAt: z.string(),
  readyAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ExportView = z.infer<typeof ExportView>;

/** What the « Clôture du profil » page needs to know before it asks anything. */
export const ClosureStatus = z.object({
  relation: z.enum(['self', 'representative']),
  firstName: z.string(),
  /** The space's 6-week opposition window (from the first code sent) has not ended yet. */
  withinOppositionWindow: z.boolean(),
  creationDueAt: z.string().nullable(),
  /** A child's space whose child has an account of their own (they are told of the closure). */
  childHasAccount: z.boolean(),
  latestExport: ExportView.nullable(),
});

export const CloseInput = z
  .object({
    downloadFirst: z.boolean(),
    deleteData: z.boolean(),
    password: Password,
  })
  .strict();

/** « Clôture du profil » (R10) and « Télécharger mes données ». */
export const closureRoutes = {
  status: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'closureStatus',
    summary: 'What the closure page shows: opposition window, latest download',
    tags,
    access: { profile: 'space:close' },
    params: ProfileParams,
    responses: { 200: ClosureStatus },
  }),
  close: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'closeProfile',
    summary: '« Clôturer le profil »: the password again, then closed (sessions ended, e-mail, journal)',
    tags,
    access: { profile: 'space:close' },
    params: ProfileParams,
    body: CloseInput,
    responses: { 200: z.object({ closed: z.literal(true), deletion: z.boolean(), signedOut: z.boolean() }) },
    errors: [400, 401, 403, 404, 429],
    example: { body: { downloadFirst: false, deleteData: false, password: 'x' } },
  }),
  latestExport: defineRoute({
    method: 'GET',
    path: '/api/profiles/:profileId/export',
    operationId: 'latestExport',
    summary: 'The latest « Télécharger mes données » archive and its progress',
    tags,
    access: { profile: 'space:download' },
    params: ProfileParams,
    responses: { 200: z.object({ export: ExportView.nullable() }) },
  }),
  requestExport: defineRoute({
    method: 'POST',
    path: '/api/profiles/:profileId/export',
    operationId: 'requestExport',
    summary: 'Prepare the ZIP of the whole space in the background (an e-mail says when it is ready)',
    tags,
    access: { profile: 'space:download' },
    params: ProfileParams,
    body: z.object({}).strict(),
    responses: { 202: z.object({ export: ExportView }) },
    example: { body: {} },
  }),
  ticket: defineRoute({
    method: 'POST',
    path: '/api/profiles/:profileId/export/:archiveId/ticket',
    operationId: 'exportTicket',
    summary: 'The password again, then a one-time link (5 minutes) to fetch the ready archive',
    tags,
    access: { profile: 'space:download' },
    params: ArchiveParams,
    body: z.object({ password: Password }).strict(),
    responses: { 200: z.object({ url: z.string() }) },
    errors: [400, 401, 403, 404, 409, 410, 429],
    example: { params: anArchive, body: { password: 'x' } },
  }),
  fetch: defineRoute({
    method: 'GET',
    path: '/api/profiles/:profileId/export/:archiveId/file',
    operationId: 'exportFile',
    summary: 'The ZIP, streamed (one-time ticket from exportTicket)',
    tags,
    access: { profile: 'space:download' },
    params: ArchiveParams,
    query: z.object({ ticket: z.string().min(20).max(100) }),
    responses: { 200: z.any() },
    errors: [400, 401, 403, 404, 410],
    example: { params: anArchive, query: { ticket: 'x'.repeat(43) } },
  }),
};
