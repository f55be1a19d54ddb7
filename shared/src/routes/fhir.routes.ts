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

/** Any FHIR R4 resource as JSON (the server builds them with @types/fhir; tests validate them against R4). */
const Resource = z.looseObject({ resourceType: z.string() }) as unknown as z.ZodType<{ resourceType: string }>;
const Id = z.object({ id: z.string().max(64) });
/**
 * FHIR search parameters: `patient` (or `subject`) names the patient; `_count` (0–100, default 50) and
 * `_offset` page the answer (Bundle links self, next, previous); others (`_format`…) are ignored.
 */
const ByPatient = z.looseObject({
  patient: z.string().max(100).optional(),
  subject: z.string().max(100).optional(),
  _count: z
    .string()
    .regex(/^\d{1,3}$/, { error: '_count : un nombre de 0 à 100' })
    .optional(),
  _offset: z
    .string()
    .regex(/^\d{1,6}$/, { error: '_offset : un nombre entier positif' })
    .optional(),
});
const fhirTags = ['fhir'] as const;
const aPatient = { patient: 'Patient/6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' };
const errors = [400, 401, 403, 404] as const;

const search = (type: string, summary: string) =>
  defineRoute({
    method: 'GET',
    path: `/fhir/R4/${type}`,
    operationId: `fhirSearch${type}`,
    summary,
    tags: fhirTags,
    access: { software: 'read' },
    query: ByPatient,
    responses: { 200: Resource },
    errors,
    example: { query: aPatient },
  });

const readById = (type: string, summary: string) =>
  defineRoute({
    method: 'GET',
    path: `/fhir/R4/${type}/:id`,
    operationId: `fhirRead${type}`,
    summary,
    tags: fhirTags,
    access: { software: 'read' },
    params: Id,
    responses: { 200: Resource },
    errors,
    example: { params: { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' } },
  });

/**
 * The FHIR R4 API for professionals' software (issue 12 §5, docs/fhir.md): a SMART Backend Services
 * bearer token bound to one professional; each request goes through the professionals' access decision.
 */
export const fhirApiRoutes = {
  metadata: defineRoute({
    method: 'GET',
    path: '/fhir/R4/metadata',
    operationId: 'fhirMetadata',
    summary: 'The CapabilityStatement of the FHIR R4 API',
    tags: fhirTags,
    access: 'public',
    responses: { 200: Resource },
    errors: [],
  }),
  patientSearch: defineRoute({
    method: 'GET',
    path: '/fhir/R4/Patient',
    operationId: 'fhirSearchPatient',
    summary: 'Finds a patient by INS only: identifier=urn:oid:1.2.250.1.213.1.4.8|<NIR> (a Bundle of 0 or 1)',
    tags: fhirTags,
    access: { software: 'read' },
    query: z.looseObject({ identifier: z.string().max(100).optional() }),
    responses: { 200: Resource },
    errors,
    example: { query: { identifier: 'urn:oid:1.2.250.1.213.1.4.8|285067510804626' } },
  }),
  patientRead: defineRoute({
    method: 'GET',
    path: '/fhir/R4/Patient/:id',
    operationId: 'fhirReadPatient',
    summary: 'Reads a patient (FR Core fr-core-patient-ins)',
    tags: fhirTags,
    access: { software: 'read' },
    params: Id,
    responses: { 200: Resource },
    errors,
    example: { params: { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' } },
  }),
  documentSearch: search('DocumentReference', 'The documents of patient= this professional may read'),
  documentRead: defineRoute({
    method: 'GET',
    path: '/fhir/R4/DocumentReference/:id',
    operationId: 'fhirReadDocumentReference',
    summary: 'Reads a document this professional may read',
    tags: fhirTags,
    access: { software: 'read' },
    params: Id,
    responses: { 200: Resource },
    errors,
    example: { params: { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' } },
  }),
  binaryRead: defineRoute({
    method: 'GET',
    path: '/fhir/R4/Binary/:id',
    operationId: 'fhirReadBinary',
    summary: "A readable document's file: a Binary resource (JSON), or the raw file when Accept asks for its type",
    tags: fhirTags,
    access: { software: 'read' },
    params: Id,
    responses: { 200: z.any() },
    errors,
    example: { params: { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' } },
  }),
  documentCreate: defineRoute({
    method: 'POST',
    path: '/fhir/R4/DocumentReference',
    operationId: 'fhirCreateDocumentReference',
    summary:
      'Deposits a document: a DocumentReference with subject, a CI-SIS type code (LOINC) and the file as content[0].attachment.data',
    tags: fhirTags,
    access: { software: 'deposit' },
    body: z.looseObject({ resourceType: z.literal('DocumentReference') }),
    consumes: ['application/fhir+json'],
    responses: { 201: Resource },
    errors: [400, 401, 403, 404, 413, 415, 422],
    example: {
      body: {
        resourceType: 'DocumentReference',
        status: 'current',
        subject: { reference: 'Patient/6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' },
        type: { coding: [{ system: 'http://loinc.org', code: '11488-4' }] },
        content: [{ attachment: { contentType: 'text/plain', data: 'Q29tcHRlIHJlbmR1Cg==', title: 'cr.txt' } }],
      },
    },
  }),
  observationSearch: search('Observation', 'Observations of patient= (measures stay the patient’s: always empty)'),
  conditionSearch: search('Condition', 'Conditions of patient= (« Maladies et sujets de santé »)'),
  allergySearch: search('AllergyIntolerance', 'Allergies of patient='),
  immunizationSearch: search('Immunization', 'Vaccinations of patient='),
  conditionRead: readById('Condition', 'Reads one condition (another patient’s or an unknown id: 404)'),
  allergyRead: readById('AllergyIntolerance', 'Reads one allergy (another patient’s or an unknown id: 404)'),
  immunizationRead: readById('Immunization', 'Reads one vaccination (another patient’s or an unknown id: 404)'),
};
