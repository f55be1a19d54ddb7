import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { serve } from '../../platform/contract.js';
import { AppError } from '../../platform/errors.js';
import { closeProfessionalSession } from '../../platform/professional-session.js';
import { journal } from '../../platform/journal.js';
import { recordOn } from '../../platform/access.js';
import { professionalActor } from '../../platform/professional-access.js';
import { MAX_DOCUMENT_BYTES } from '../../../../shared/src/documents.js';
import { proRoutes as routes } from '../../../../shared/src/routes/pro.routes.js';
import { fileHeaders } from '../documents/documents.http.js';
import { importDirectory } from './directory.import.js';
import { proAuth } from './pro.auth.js';
import * as service from './pro.service.js';
import * as fhirClients from './fhir-clients.service.js';

/** The professional portal's API (issue 10), served from shared/src/routes/pro.routes.ts. */
export const proRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  const { db, blobs, queue, config } = platform;
  await proAuth(app, platform);
  await app.register(multipart, {
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 20 },
  });

  serve(app, routes.me, async (req) => ({ professional: await service.me(db, req.professional!) }));
  serve(app, routes.logout, async (req, reply) => {
    const pro = req.professional;
    await db.transaction().execute(async (trx) => {
      await closeProfessionalSession(trx, req, reply);
      if (pro) await journal(trx, recordOn(professionalActor(pro), null), { action: 'pro.signout' });
    });
    return reply.status(204).send(null);
  });
  serve(app, routes.findPatient, async (req) => service.findPatient(db, req.professional!, req.body), {
    rateLimit: { max: 60, timeWindow: '1 minute' },
  });
  serve(app, routes.consent, async (req) => service.declareConsent(db, req.access!));
  serve(app, routes.documents, async (req) => service.listDocuments(db, req.access!));
  serve(app, routes.file, async (req, reply) => {
    const { row, data } = await service.readDocumentFile({ db, blobs }, req.access!, req.params.id);
    return reply.headers(fileHeaders(row.mime_type, row.file_name, req.query.download === '1')).send(data);
  });
  serve(
    app,
    routes.deposit,
    async (req, reply) => {
      const file = await readOneFile(req, reply);
      return reply.status(201).send({ document: await service.deposit({ db, blobs }, req.access!, file, req.query) });
    },
    {
      onRequest: async (req, reply) => {
        if (Number(req.headers['content-length'] ?? 0) > MAX_DOCUMENT_BYTES + 64 * 1024) tooLarge(reply);
      },
    },
  );
  serve(app, routes.release, async (req) => ({ document: await service.release(db, req.access!, req.params.id) }));
  serve(app, routes.medical, async (req) => service.medicalSections(db, req.access!));
  serve(app, routes.synthesis, async (req, reply) => {
    const pdf = await service.sharedSynthesis(db, req.access!);
    return reply
      .headers({
        'content-type': 'application/pdf',
        'content-disposition': 'inline; filename="synthese-profil-medical.pdf"',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
      .send(pdf);
  });
  serve(app, routes.patientProfessionals, async (req) => service.patientProfessionals(db, req.access!));
  serve(app, routes.blockProfessional, async (req) =>
    service.blockProfessional(db, req.access!, req.params.professionalId),
  );
  serve(app, routes.fhirClients, async (req) => fhirClients.list(db, req.professional!));
  serve(app, routes.registerFhirClient, async (req, reply) =>
    reply.status(201).send(await fhirClients.register(db, req.professional!, req.body)),
  );
  serve(app, routes.revokeFhirClient, async (req) => fhirClients.revoke(db, req.professional!, req.params.clientId));
  serve(app, routes.emergency, async (req, reply) =>
    reply.status(201).send(await service.openEmergency(db, queue, req.access!, req.body)),
  );

  if (config.OPERATOR_TOKEN) {
    await app.register(async (scope) => {
      // The file is read as it arrives: the import streams it line by line.
      scope.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
      serve(
        scope,
        routes.importDirectory,
        async (req) => {
          if (!req.headers['content-type']?.startsWith('text/csv'))
            throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en text/csv.');
          try {
            return await importDirectory(db, req.body as Readable);
          } catch (err) {
            throw new AppError('BAD_REQUEST', (err as Error).message);
          }
        },
        { bodyLimit: 200 * 1024 * 1024 },
      );
    });
  }
};

function tooLarge(reply: FastifyReply): never {
  reply.header('connection', 'close');
  throw new AppError('DOCUMENT_TOO_LARGE');
}

/** The one file part of a deposit, at most 5 MB. */
async function readOneFile(req: FastifyRequest, reply: FastifyReply): Promise<{ bytes: Buffer; name?: string }> {
  if (!req.isMultipart()) throw new AppError('DOCUMENT_NO_FILE');
  const part = await req.file().catch(() => {
    throw new AppError('BAD_REQUEST');
  });
  if (!part) throw new AppError('DOCUMENT_NO_FILE');
  try {
    return { bytes: await part.toBuffer(), name: part.filename };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') tooLarge(reply);
    throw new AppError('BAD_REQUEST');
  }
}
