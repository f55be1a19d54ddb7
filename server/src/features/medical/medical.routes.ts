import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/session.js';
import { ErrorResponse } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { operatorGuard } from '../../platform/operator.js';
import { withJournal } from '../../platform/journal.js';
import { authorize, type Capability } from '../../platform/profile-access.js';
import { CareEventView, CareQuery, ItemView, SynthesisSection, WishesInput, WishesView, itemKinds, type ItemKind } from '../../../../shared/src/medical.js';
import { MeasureInput, MeasureKind, MeasureValue, TypedMeasureKind } from '../../../../shared/src/measures.js';
import { isoDate } from '../../../../shared/src/input.js';
import * as service from './medical.service.js';
import { readWishes, saveWishes } from './medical.wishes.js';
import { importCare } from './care.import.js';
import { synthesisPdf } from './synthesis.pdf.js';
import * as repo from './medical.repo.js';
import { presentCare } from './medical.presenter.js';

const ProfileParams = z.object({ profileId: z.uuid() });
const IdParams = ProfileParams.extend({ id: z.uuid() });
const MeasureParams = ProfileParams.extend({ kind: MeasureKind });
const TypedMeasureParams = ProfileParams.extend({ kind: TypedMeasureKind });
const TypedMeasureIdParams = TypedMeasureParams.extend({ id: z.uuid() });
const DateRange = z.object({ from: isoDate().optional(), to: isoDate().optional() });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['medical'];
const base = '/api/profiles/:profileId/medical';

const Summary = z.object({
  birthDate: z.string(),
  isMinor: z.boolean(),
  counts: z.record(z.string(), z.number()),
  latest: z.record(z.string(), z.array(ItemView)),
  measures: z.array(MeasureValue),
  wishes: WishesView,
  careCount: z.number(),
  latestCare: z.string().nullable(),
});

/** The medical profile (R6): lists, measures, wishes, care history, synthesis PDF; and the operator's care import. */
export const medicalRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.platform;
  const access = async (req: { user: FastifyRequest['user']; params: { profileId: string } }, capability: Capability) => (await authorize(db, req.user!, req.params.profileId, capability)).ctx;

  app.get(base, { preHandler: requireUser, schema: { tags, summary: 'Home of the medical profile: counts, latest entries, latest measures, BMI', params: ProfileParams, response: { 200: Summary, ...errors } } }, async (req) =>
    service.summary(db, await access(req, 'health:read')),
  );

  // One set of routes per list, each with its own body schema (so OpenAPI shows every field).
  for (const kind of Object.keys(itemKinds) as ItemKind[]) {
    const Body = itemKinds[kind].schema as unknown as z.ZodType<Record<string, unknown>>;
    const section = itemKinds[kind].section;
    app.get(`${base}/${kind}`, { preHandler: requireUser, schema: { tags, summary: `${section}: list`, params: ProfileParams, response: { 200: z.object({ items: z.array(ItemView) }), ...errors } } }, async (req) => ({
      items: await service.listItems(db, await access(req, 'health:read'), kind),
    }));
    app.post(`${base}/${kind}`, { preHandler: requireUser, schema: { tags, summary: `${section}: add`, params: ProfileParams, body: Body, response: { 201: z.object({ item: ItemView }), ...errors } } }, async (req, reply) =>
      reply.status(201).send({ item: await service.createItem(db, await access(req, 'health:write'), kind, req.body) }),
    );
    app.put(`${base}/${kind}/:id`, { preHandler: requireUser, schema: { tags, summary: `${section}: edit`, params: IdParams, body: Body, response: { 200: z.object({ item: ItemView }), ...errors } } }, async (req) => ({
      item: await service.updateItem(db, await access(req, 'health:write'), kind, req.params.id, req.body),
    }));
    app.delete(`${base}/${kind}/:id`, { preHandler: requireUser, schema: { tags, summary: `${section}: delete`, params: IdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await service.deleteItem(db, await access(req, 'health:write'), kind, req.params.id);
      return reply.status(204).send(null);
    });
  }

  app.get(`${base}/measures/:kind`, { preHandler: requireUser, schema: { tags, summary: "A measure's history (BMI computed), with a date range", params: MeasureParams, querystring: DateRange, response: { 200: z.object({ birthDate: z.string(), values: z.array(MeasureValue) }), ...errors } } }, async (req) =>
    service.measureHistory(db, await access(req, 'health:read'), req.params.kind, req.query),
  );
  app.post(`${base}/measures/:kind`, { preHandler: requireUser, schema: { tags, summary: 'Add a value (in the unit people read: height in m); BMI cannot be typed', params: TypedMeasureParams, body: MeasureInput, response: { 201: z.object({ value: MeasureValue }), ...errors } } }, async (req, reply) =>
    reply.status(201).send({ value: await service.addMeasure(db, await access(req, 'health:write'), req.params.kind, req.body) }),
  );
  app.put(`${base}/measures/:kind/:id`, { preHandler: requireUser, schema: { tags, summary: 'Edit a value', params: TypedMeasureIdParams, body: MeasureInput, response: { 200: z.object({ value: MeasureValue }), ...errors } } }, async (req) => ({
    value: await service.updateMeasure(db, await access(req, 'health:write'), req.params.kind, req.params.id, req.body),
  }));
  app.delete(`${base}/measures/:kind/:id`, { preHandler: requireUser, schema: { tags, summary: 'Delete a value', params: TypedMeasureIdParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await service.deleteMeasure(db, await access(req, 'health:write'), req.params.kind, req.params.id);
    return reply.status(204).send(null);
  });

  app.get(`${base}/wishes`, { preHandler: requireUser, schema: { tags, summary: 'Advance directives and organ donation stance', params: ProfileParams, response: { 200: WishesView, ...errors } } }, async (req) => readWishes(db, await access(req, 'health:read')));
  app.put(`${base}/wishes`, { preHandler: requireUser, schema: { tags, summary: 'Save wishes (advance directives: adults only)', params: ProfileParams, body: WishesInput, response: { 200: WishesView, ...errors } } }, async (req) =>
    saveWishes(db, await access(req, 'health:write'), req.body),
  );

  app.get(`${base}/care`, { preHandler: requireUser, schema: { tags, summary: 'Care history, filtered by dates and kind', params: ProfileParams, querystring: CareQuery, response: { 200: z.object({ events: z.array(CareEventView), kinds: z.array(z.string()) }), ...errors } } }, async (req) => {
    const ctx = await access(req, 'health:read');
    return withJournal(db, ctx, { action: 'care.list', resourceType: 'care_event' }, async (trx) => ({ events: (await repo.listCare(trx, ctx, req.query)).map(presentCare), kinds: await repo.careKinds(trx, ctx) }));
  });

  app.get(`${base}/synthesis.pdf`, { preHandler: requireUser, schema: { tags, summary: '« La synthèse »: a PDF of the chosen sections', params: ProfileParams, querystring: z.object({ sections: z.string().transform((s) => s.split(',')).pipe(z.array(SynthesisSection).min(1, 'Choisissez au moins une rubrique.')) }), response: { 200: z.any(), ...errors } } }, async (req, reply) => {
    const pdf = await synthesisPdf(db, await access(req, 'health:read'), req.query.sections);
    return reply.headers({ 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="synthese-profil-medical.pdf"', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' }).send(pdf);
  });

  if (config.OPERATOR_TOKEN) {
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    app.post('/api/operator/care-history', { preHandler: operatorGuard(config.OPERATOR_TOKEN), bodyLimit: 50 * 1024 * 1024, schema: { tags: ['operator'], summary: 'Import reimbursed care from CSV (nir, date, kind, professional, amount, reimbursed, ref); idempotent on ref', response: { 200: z.object({ read: z.number(), imported: z.number(), alreadyThere: z.number(), refused: z.array(z.object({ line: z.number(), reason: z.string() })) }), 400: ErrorResponse, 401: ErrorResponse, 415: ErrorResponse } } }, async (req) => {
      if (!req.headers['content-type']?.startsWith('text/csv')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en text/csv.');
      try {
        return await importCare(db, req.body as Buffer);
      } catch (err) {
        throw new AppError('BAD_REQUEST', (err as Error).message);
      }
    });
  }
};
