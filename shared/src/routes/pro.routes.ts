import { z } from 'zod';
import { defineRoute } from '../contract.js';
import { Category, typeCodes } from '../documents.js';
import { ItemView, WishesView } from '../medical.js';

const PatientParams = z.object({ profileId: z.uuid() });
const DocParams = PatientParams.extend({ id: z.uuid() });
const tags = ['professionals'] as const;
const base = '/api/pro/patients/:profileId';
const anId = { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' };

/** The signed-in professional, as the portal shows them. */
export const ProView = z.object({
  id: z.uuid(),
  rpps: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  professionCode: z.string(),
  professionLabel: z.string(),
  regulator: z.boolean(),
  structureName: z.string().nullable(),
});
export type ProView = z.infer<typeof ProView>;

const Day = z.iso.date({ error: 'Saisissez une date valide (AAAA-MM-JJ).' });
/**
 * INS traits to find one patient (exact match only): the NIR and the birth date, or the birth name, the
 * first name, the birth date and the sex.
 */
export const PatientTraits = z.union([
  z.object({
    nir: z
      .string()
      .trim()
      .regex(/^[0-9]{5}[0-9AB][0-9]{9}$/i, { error: 'Saisissez les 15 caractères du NIR.' }),
    birthDate: Day,
  }),
  z.object({
    birthName: z.string().trim().min(1, { error: 'Saisissez le nom de naissance.' }).max(100),
    firstName: z.string().trim().min(1, { error: 'Saisissez le prénom.' }).max(100),
    birthDate: Day,
    sex: z.enum(['M', 'F']),
  }),
]);
export type PatientTraits = z.infer<typeof PatientTraits>;

export const FoundPatient = z.object({
  patient: z.object({
    profileId: z.uuid(),
    birthName: z.string(),
    firstNames: z.string(),
    sex: z.enum(['M', 'F']),
    birthDate: z.string(),
  }),
  /** How this professional stands to the patient: consent declared, blocked by the patient, or nothing yet. */
  access: z.enum(['authorized', 'blocked', 'none']),
  administrator: z.boolean(),
  /** The end of an emergency access this professional has open, or null. */
  emergencyUntil: z.string().nullable(),
  /** The patient shares « la synthèse » with this professional. */
  synthesisShared: z.boolean(),
});
export type FoundPatient = z.infer<typeof FoundPatient>;

/** A document as a professional sees it (after the matrix, confidentiality and the patient's lists). */
export const ProDocumentView = z.object({
  id: z.uuid(),
  title: z.string(),
  category: Category,
  categoryLabel: z.string(),
  typeCode: z.string().nullable(),
  typeLabel: z.string().nullable(),
  documentDate: z.string().nullable(),
  author: z.object({ kind: z.enum(['patient', 'professional', 'import']), name: z.string().nullable() }),
  /** Deposited by the professional who reads. */
  mine: z.boolean(),
  /** INVISIBLE_PATIENT: not shown to the patient until its author releases it. */
  invisibleToPatient: z.boolean(),
  hiddenFromProfessionals: z.boolean(),
  mimeType: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type ProDocumentView = z.infer<typeof ProDocumentView>;

const typeCodeKeys = Object.keys(typeCodes) as [string, ...string[]];
export const DepositQuery = z.object({
  typeCode: z.enum(typeCodeKeys, { error: 'Choisissez un type de document de la liste.' }),
  title: z.string().trim().min(1, { error: 'Saisissez un titre.' }).max(200),
  documentDate: Day.optional(),
  invisibleToPatient: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** The medical profile sections an authorized professional reads (docs/architecture.md, « Professionnels »). */
export const ProMedicalView = z.object({
  conditions: z.array(ItemView),
  treatments: z.array(ItemView),
  allergies: z.array(ItemView),
  vaccinations: z.array(ItemView),
  contacts: z.array(ItemView),
  wishes: WishesView,
});

export const EmergencyInput = z.object({
  reason: z.string().trim().min(10, { error: 'Décrivez la situation d’urgence (10 caractères au moins).' }).max(500),
  durationMinutes: z.union([z.literal(60), z.literal(120), z.literal(240)]).default(240),
});

/**
 * One of the patient's professionals as an administrator professional sees them: who, how they stand to the
 * patient, and whether it is the administrator who reads (never the patient's shared synthesis or roles).
 */
export const PatientProfessionalView = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
  structureName: z.string().nullable(),
  status: z.enum(['authorized', 'blocked']),
  since: z.string().nullable(),
  administrator: z.boolean(),
  /** The professional who reads (an administrator cannot block themselves). */
  self: z.boolean(),
});
export type PatientProfessionalView = z.infer<typeof PatientProfessionalView>;

/** A professional's software registered for the FHIR R4 API (SMART Backend Services). */
export const FhirClientView = z.object({
  clientId: z.string(),
  name: z.string(),
  alg: z.enum(['RS384', 'ES384']),
  /** RFC 7638 thumbprint of the public key, to check it is the software's. */
  thumbprint: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type FhirClientView = z.infer<typeof FhirClientView>;

export const FhirClientInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Saisissez le nom du logiciel.' })
    .max(100, { error: 'Le nom du logiciel tient en 100 caractères au plus.' }),
  jwk: z
    .string()
    .trim()
    .min(2, { error: 'Collez la clé publique du logiciel (JWK, au format JSON).' })
    .max(8000, { error: 'Cette clé est trop longue pour une clé publique JWK.' }),
});

const DirectoryReport = z.object({
  read: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ line: z.number(), reason: z.string() })),
});

/**
 * The professionals' routes (issue 10). Sign-in start and callback are browser redirects, served apart
 * (server/src/features/professionals/pro.auth.ts): GET /api/pro/auth/start and GET /api/pro/auth/callback.
 */
export const proRoutes = {
  /** Redirects (303) to the identity provider (PKCE, state and nonce kept in a short-lived cookie). */
  authStart: defineRoute({
    method: 'GET',
    path: '/api/pro/auth/start',
    operationId: 'proAuthStart',
    summary: 'Starts a professional sign-in (redirect to the identity provider)',
    tags: ['professionals'],
    access: 'public',
    responses: {},
    errors: [429, 503],
  }),
  /** The provider's redirect back (code flow); answers with a redirect to the portal. */
  authCallback: defineRoute({
    method: 'GET',
    path: '/api/pro/auth/callback',
    operationId: 'proAuthCallback',
    summary: 'Callback of the professional sign-in (code flow)',
    tags: ['professionals'],
    access: 'public',
    query: z.looseObject({}),
    responses: {},
    errors: [400, 401, 429],
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/pro/me',
    operationId: 'proMe',
    summary: 'The signed-in professional',
    tags,
    access: 'professional',
    responses: { 200: z.object({ professional: ProView }) },
    errors: [401],
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/pro/auth/logout',
    operationId: 'proLogout',
    summary: "Ends the professional's session",
    tags,
    access: 'public',
    responses: { 204: z.null() },
    errors: [400, 403],
  }),
  findPatient: defineRoute({
    method: 'POST',
    path: '/api/pro/patients/search',
    operationId: 'proFindPatient',
    summary: 'Finds one patient by INS traits (exact match only, never a list)',
    tags,
    access: 'professional',
    body: PatientTraits,
    responses: { 200: FoundPatient },
    errors: [400, 401, 404],
    example: { body: { nir: '285067510804626', birthDate: '1985-06-14' } },
  }),
  consent: defineRoute({
    method: 'POST',
    path: `${base}/consent`,
    operationId: 'proDeclareConsent',
    summary: "Declares the patient's consent collected at the visit (not possible when blocked)",
    tags,
    access: { patient: 'consent' },
    params: PatientParams,
    body: z.object({
      collected: z.literal(true, { error: 'Cochez la case pour déclarer le consentement recueilli.' }),
    }),
    responses: { 200: z.object({ access: z.literal('authorized') }) },
    example: { body: { collected: true } },
  }),
  documents: defineRoute({
    method: 'GET',
    path: `${base}/documents`,
    operationId: 'proDocuments',
    summary: 'The documents this professional may read',
    tags,
    access: { patient: 'read' },
    params: PatientParams,
    responses: { 200: z.object({ documents: z.array(ProDocumentView) }) },
  }),
  file: defineRoute({
    method: 'GET',
    path: `${base}/documents/:id/file`,
    operationId: 'proDocumentFile',
    summary: "A readable document's file",
    tags,
    access: { patient: 'read' },
    params: DocParams,
    query: z.object({ download: z.enum(['1']).optional() }),
    responses: { 200: z.any() },
    example: { params: anId },
  }),
  deposit: defineRoute({
    method: 'POST',
    path: `${base}/documents`,
    operationId: 'proDeposit',
    summary:
      'Deposits a document (multipart, one file; type code and title in the query), optionally invisible to the patient',
    tags,
    access: { patient: 'deposit' },
    params: PatientParams,
    query: DepositQuery,
    consumes: ['multipart/form-data'],
    responses: { 201: z.object({ document: ProDocumentView }) },
    errors: [400, 401, 403, 404, 413, 415, 422],
    example: { query: { typeCode: '11488-4', title: 'Compte rendu' } },
  }),
  release: defineRoute({
    method: 'POST',
    path: `${base}/documents/:id/release`,
    operationId: 'proRelease',
    summary:
      'Makes a document its author deposited invisible to the patient visible to them (after the announcement consultation)',
    tags,
    access: { patient: 'deposit' },
    params: DocParams,
    responses: { 200: z.object({ document: ProDocumentView }) },
    example: { params: anId },
  }),
  medical: defineRoute({
    method: 'GET',
    path: `${base}/medical`,
    operationId: 'proMedical',
    summary: 'The medical profile sections professionals read',
    tags,
    access: { patient: 'read' },
    params: PatientParams,
    responses: { 200: ProMedicalView },
  }),
  emergency: defineRoute({
    method: 'POST',
    path: `${base}/emergency`,
    operationId: 'proEmergency',
    summary: 'Opens an emergency access (break-the-glass, or centre 15 for a SAMU regulator): a reason, a duration',
    tags,
    access: { patient: 'emergency' },
    params: PatientParams,
    body: EmergencyInput,
    responses: { 201: z.object({ mode: z.enum(['bris_de_glace', 'centre_15']), endsAt: z.string() }) },
    example: { body: { reason: 'Patient inconscient aux urgences', durationMinutes: 60 } },
  }),
  synthesis: defineRoute({
    method: 'GET',
    path: `${base}/synthesis.pdf`,
    operationId: 'proSynthesis',
    summary: '« la synthèse » the patient shared with this professional (the sections they chose), as a PDF',
    tags,
    access: { patient: 'synthesis' },
    params: PatientParams,
    responses: { 200: z.any() },
  }),
  patientProfessionals: defineRoute({
    method: 'GET',
    path: `${base}/professionals`,
    operationId: 'proPatientProfessionals',
    summary: "The patient's professionals (authorized and blocked), for a professional the patient made administrator",
    tags,
    access: { patient: 'administer' },
    params: PatientParams,
    responses: { 200: z.object({ professionals: z.array(PatientProfessionalView) }) },
  }),
  blockProfessional: defineRoute({
    method: 'PUT',
    path: `${base}/professionals/:professionalId/blocked`,
    operationId: 'proBlockProfessional',
    summary:
      "An administrator blocks another of the patient's professionals, once confirmed (not themselves, not another administrator)",
    tags,
    access: { patient: 'administer' },
    params: PatientParams.extend({ professionalId: z.uuid() }),
    body: z.object({ confirmed: z.literal(true, { error: 'Confirmez le blocage.' }) }),
    responses: { 200: z.object({ professional: PatientProfessionalView }) },
    errors: [400, 401, 403, 404, 409],
    example: { params: { professionalId: anId.id }, body: { confirmed: true } },
  }),
  fhirClients: defineRoute({
    method: 'GET',
    path: '/api/pro/fhir-clients',
    operationId: 'proFhirClients',
    summary: "The signed-in professional's software registered for the FHIR R4 API",
    tags,
    access: 'professional',
    responses: { 200: z.object({ clients: z.array(FhirClientView) }) },
    errors: [401],
  }),
  registerFhirClient: defineRoute({
    method: 'POST',
    path: '/api/pro/fhir-clients',
    operationId: 'proRegisterFhirClient',
    summary: 'Registers a software (name and public JWK, RS384 or ES384) bound to the signed-in professional',
    tags,
    access: 'professional',
    body: FhirClientInput,
    responses: { 201: z.object({ client: FhirClientView }) },
    errors: [400, 401],
    example: { body: { name: 'Logiciel du cabinet', jwk: '{"kty":"EC","crv":"P-384","x":"…","y":"…"}' } },
  }),
  revokeFhirClient: defineRoute({
    method: 'POST',
    path: '/api/pro/fhir-clients/:clientId/revoke',
    operationId: 'proRevokeFhirClient',
    summary: 'Revokes one of the signed-in professional’s software: its tokens stop working at once',
    tags,
    access: 'professional',
    params: z.object({ clientId: z.string().max(100) }),
    responses: { 200: z.object({ client: FhirClientView }) },
    errors: [400, 401, 404],
    example: { params: { clientId: 'carnet-0123456789abcdef' } },
  }),
  importDirectory: defineRoute({
    method: 'POST',
    path: '/api/operator/professionals',
    operationId: 'importProfessionals',
    summary:
      'Imports the professionals directory from CSV (rpps, last_name, first_name, profession_code, specialty, structure_name, structure_id, mssante_address, regulator); idempotent on RPPS',
    tags: ['operator'],
    access: 'operator',
    consumes: ['text/csv'],
    responses: { 200: DirectoryReport },
    errors: [400, 401, 415],
  }),
};
