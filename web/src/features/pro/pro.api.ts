import { useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../client';
import { patientKey, proKey } from '../../query';
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

/**
 * Query keys of the portal: the professional's own data under `['pro']`, a patient's data as this
 * professional sees it under `['patient', profileId]` (never mixed with another patient's).
 */
export const proKeys = {
  all: proKey(),
  me: proKey('me'),
  fhirClients: proKey('fhir-clients'),
  /** Every patient's data (patientKey's prefix): emptied at logout. */
  patients: ['patient'],
  patient: (profileId: string) => patientKey(profileId),
  documents: (profileId: string) => patientKey(profileId, 'documents'),
  medical: (profileId: string) => patientKey(profileId, 'medical'),
};

/** The signed-in professional (a 401 when none). */
export const useProMe = () => useQuery({ queryKey: proKeys.me, queryFn: ({ signal }) => proApi.me(signal) });

/** The patient's documents this professional may read. */
export const useProDocuments = (profileId: string) =>
  useQuery({ queryKey: proKeys.documents(profileId), queryFn: ({ signal }) => proApi.documents(profileId, signal) });

/** The patient's medical profile as this professional may read it. */
export const useProMedical = (profileId: string) =>
  useQuery({ queryKey: proKeys.medical(profileId), queryFn: ({ signal }) => proApi.medical(profileId, signal) });

/** The professional's registered FHIR clients. */
export const useFhirClients = () =>
  useQuery({ queryKey: proKeys.fhirClients, queryFn: ({ signal }) => proApi.fhirClients(signal) });
