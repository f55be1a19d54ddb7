import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { ErrorResponse } from '../../platform/http.js';
import { importEnrolment, issueBatchCodes } from './enrol.service.js';

/** The operator API (the insurer's staff): bearer OPERATOR_TOKEN; absent when no token is configured. */
export const operatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  const token = platform.config.OPERATOR_TOKEN;
  if (!token) return;
  // The file is read as a stream: a large enrolment file never sits whole in memory.
  app.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));

  app.post(
    '/api/operator/enrolments',
    {
      config: { access: 'operator' },
      schema: {
        tags: ['operator'],
        summary: 'Enrol insured people from a CSV file (same format as the enrol command)',
        querystring: z.object({ batch: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/).optional() }),
        response: {
          200: z.object({
            batch: z.string(),
            read: z.number(),
            imported: z.number(),
            alreadyKnown: z.number(),
            errors: z.array(z.object({ line: z.number(), reason: z.string() })),
            emails: z.number(),
            letters: z.number(),
          }),
          400: ErrorResponse,
          401: ErrorResponse,
        },
      },
    },
    async (req) => {
      if (!req.headers['content-type']?.startsWith('text/csv')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en text/csv.');
      let report;
      try {
        report = await importEnrolment(platform, req.body as Readable, { batch: req.query.batch });
      } catch (err) {
        throw new AppError('BAD_REQUEST', `Fichier illisible : ${(err as Error).message}`);
      }
      const codes = await issueBatchCodes(platform, report.batch);
      return { ...report, emails: codes.emails, letters: codes.letters };
    },
  );

  app.get(
    '/api/operator/letters/:batch',
    { config: { access: 'operator' }, schema: { tags: ['operator'], summary: 'The letters of a batch (PDF, one page per person)', params: z.object({ batch: z.string().max(60) }), response: { 200: z.any(), 401: ErrorResponse, 404: ErrorResponse } } },
    async (req, reply) => {
      const row = await platform.db.selectFrom('letter_batch').selectAll().where('id', '=', req.params.batch).executeTakeFirst();
      if (!row?.blob_key) throw new AppError('NOT_FOUND');
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="courriers-${row.id}.pdf"`).header('cache-control', 'no-store').send(await platform.blobs.get(row.blob_key));
    },
  );
};
