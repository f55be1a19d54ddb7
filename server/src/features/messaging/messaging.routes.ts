import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { serve } from '../../platform/contract.js';
import { AppError } from '../../platform/errors.js';
import { messagingRoutes as routes } from '../../../../shared/src/routes/messaging.routes.js';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_MESSAGE_ATTACHMENTS_BYTES,
  MAX_MESSAGE_FILES,
  ProSendFields,
  SendFields,
} from '../../../../shared/src/messaging.js';
import { fileHeaders } from '../documents/documents.http.js';
import type { IncomingFile } from './messaging.attachments.js';
import { recoverAttachmentUploads } from './messaging.attachments.js';
import * as service from './messaging.service.js';
import * as pro from './messaging.pro.service.js';

/** A draft's file comes alone: no fields besides it. */
const DraftFileFields = z.object({}).strict();

/** Room for the multipart envelope around the largest message. */
const ENVELOPE = 256 * 1024;

/** Secure messaging (R9), served from its contract in shared/src/routes/messaging.routes.ts. */
export const messagingRoutes: FastifyPluginAsync = async (app) => {
  const deps = app.platform;
  await app.register(multipart, {
    limits: {
      fileSize: MAX_ATTACHMENT_BYTES,
      files: MAX_MESSAGE_FILES,
      fields: 1,
      fieldSize: 64 * 1024,
      parts: MAX_MESSAGE_FILES + 1,
      headerPairs: 20,
    },
  });
  app.addHook('onReady', async () => {
    const undone = await recoverAttachmentUploads(deps.db, deps.blobs);
    if (undone) app.log.warn({ undone }, 'attachment uploads left half done by a stopped process were undone');
  });
  const early = { onRequest: refuseOversize, bodyLimit: MAX_MESSAGE_ATTACHMENTS_BYTES + ENVELOPE };
  const me = (req: FastifyRequest) => ({
    professionalId: req.professional!.professionalId,
    rpps: req.professional!.rpps,
  });

  serve(app, routes.list, async (req) => service.listConversations(deps, req.access!, req.query.page));
  serve(app, routes.unread, async (req) => service.unreadCount(deps, req.access!));
  serve(app, routes.read, async (req) => service.readConversation(deps, req.access!, req.params.id));
  serve(app, routes.recipients, async (req) => service.listRecipients(deps, req.access!));
  serve(app, routes.saveDraft, async (req) => service.saveDraft(deps, req.access!, req.params.id, req.body));
  serve(app, routes.deleteDraft, async (req, reply) => {
    await service.deleteDraft(deps, req.access!, req.params.id);
    return reply.status(204).send(null);
  });
  serve(
    app,
    routes.addDraftFile,
    async (req, reply) => {
      const { files } = await readSend(req, reply, DraftFileFields);
      if (files.length !== 1) throw new AppError('BAD_REQUEST');
      return reply.status(201).send(await service.addDraftFile(deps, req.access!, req.params.id, files[0]!));
    },
    early,
  );
  serve(app, routes.removeDraftFile, async (req, reply) => {
    await service.removeDraftFile(deps, req.access!, req.params.id, req.params.fileId);
    return reply.status(204).send(null);
  });
  serve(
    app,
    routes.send,
    async (req, reply) => {
      const { fields, files } = await readSend(req, reply, SendFields);
      return reply.status(201).send(
        await service.sendAsPatient(
          deps,
          req.access!,
          req.params.id,
          fields,
          files.map((f) => ({ ...f, source: 'device' as const })),
        ),
      );
    },
    early,
  );
  serve(app, routes.remove, async (req, reply) => {
    await service.deleteConversation(deps, req.access!, req.params.id);
    return reply.status(204).send(null);
  });
  serve(app, routes.attachment, async (req, reply) => {
    const { row, data } = await service.attachmentFile(deps, req.access!, req.params.id);
    return reply.headers(fileHeaders(row.mime_type, row.file_name, req.query.download === '1')).send(data);
  });
  serve(app, routes.saveAttachment, async (req, reply) =>
    reply.status(201).send(await service.saveToDocuments(deps, req.access!, req.params.id)),
  );
  serve(app, routes.notificationSettings, async (req) => service.notificationSettings(deps, req.access!));
  serve(app, routes.saveNotificationSettings, async (req) =>
    service.saveNotificationSettings(deps, req.access!, req.body),
  );

  serve(app, routes.proList, async (req) => pro.listForProfessional(deps, me(req), req.query.page));
  serve(app, routes.proRead, async (req) => pro.readForProfessional(deps, me(req), req.params.id));
  serve(
    app,
    routes.proSend,
    async (req, reply) => {
      const { fields, files } = await readSend(req, reply, ProSendFields);
      const sent = await pro.sendAsProfessional(deps, me(req), {
        ...fields,
        files: files.map((f) => ({ ...f, source: 'portal' as const })),
        source: 'portal',
      });
      return reply.status(201).send(sent);
    },
    early,
  );
  serve(app, routes.proEnd, async (req, reply) => {
    await pro.endFromPortal(deps, me(req), req.params.id);
    return reply.status(204).send(null);
  });
  serve(app, routes.proAttachment, async (req, reply) => {
    const { row, data } = await pro.proAttachment(deps, me(req), req.params.id);
    return reply.headers(fileHeaders(row.mime_type, row.file_name, req.query.download === '1')).send(data);
  });
  serve(app, routes.proSmtpCredential, async (req, reply) =>
    reply.status(201).send(await pro.issueSmtpCredential(deps, me(req))),
  );
};

async function refuseOversize(req: FastifyRequest, reply: FastifyReply) {
  if (Number(req.headers['content-length'] ?? 0) > MAX_MESSAGE_ATTACHMENTS_BYTES + ENVELOPE) {
    reply.header('connection', 'close');
    throw new AppError('MESSAGE_TOO_LARGE');
  }
}

/**
 * A send's fields and files: multipart (a `fields` part holding JSON, then `file` parts, each at most 5 MB,
 * at most 10, 10 MB in all) or plain JSON without files. The fields go through the shared schema.
 */
async function readSend<S extends z.ZodType>(
  req: FastifyRequest,
  reply: FastifyReply,
  schema: S,
): Promise<{ fields: z.output<S>; files: Omit<IncomingFile, 'source'>[] }> {
  let raw: unknown = req.body;
  const files: Omit<IncomingFile, 'source'>[] = [];
  if (req.isMultipart()) {
    raw = undefined;
    let total = 0;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname !== 'fields') throw new AppError('BAD_REQUEST');
          raw = JSON.parse(String(part.value));
        } else {
          const bytes = await part.toBuffer();
          total += bytes.length;
          if (total > MAX_MESSAGE_ATTACHMENTS_BYTES) throw new AppError('MESSAGE_TOO_LARGE');
          files.push({ bytes, name: part.filename });
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        reply.header('connection', 'close');
        throw new AppError('DOCUMENT_TOO_LARGE');
      }
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('MESSAGE_TOO_MANY_FILES');
      throw new AppError('BAD_REQUEST');
    }
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message }));
    if (parsed.error.issues.some((i) => i.path[0] === 'subject' && /80/.test(i.message)))
      throw new AppError('MESSAGE_SUBJECT_TOO_LONG', undefined, fields);
    throw new AppError('VALIDATION_FAILED', undefined, fields);
  }
  return { fields: parsed.data as z.output<S>, files };
}
