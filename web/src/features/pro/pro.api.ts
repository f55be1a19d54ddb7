import { call, hrefOf } from '../../client';
import { proRoutes as r } from '../../../../shared/src/routes/pro.routes.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';

export type ProMe = CallOutput<typeof r.me>['professional'];
export type Found = CallOutput<typeof r.findPatient>;
export type ProDocument = CallOutput<typeof r.documents>['documents'][number];
export type ProMedical = CallOutput<typeof r.medical>;
export type PatientProfessional = CallOutput<typeof r.patientProfessionals>['professionals'][number];
export type FhirClient = CallOutput<typeof r.fhirClients>['clients'][number];
type Traits = CallInput<typeof r.findPatient>['body'];

/** Where the sign-in starts: a full navigation to the identity provider (Pro Santé Connect, or the bundled one). */
export const SIGN_IN_URL = '/api/pro/auth/start';

/** The professional portal's API, typed by the shared contract. */
export const proApi = {
  me: (signal?: AbortSignal) => call(r.me, {}, signal),
  logout: () => call(r.logout, {}),
  find: (body: Traits) => call(r.findPatient, { body }),
  consent: (profileId: string) => call(r.consent, { params: { profileId }, body: { collected: true } }),
  documents: (profileId: string, signal?: AbortSignal) => call(r.documents, { params: { profileId } }, signal),
  fileUrl: (profileId: string, id: string) => hrefOf(r.file, { params: { profileId, id } }),
  synthesisUrl: (profileId: string) => hrefOf(r.synthesis, { params: { profileId } }),
  deposit: (
    profileId: string,
    query: { typeCode: string; title: string; documentDate?: string; invisibleToPatient: 'true' | 'false' },
    form: FormData,
  ) => call(r.deposit, { params: { profileId }, query, body: form as never }),
  release: (profileId: string, id: string) => call(r.release, { params: { profileId, id } }),
  medical: (profileId: string, signal?: AbortSignal) => call(r.medical, { params: { profileId } }, signal),
  patientProfessionals: (profileId: string, signal?: AbortSignal) =>
    call(r.patientProfessionals, { params: { profileId } }, signal),
  blockProfessional: (profileId: string, professionalId: string) =>
    call(r.blockProfessional, { params: { profileId, professionalId }, body: { confirmed: true } }),
  fhirClients: (signal?: AbortSignal) => call(r.fhirClients, {}, signal),
  registerFhirClient: (body: { name: string; jwk: string }) => call(r.registerFhirClient, { body }),
  revokeFhirClient: (clientId: string) => call(r.revokeFhirClient, { params: { clientId } }),
  emergency: (profileId: string, reason: string, durationMinutes: 60 | 120 | 240) =>
    call(r.emergency, { params: { profileId }, body: { reason, durationMinutes } }),
};
