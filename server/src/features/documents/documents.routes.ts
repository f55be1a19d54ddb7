import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { serve } from '../../platform/contract.js';
import { documentsRoutes as routes } from '../../../../shared/src/routes/documents.routes.js';
import { AppError } from '../../platform/errors.js';
import { MAX_DOCUMENT_BYTES } from '../../../../shared/src/documents.js';
import {
  deleteDocument,
  listForViewer,
  readFile,
  recoverUploads,
  storeUpload,
  updateDocument,
  updateSettings,
} from './documents.service.js';
import { fileHeaders } from './documents.http.js';

/** Room for the multipart envelope around a file of the maximum size. */
const ENVELOPE = 64 * 1024;

/** Documents of a profile (R7), served from their contract in shared/src/routes/documents.routes.ts. */
export const documentsRoutes: FastifyPluginAsync = async (app) => {
  const { db, blobs } = app.platform;
  const deps = { db, blobs };
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 20 },
  });
  app.addHook('onReady', async () => {
    const undone = await recoverUploads(deps);
    if (undone) app.log.warn({ undone }, 'uploads left half done by a stopped process were undone');
  });

  serve(app, routes.list, async (req) => listForViewer(deps, req.access!, req.query));
  serve(
    app,
    routes.upload,
    async (req, reply) => {
      const { bytes, name } = await readOneFile(req, reply);
      const document = await storeUpload(deps, req.access!, { bytes, name, space: req.query.space });
      return reply.status(201).send({ document });
    },
    {
      // Refused before a byte of the body is read when the declared length is already too large.
      onRequest: async (req, reply) => {
        if (Number(req.headers['content-length'] ?? 0) > MAX_DOCUMENT_BYTES + ENVELOPE) tooLarge(reply);
      },
    },
  );
  serve(app, routes.file, async (req, reply) => {
    const { row, data } = await readFile(deps, req.access!, req.params.id);
    return reply.headers(fileHeaders(row.mime_type, row.file_name, req.query.download === '1')).send(data);
  });
  serve(app, routes.update, async (req) => ({
    document: await updateDocument(deps, req.access!, req.params.id, req.body),
  }));
  serve(app, routes.remove, async (req, reply) => {
    await deleteDocument(deps, req.access!, req.params.id);
    return reply.status(204).send(null);
  });
  serve(app, routes.settings, async (req) => updateSettings(deps, req.access!, req.body.hideNewFromProfessionals));
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
  let bytes: Buffer | null;
  try {
    bytes = await collect(part.file, Math.min(MAX_DOCUMENT_BYTES, Number(req.headers['content-length']) || Infinity));
  } catch {
    // A body cut short or malformed: the client's mistake.
    throw new AppError('BAD_REQUEST');
  }
  if (!bytes) tooLarge(reply);
  return { bytes, name: part.filename };
}

/**
 * The file's bytes, copied as they arrive into one buffer of `room` bytes (the body's length, so never
 * much more than the file): the part's toBuffer keeps every chunk and then concatenates them, twice the file
 * in memory at its peak (issue 13: peak memory per upload in flight). Null when the file is past the limit
 * (busboy truncates it there); the rest of it is still read, as toBuffer does, before the refusal.
 */
async function collect(file: AsyncIterable<Buffer> & { truncated: boolean }, room: number): Promise<Buffer | null> {
  const out = Buffer.allocUnsafe(Number.isFinite(room) ? room : MAX_DOCUMENT_BYTES);
  let size = 0;
  let over = false;
  for await (const chunk of file) {
    if (over || file.truncated || size + chunk.length > out.length) over = true;
    else size += chunk.copy(out, size);
  }
  return over || file.truncated ? null : out.subarray(0, size);
}
