import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { fhirOperatorRoutes } from '../../../../shared/src/routes/fhir.routes.js';
import { importBundle } from './fhir.import.js';

/** The operator's FHIR import (the FHIR R4 API for professionals' software lives in fhir.api.ts). */
export const fhirRoutes: FastifyPluginAsync = async (app) => {
  const platform = app.platform;
  if (!platform.config.OPERATOR_TOKEN) return;
  app.addContentTypeParser(
    'application/fhir+json',
    { parseAs: 'string', bodyLimit: 200 * 1024 * 1024 },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );
  serve(app, fhirOperatorRoutes.importBundle, async (req) => importBundle(platform, req.body, req.query.nir), {
    bodyLimit: 200 * 1024 * 1024,
  });
};
