import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { AppError } from '../../platform/errors.js';
import { SESSION_COOKIE } from '../../platform/session.js';
import { tokenHash } from '../../platform/tokens.js';
import { journal } from '../../platform/journal.js';
import { closureRoutes as routes } from '../../../../shared/src/routes/closure.routes.js';
import * as service from './closure.service.js';
import * as repo from './closure.repo.js';
import { archiveStream } from './closure.export.js';
import { declareClosureQueues } from './closure.jobs.js';

/** « Clôture du profil » and « Télécharger mes données » (R10), served from shared/src/routes/closure.routes.ts. */
export const closureRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  await declareClosureQueues(platform);
  const tight = { rateLimit: { max: 10, timeWindow: '1 minute' } };

  serve(app, routes.status, async (req) => service.closureStatus(platform, req.access!));
  serve(
    app,
    routes.close,
    async (req, reply) => {
      const result = await service.closeSpace(platform, req.access!, req.user!, req.body);
      if (result.signedOut) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return result;
    },
    tight,
  );
  serve(app, routes.latestExport, async (req) => ({ export: await service.latestExport(platform, req.access!) }));
  serve(app, routes.requestExport, async (req, reply) =>
    reply.status(202).send({ export: await service.requestExport(platform, req.access!, req.user!) }),
  );
  serve(
    app,
    routes.ticket,
    async (req) => service.exportTicket(platform, req.access!, req.user!, req.params.archiveId, req.body.password),
    tight,
  );
  serve(app, routes.fetch, async (req, reply) => {
    const ctx = req.access!;
    const archive = await platform.db.transaction().execute(async (trx) => {
      const a = await repo.findArchive(trx, ctx, req.params.archiveId);
      if (!a) throw new AppError('NOT_FOUND');
      if (a.status !== 'ready' || !(await repo.takeTicket(trx, ctx, a.id, tokenHash(req.query.ticket))))
        throw new AppError('EXPORT_EXPIRED');
      await journal(trx, ctx, { action: 'closure.export-fetched', resourceType: 'export', resourceId: a.id });
      return a;
    });
    const day = archive.created_at.toISOString().slice(0, 10);
    return reply
      .headers({
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="mon-espace-sante-${day}.zip"`,
        'content-length': String(archive.size_bytes),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
      .send(archiveStream(platform, archive.blob_keys));
  });
};
