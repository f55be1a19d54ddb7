import { z } from 'zod';
import { defineRoute } from '../contract.js';
import {
  DocumentList,
  DocumentPatch,
  DocumentQuery,
  DocumentSettingsPatch,
  DocumentView,
  Space,
} from '../documents.js';

const ProfileParams = z.object({ profileId: z.uuid() });
const DocParams = ProfileParams.extend({ id: z.uuid() });
const tags = ['documents'] as const;
const base = '/api/profiles/:profileId/documents';
const reads = { profile: 'health:read' } as const;
const writes = { profile: 'health:write' } as const;
const anId = { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' };

/** Documents of a profile (R7): list, upload, view or download, edit, delete, confidentiality. */
export const documentsRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listDocuments',
    summary: 'Documents of one space',
    tags,
    access: reads,
    params: ProfileParams,
    query: DocumentQuery,
    responses: { 200: DocumentList },
  }),
  upload: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'addDocument',
    summary: 'Add a document (multipart, one file field)',
    tags,
    access: writes,
    consumes: ['multipart/form-data'],
    params: ProfileParams,
    query: z.object({ space: Space.default('health') }),
    responses: { 201: z.object({ document: DocumentView }) },
    errors: [400, 401, 403, 404, 413, 415, 422],
  }),
  file: defineRoute({
    method: 'GET',
    path: `${base}/:id/file`,
    operationId: 'documentFile',
    summary: 'The file: inline for PDF and images, attachment otherwise',
    tags,
    access: reads,
    params: DocParams,
    query: z.object({ download: z.enum(['1']).optional() }),
    responses: { 200: z.any() },
    example: { params: anId },
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'editDocument',
    summary: "Edit a document's information",
    tags,
    access: writes,
    // R5: a caregiver edits documents but does not manage access; R4: only the person hides from representatives.
    fieldAccess: { hiddenFromProfessionals: 'access:manage', hiddenFromRepresentatives: 'privacy:manage' },
    params: DocParams,
    body: DocumentPatch,
    responses: { 200: z.object({ document: DocumentView }) },
    example: { params: anId, body: { title: 'Ordonnance' } },
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteDocument',
    summary: 'Delete a document and erase its file',
    tags,
    access: writes,
    params: DocParams,
    responses: { 204: z.null() },
    example: { params: anId },
  }),
  settings: defineRoute({
    method: 'PUT',
    path: '/api/profiles/:profileId/document-settings',
    operationId: 'documentSettings',
    summary: 'Hide new documents from professionals by default',
    tags,
    access: { profile: 'access:manage' },
    params: ProfileParams,
    body: DocumentSettingsPatch,
    responses: { 200: DocumentSettingsPatch },
    example: { body: { hideNewFromProfessionals: true } },
  }),
};
