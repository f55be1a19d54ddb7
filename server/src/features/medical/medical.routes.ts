import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { serve } from '../../platform/contract.js';
import { itemKinds, type ItemKind } from '../../../../shared/src/medical.js';
import { medicalRoutes as routes } from '../../../../shared/src/routes/medical.routes.js';
import * as service from './medical.service.js';
import { readWishes, saveWishes } from './medical.wishes.js';
import { importCare } from './care.import.js';
import { synthesisPdf } from './synthesis.pdf.js';

/** The medical profile (R6), served from its contract in shared/src/routes/medical.routes.ts. */
export const medicalRoutes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.platform;

  serve(app, routes.summary, async (req) => service.summary(db, req.access!));

  for (const kind of Object.keys(itemKinds) as ItemKind[]) {
    const r = routes.items[kind];
    serve(app, r.list, async (req) => ({ items: await service.listItems(db, req.access!, kind) }));
    serve(app, r.create, async (req, reply) =>
      reply.status(201).send({ item: await service.createItem(db, req.access!, kind, req.body) }),
    );
    serve(app, r.update, async (req) => ({
      item: await service.updateItem(db, req.access!, kind, req.params.id, req.body),
    }));
    serve(app, r.remove, async (req, reply) => {
      await service.deleteItem(db, req.access!, kind, req.params.id);
      return reply.status(204).send(null);
    });
  }

  serve(app, routes.measureHistory, async (req) => service.measureHistory(db, req.access!, req.params.kind, req.query));
  serve(app, routes.addMeasure, async (req, reply) =>
    reply.status(201).send({ value: await service.addMeasure(db, req.access!, req.params.kind, req.body) }),
  );
  serve(app, routes.updateMeasure, async (req) => ({
    value: await service.updateMeasure(db, req.access!, req.params.kind, req.params.id, req.body),
  }));
  serve(app, routes.deleteMeasure, async (req, reply) => {
    await service.deleteMeasure(db, req.access!, req.params.kind, req.params.id);
    return reply.status(204).send(null);
  });
  serve(app, routes.wishes, async (req) => readWishes(db, req.access!));
  serve(app, routes.saveWishes, async (req) => saveWishes(db, req.access!, req.body));
  serve(app, routes.care, async (req) => service.careHistory(db, req.access!, req.query));
  serve(app, routes.synthesis, async (req, reply) => {
    const pdf = await synthesisPdf(db, req.access!, req.query.sections, new Date(), req.locale);
    return reply
      .headers({
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="synthese-profil-medical.pdf"',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
      .send(pdf);
  });

  if (config.OPERATOR_TOKEN) {
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    serve(
      app,
      routes.careImport,
      async (req) => {
        if (!req.headers['content-type']?.startsWith('text/csv'))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en text/csv.');
        try {
          return await importCare(db, req.body as Buffer);
        } catch (err) {
          throw new AppError('BAD_REQUEST', (err as Error).message);
        }
      },
      { bodyLimit: 50 * 1024 * 1024 },
    );
  }
};
