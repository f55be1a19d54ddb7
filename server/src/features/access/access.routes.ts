import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { operatorAccess } from '../../platform/access.js';
import { withJournal } from '../../platform/journal.js';
import { accessRoutes as routes } from '../../../../shared/src/routes/access.routes.js';
import * as service from './access.service.js';
import * as activity from './activity.service.js';
import { operatorReports } from './activity.repo.js';
import { presentReport } from './access.presenter.js';

/** The patient's control over professionals (R8), served from shared/src/routes/access.routes.ts. */
export const accessRoutes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.platform;

  serve(app, routes.professionals, async (req) => service.lists(db, req.access!));
  serve(app, routes.search, async (req) => service.search(db, req.access!, req.query.q, req.query.page));
  serve(app, routes.block, async (req) => ({
    professional: await service.block(db, req.access!, req.params.professionalId),
  }));
  serve(app, routes.unblock, async (req, reply) => {
    await service.unblock(db, req.access!, req.params.professionalId);
    return reply.status(204).send(null);
  });
  serve(app, routes.administrator, async (req) => ({
    professional: await service.setAdministrator(db, req.access!, req.params.professionalId, req.body.administrator),
  }));
  serve(app, routes.role, async (req) => ({
    professional: await service.setRole(db, req.access!, req.params.professionalId, req.body.role),
  }));
  serve(app, routes.shareSynthesis, async (req) => ({
    professional: await service.shareSynthesis(db, req.access!, req.params.professionalId, req.body.sections),
  }));
  serve(app, routes.stopSynthesis, async (req) => ({
    professional: await service.shareSynthesis(db, req.access!, req.params.professionalId, null),
  }));
  serve(app, routes.emergency, async (req) => service.emergency(db, req.access!));
  serve(app, routes.saveEmergency, async (req) => service.saveEmergency(db, req.access!, req.body));
  serve(app, routes.notice, async (req) => service.notice(db, req.access!));
  serve(app, routes.saveNotice, async (req) => service.saveNotice(db, req.access!, req.body.accesses));
  serve(app, routes.activity, async (req) => activity.activity(db, req.access!, req.query));
  serve(app, routes.report, async (req, reply) =>
    reply.status(201).send(await activity.report(db, req.access!, req.params.seq, req.body.description)),
  );
  serve(app, routes.extract, async (req, reply) => {
    const text = await activity.extract(db, req.access!);
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .headers({
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="historique-activite-${day}.jsonl"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
      .send(text);
  });

  if (config.OPERATOR_TOKEN) {
    serve(app, routes.operatorReports, async (req) => {
      const ctx = operatorAccess('operator', null);
      const rows = await withJournal(db, ctx, { action: 'operator.access-reports-read' }, (trx) =>
        operatorReports(trx, ctx, req.query.status),
      );
      return { reports: rows.map(presentReport) };
    });
  }
};
