import { call, hrefOf } from '../../client';
import { medicalRoutes as r } from '../../../../shared/src/routes/medical.routes.js';
import type { ItemKind, SynthesisSection } from '../../../../shared/src/medical.js';
import type { MeasureInput, MeasureKind, TypedMeasureKind } from '../../../../shared/src/measures.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';

/** The medical profile's home, as the contract defines it. */
export type MedicalSummary = CallOutput<typeof r.summary>;
type WishesBody = CallInput<typeof r.saveWishes>['body'];

/** The medical profile's API, always for the open profile's id; every call typed by the shared contract. */
export const medicalApi = {
  summary: (profileId: string, signal?: AbortSignal) => call(r.summary, { params: { profileId } }, signal),
  list: (profileId: string, kind: ItemKind, signal?: AbortSignal) =>
    call(r.items[kind].list, { params: { profileId } }, signal),
  create: (profileId: string, kind: ItemKind, data: Record<string, unknown>) =>
    call(r.items[kind].create, { params: { profileId }, body: data }),
  update: (profileId: string, kind: ItemKind, id: string, data: Record<string, unknown>) =>
    call(r.items[kind].update, { params: { profileId, id }, body: data }),
  remove: (profileId: string, kind: ItemKind, id: string) => call(r.items[kind].remove, { params: { profileId, id } }),
  history: (profileId: string, kind: MeasureKind, range: { from?: string; to?: string } = {}, signal?: AbortSignal) =>
    call(r.measureHistory, { params: { profileId, kind }, query: range }, signal),
  addMeasure: (profileId: string, kind: TypedMeasureKind, input: MeasureInput) =>
    call(r.addMeasure, { params: { profileId, kind }, body: input }),
  updateMeasure: (profileId: string, kind: TypedMeasureKind, id: string, input: MeasureInput) =>
    call(r.updateMeasure, { params: { profileId, kind, id }, body: input }),
  removeMeasure: (profileId: string, kind: TypedMeasureKind, id: string) =>
    call(r.deleteMeasure, { params: { profileId, kind, id } }),
  wishes: (profileId: string, signal?: AbortSignal) => call(r.wishes, { params: { profileId } }, signal),
  saveWishes: (profileId: string, body: WishesBody) => call(r.saveWishes, { params: { profileId }, body }),
  care: (profileId: string, query: { from?: string; to?: string; kind?: string }, signal?: AbortSignal) =>
    call(r.care, { params: { profileId }, query }, signal),
  synthesisUrl: (profileId: string, sections: SynthesisSection[]) =>
    hrefOf(r.synthesis, { params: { profileId }, query: { sections: sections.join(',') } }),
};
