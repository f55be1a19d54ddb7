import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call, hrefOf } from '../../client';
import { medicalRoutes as r } from '../../../../shared/src/routes/medical.routes.js';
import type { ItemKind, SynthesisSection } from '../../../../shared/src/medical.js';
import type { MeasureInput, MeasureKind, TypedMeasureKind } from '../../../../shared/src/measures.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';
import { profileKey, sameProfile, useInvalidate } from '../../query';

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

/** Query keys of the medical profile: all under `['profile', profileId, 'medical']`. */
export const medicalKeys = {
  all: (profileId: string) => profileKey(profileId, 'medical'),
  summary: (profileId: string) => profileKey(profileId, 'medical', 'summary'),
  items: (profileId: string, kind: ItemKind) => profileKey(profileId, 'medical', 'items', kind),
  history: (profileId: string, kind: MeasureKind, range: { from?: string; to?: string }) =>
    profileKey(profileId, 'medical', 'measures', kind, range),
  wishes: (profileId: string) => profileKey(profileId, 'medical', 'wishes'),
  care: (profileId: string, query: CareQuery) => profileKey(profileId, 'medical', 'care', query),
};
type CareQuery = { from?: string; to?: string; kind?: string };

/** The medical profile's home: counts, latest entries, measures, wishes, care. */
export const useMedicalSummary = (profileId: string) =>
  useQuery({
    queryKey: medicalKeys.summary(profileId),
    queryFn: ({ signal }) => medicalApi.summary(profileId, signal),
  });

/** The entries of one list (maladies, traitements…). */
export const useMedicalItems = (profileId: string, kind: ItemKind, enabled = true) =>
  useQuery({
    queryKey: medicalKeys.items(profileId, kind),
    queryFn: ({ signal }) => medicalApi.list(profileId, kind, signal),
    enabled,
  });

/** A measure's history over a date range. */
export const useMeasureHistory = (profileId: string, kind: MeasureKind, range: { from?: string; to?: string }) =>
  useQuery({
    queryKey: medicalKeys.history(profileId, kind, range),
    queryFn: ({ signal }) => medicalApi.history(profileId, kind, range, signal),
    placeholderData: sameProfile(profileId),
  });

/** « Entourage et volontés »: directives and donation. */
export const useWishes = (profileId: string) =>
  useQuery({ queryKey: medicalKeys.wishes(profileId), queryFn: ({ signal }) => medicalApi.wishes(profileId, signal) });

/** « Historique de soins », filtered. */
export const useCare = (profileId: string, query: CareQuery) =>
  useQuery({
    queryKey: medicalKeys.care(profileId, query),
    queryFn: ({ signal }) => medicalApi.care(profileId, query, signal),
    placeholderData: sameProfile(profileId),
  });

/** After saving the wishes: the answer shown at once, then the medical queries read again. */
export function useWishesSaved(profileId: string): (saved: CallOutput<typeof r.saveWishes>) => void {
  const queryClient = useQueryClient();
  const changed = useMedicalChanged(profileId);
  return (saved) => {
    queryClient.setQueryData(medicalKeys.wishes(profileId), saved);
    void changed();
  };
}

/** After a change: every medical query of the profile is read again (the home's counts move with any list). */
export function useMedicalChanged(profileId: string): () => Promise<void> {
  const invalidate = useInvalidate();
  return () => invalidate(medicalKeys.all(profileId));
}
