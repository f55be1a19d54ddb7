import { useCallback } from 'react';
import { QueryClient, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError, apiMessages } from './api';

/**
 * Server data in the browser (TanStack Query). Every key of a profile's data starts with
 * `['profile', profileId]`, so an answer for one profile can only ever be shown for that profile: after a
 * switch the page reads another key, and a late answer for the previous one lands in the cache under its own
 * key, unseen. Keys of the account itself start with `['account']`; the professional portal's keys start with
 * `['patient', profileId]` (the patient being viewed) or `['pro']`.
 */
export const profileKey = (profileId: string, ...rest: unknown[]): QueryKey => ['profile', profileId, ...rest];
/** The signed-in person's own data, not a profile's: sessions, passkeys, contact details, invitations. */
export const accountKey = (...rest: unknown[]): QueryKey => ['account', ...rest];
/** A professional's view of one patient (portal pages). */
export const patientKey = (profileId: string, ...rest: unknown[]): QueryKey => ['patient', profileId, ...rest];
/** The professional's own data (portal). */
export const proKey = (...rest: unknown[]): QueryKey => ['pro', ...rest];

/** A 4xx answer will not change by asking again; a network failure or a 5xx may. */
function retry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

/**
 * The app's client. Health data is not refetched when the window regains focus (a page that changes under
 * the reader's eyes, and needless reads journaled); it is read again when a page mounts (staleTime 0, as
 * before) and kept a short while after its last page leaves (gcTime one minute).
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry, retryDelay: 500, refetchOnWindowFocus: false, staleTime: 0, gcTime: 60_000 },
      mutations: { retry: false },
    },
  });
}

const TECHNICAL = apiMessages.unexpected;

const wrapped = new WeakMap<object, ApiError>();

/**
 * A query's or mutation's error as FormError shows it (with `localized(intl)`), or null. The same error
 * gives the same object on every render, so FormError moves the focus once.
 */
export function shownError(error: unknown): ApiError | null {
  if (!error) return null;
  if (error instanceof ApiError) return error;
  if (typeof error !== 'object') return new ApiError(0, 'INTERNAL', TECHNICAL);
  let shown = wrapped.get(error);
  if (!shown) wrapped.set(error, (shown = new ApiError(0, 'INTERNAL', TECHNICAL)));
  return shown;
}

/**
 * `placeholderData` for a query whose filters change (a date range, a page): the previous answer stays on
 * screen while the next loads, but only when it was for the same profile — never another profile's data.
 */
export function sameProfile(profileId: string) {
  return <T>(previous: T | undefined, previousQuery?: { queryKey: QueryKey }): T | undefined =>
    previousQuery?.queryKey[1] === profileId ? previous : undefined;
}

/** Marks every query under `key` stale and refetches those on screen (after a change on the server). */
export function useInvalidate(): (key: QueryKey) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback((key: QueryKey) => queryClient.invalidateQueries({ queryKey: key }), [queryClient]);
}
