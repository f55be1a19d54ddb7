import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { operatorRoutes as routes } from '../../../../shared/src/routes/identity.routes.js';
import { AppError } from '../../platform/errors.js';
import { importEnrolment, issueBatchCodes } from './enrol.service.js';

/** The operator API (the insurer's staff): bearer OPERATOR_TOKEN; absent when no token is configured. */
export const operatorRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  const token = platform.config.OPERATOR_TOKEN;
  if (!token) return;
  // The file is read as a stream: a large enrolment file never sits whole in memory.
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));

  serve(app, routes.enrol, async (req) => {
    if (!req.headers['content-type']?.startsWith('text/csv'))
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en text/csv.');
    let report;
    try {
      report = await importEnrolment(platform, req.body as Readable, { batch: req.query.batch });
    } catch (err) {
      throw new AppError('BAD_REQUEST', `Fichier illisible : ${(err as Error).message}`);
    }
    const codes = await issueBatchCodes(platform, report.batch);
    return { ...report, emails: codes.emails, letters: codes.letters };
  });

  serve(app, routes.letters, async (req, reply) => {
    const row = await platform.db
      .selectFrom('letter_batch')
      .selectAll()
      .where('id', '=', req.params.batch)
      .executeTakeFirst();
    if (!row?.blob_key) throw new AppError('NOT_FOUND');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="courriers-${row.id}.pdf"`)
      .header('cache-control', 'no-store')
      .send(await platform.blobs.get(row.blob_key));
  });
};
