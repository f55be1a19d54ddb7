import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { DocumentList, DocumentPatch, DocumentQuery, DocumentSettingsPatch, DocumentView, MAX_DOCUMENT_BYTES, Space } from '../../../../shared/src/documents.js';
import { deleteDocument, listForViewer, readFile, recoverUploads, storeUpload, updateDocument, updateSettings } from './documents.service.js';
import { fileHeaders } from './documents.http.js';

const ProfileParams = z.object({ profileId: z.uuid() });
const DocParams = ProfileParams.extend({ id: z.uuid() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['documents'];
/** Room for the multipart envelope around a file of the maximum size. */
const ENVELOPE = 64 * 1024;

/** Documents of a profile (R7): list, upload, view or download, edit, delete, confidentiality. */
export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, blobs } = app.platform;
  const deps = { db, blobs };
  await app.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 20 } });
  app.addHook('onReady', async () => {
    const undone = await recoverUploads(deps);
    if (undone) app.log.warn({ undone }, 'uploads left half done by a stopped process were undone');
  });

  const reads = { access: { profile: 'health:read' as const } };
  const writes = { access: { profile: 'health:write' as const } };

  app.get('/api/profiles/:profileId/documents', { config: reads, schema: { tags, summary: 'Documents of one space', params: ProfileParams, querystring: DocumentQuery, response: { 200: DocumentList, ...errors } } }, async (req) =>
    listForViewer(deps, req.access!, req.query),
  );

  app.post(
    '/api/profiles/:profileId/documents',
    {
      config: writes,
      // Refused before a byte of the body is read when the declared length is already too large.
      onRequest: async (req, reply) => {
        if (Number(req.headers['content-length'] ?? 0) > MAX_DOCUMENT_BYTES + ENVELOPE) tooLarge(reply);
      },
      schema: {
        tags,
        summary: 'Add a document (multipart, one file field)',
        consumes: ['multipart/form-data'],
        params: ProfileParams,
        querystring: z.object({ space: Space.default('health') }),
        response: { 201: z.object({ document: DocumentView }), ...errors, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (req, reply) => {
            const { bytes, name } = await readOneFile(req, reply);
      const document = await storeUpload(deps, req.access!, { bytes, name, space: req.query.space });
      return reply.status(201).send({ document });
    },
  );

  app.get('/api/profiles/:profileId/documents/:id/file', { config: reads, schema: { tags, summary: 'The file: inline for PDF and images, attachment otherwise', params: DocParams, querystring: z.object({ download: z.enum(['1']).optional() }), response: { 200: z.any(), ...errors } } }, async (req, reply) => {
    const { row, data } = await readFile(deps, req.access!, req.params.id);
    return reply.headers(fileHeaders(row.mime_type, row.file_name, req.query.download === '1')).send(data);
  });

  app.patch('/api/profiles/:profileId/documents/:id', { config: writes, schema: { tags, summary: "Edit a document's information", params: DocParams, body: DocumentPatch, response: { 200: z.object({ document: DocumentView }), ...errors } } }, async (req) => ({
    document: await updateDocument(deps, req.access!, req.params.id, req.body),
  }));

  app.delete('/api/profiles/:profileId/documents/:id', { config: writes, schema: { tags, summary: 'Delete a document and erase its file', params: DocParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteDocument(deps, req.access!, req.params.id);
    return reply.status(204).send(null);
  });

  app.put('/api/profiles/:profileId/document-settings', { config: writes, schema: { tags, summary: 'Hide new documents from professionals by default', params: ProfileParams, body: DocumentSettingsPatch, response: { 200: DocumentSettingsPatch, ...errors } } }, async (req) =>
    updateSettings(deps, req.access!, req.body.hideNewFromProfessionals),
  );
};

function tooLarge(reply: FastifyReply): never {
  // The connection is closed after the answer: the rest of the body is not read.
  reply.header('connection', 'close');
  throw new AppError('DOCUMENT_TOO_LARGE');
}

/** Reads the one file part into memory, at most 5 MB: past that, the upload is refused. */
async function readOneFile(req: FastifyRequest, reply: FastifyReply): Promise<{ bytes: Buffer; name?: string }> {
  if (!req.isMultipart()) throw new AppError('DOCUMENT_NO_FILE');
  let part;
  try {
    part = await req.file();
  } catch {
    throw new AppError('BAD_REQUEST');
  }
  if (!part) throw new AppError('DOCUMENT_NO_FILE');
  try {
    const bytes = await part.toBuffer();
    return { bytes, name: part.filename };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') tooLarge(reply);
    // A body cut short or malformed: the client's mistake.
    throw new AppError('BAD_REQUEST');
  }
}
