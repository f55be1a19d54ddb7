import { call, hrefOf } from '../../client';
import { accessRoutes as r } from '../../../../shared/src/routes/access.routes.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';
import type { SynthesisSection } from '../../../../shared/src/medical.js';

export type Lists = CallOutput<typeof r.professionals>;
export type Pro = Lists['authorized'][number];
export type ActivityPage = CallOutput<typeof r.activity>;
export type Line = ActivityPage['lines'][number];
export type ActivityQuery = NonNullable<CallInput<typeof r.activity>['query']>;
export type Switches = CallOutput<typeof r.emergency>;
export type Notice = CallOutput<typeof r.notice>['accesses'];

/** The patient's control over professionals, for the open profile; every call typed by the shared contract. */
export const accessApi = {
  lists: (profileId: string, signal?: AbortSignal) => call(r.professionals, { params: { profileId } }, signal),
  search: (profileId: string, q: string, page = 1) => call(r.search, { params: { profileId }, query: { q, page } }),
  block: (profileId: string, professionalId: string) =>
    call(r.block, { params: { profileId, professionalId }, body: { confirmed: true } }),
  unblock: (profileId: string, professionalId: string) => call(r.unblock, { params: { profileId, professionalId } }),
  administrator: (profileId: string, professionalId: string, administrator: boolean) =>
    call(r.administrator, { params: { profileId, professionalId }, body: { administrator } }),
  role: (profileId: string, professionalId: string, role: Pro['role']) =>
    call(r.role, { params: { profileId, professionalId }, body: { role } }),
  emergency: (profileId: string, signal?: AbortSignal) => call(r.emergency, { params: { profileId } }, signal),
  saveEmergency: (profileId: string, body: Switches) => call(r.saveEmergency, { params: { profileId }, body }),
  notice: (profileId: string, signal?: AbortSignal) => call(r.notice, { params: { profileId } }, signal),
  saveNotice: (profileId: string, accesses: Notice) =>
    call(r.saveNotice, { params: { profileId }, body: { accesses } }),
  activity: (profileId: string, query: ActivityQuery, signal?: AbortSignal) =>
    call(r.activity, { params: { profileId }, query }, signal),
  report: (profileId: string, seq: number, description: string) =>
    call(r.report, { params: { profileId, seq: String(seq) }, body: { description } }),
  shareSynthesis: (profileId: string, professionalId: string, sections: SynthesisSection[]) =>
    call(r.shareSynthesis, { params: { profileId, professionalId }, body: { sections } }),
  stopSynthesis: (profileId: string, professionalId: string) =>
    call(r.stopSynthesis, { params: { profileId, professionalId } }),
  extractUrl: (profileId: string) => hrefOf(r.extract, { params: { profileId } }),
};

/** « 3 mars 2026 ». */
export function day(iso: string): string {
  return new Date(iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}
