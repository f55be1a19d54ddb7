import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { call, hrefOf } from '../../client';
import { accessRoutes as r } from '../../../../shared/src/routes/access.routes.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';
import type { SynthesisSection } from '../../../../shared/src/medical.js';
import { profileKey, sameProfile, useInvalidate } from '../../query';

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

/**
 * Query keys of the patient's control over professionals: all under `['profile', profileId, 'access']`, so an
 * answer for one profile is never shown for another.
 */
export const accessKeys = {
  all: (profileId: string) => profileKey(profileId, 'access'),
  professionals: (profileId: string) => profileKey(profileId, 'access', 'professionals'),
  notice: (profileId: string) => profileKey(profileId, 'access', 'notice'),
  emergency: (profileId: string) => profileKey(profileId, 'access', 'emergency'),
  activityAll: (profileId: string) => profileKey(profileId, 'access', 'activity'),
  activity: (profileId: string, query: ActivityFilter) => profileKey(profileId, 'access', 'activity', query),
};
/** The history's filters; the page (`before`) is the infinite query's own. */
export type ActivityFilter = Omit<ActivityQuery, 'before'>;

/** The professionals authorized and blocked. */
export const useProfessionals = (profileId: string) =>
  useQuery({
    queryKey: accessKeys.professionals(profileId),
    queryFn: ({ signal }) => accessApi.lists(profileId, signal),
  });

/** When an e-mail tells me of an access. */
export const useAccessNotice = (profileId: string) =>
  useQuery({ queryKey: accessKeys.notice(profileId), queryFn: ({ signal }) => accessApi.notice(profileId, signal) });

/** The three emergency switches. */
export const useEmergency = (profileId: string) =>
  useQuery({
    queryKey: accessKeys.emergency(profileId),
    queryFn: ({ signal }) => accessApi.emergency(profileId, signal),
  });

/**
 * The activity history, 100 lines a page, newest first; « Afficher plus » fetches the next page. While the
 * filters change the previous lines stay on screen, but only for the same profile.
 */
export const useActivity = (profileId: string, filter: ActivityFilter) =>
  useInfiniteQuery({
    queryKey: accessKeys.activity(profileId, filter),
    queryFn: ({ pageParam, signal }) =>
      accessApi.activity(profileId, pageParam ? { ...filter, before: pageParam } : filter, signal),
    initialPageParam: 0,
    getNextPageParam: (last: ActivityPage) => last.next ?? undefined,
    placeholderData: sameProfile(profileId),
  });

/** After a change: what it changed is read again (the activity history journals the change too). */
export function useAccessChanged(profileId: string) {
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  return {
    /** Blocking, unblocking, administrator status, role, synthesis shared: both lists, and the history. */
    professionals: () =>
      Promise.all([
        invalidate(accessKeys.professionals(profileId)),
        invalidate(accessKeys.activityAll(profileId)),
      ]).then(() => undefined),
    /** The switches saved: their answer shown at once, the history read again. */
    emergency: (saved: Switches) => {
      queryClient.setQueryData(accessKeys.emergency(profileId), saved);
      return invalidate(accessKeys.activityAll(profileId));
    },
    /** The notice preference saved. */
    notice: (saved: CallOutput<typeof r.saveNotice>) => {
      queryClient.setQueryData(accessKeys.notice(profileId), saved);
      return invalidate(accessKeys.activityAll(profileId));
    },
    /** An access reported: the professional's lines marked at once, then the history read again. */
    reported: (professionalId: string, reportedAt: string) => {
      queryClient.setQueriesData<InfiniteData<ActivityPage>>({ queryKey: accessKeys.activityAll(profileId) }, (d) =>
        d
          ? {
              ...d,
              pages: d.pages.map((p) => ({
                ...p,
                lines: p.lines.map((l) => (l.professionalId === professionalId ? { ...l, reportedAt } : l)),
              })),
            }
          : d,
      );
      return invalidate(accessKeys.activityAll(profileId));
    },
  };
}

/** « 3 mars 2026 »: `intl.formatDate(iso, dayFormat)`. */
export const dayFormat = { day: 'numeric', month: 'long', year: 'numeric' } as const;
