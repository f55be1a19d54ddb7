import { z } from 'zod';
import { defineRoute } from '../contract.js';

const Report = z.object({
  imported: z.record(z.string(), z.number()),
  alreadyThere: z.number(),
  refused: z.array(z.object({ resource: z.string(), reason: z.string() })),
});

/** The operator's import of a FHIR R4 Bundle (the export's own format) into a space. */
export const fhirOperatorRoutes = {
  importBundle: defineRoute({
    method: 'POST',
    path: '/api/operator/fhir/import',
    operationId: 'importFhirBundle',
    summary: 'Import a FHIR R4 Bundle into the space of ?nir= (lists, measures, wishes, documents); idempotent',
    tags: ['operator'],
    access: 'operator',
    query: z.object({ nir: z.string().min(13).max(20) }),
    body: z.looseObject({ resourceType: z.literal('Bundle'), entry: z.array(z.unknown()) }),
    consumes: ['application/fhir+json'],
    responses: { 200: Report },
    errors: [400, 401, 404],
    example: { query: { nir: '178046912304503' }, body: { resourceType: 'Bundle', type: 'collection', entry: [] } },
  }),
};
