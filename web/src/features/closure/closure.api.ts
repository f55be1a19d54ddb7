import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../client';
import { closureRoutes as r } from '../../../../shared/src/routes/closure.routes.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';
import { profileKey } from '../../query';

export type ClosureStatus = CallOutput<typeof r.status>;
export type ExportInfo = NonNullable<CallOutput<typeof r.latestExport>['export']>;
type CloseBody = Exclude<CallInput<typeof r.close>['body'], FormData>;

/** Closure and download, for the open profile's id; every call typed by the shared contract. */
export const closureApi = {
  status: (profileId: string, signal?: AbortSignal) => call(r.status, { params: { profileId } }, signal),
  close: (profileId: string, body: CloseBody) => call(r.close, { params: { profileId }, body }),
  latestExport: (profileId: string, signal?: AbortSignal) => call(r.latestExport, { params: { profileId } }, signal),
  requestExport: (profileId: string) => call(r.requestExport, { params: { profileId }, body: {} }),
  ticket: (profileId: string, archiveId: string, password: string) =>
    call(r.ticket, { params: { profileId, archiveId }, body: { password } }),
};

/** Query keys of the closure and the download: all under `['profile', profileId, 'closure']`. */
export const closureKeys = {
  all: (profileId: string) => profileKey(profileId, 'closure'),
  status: (profileId: string) => profileKey(profileId, 'closure', 'status'),
  export: (profileId: string) => profileKey(profileId, 'closure', 'export'),
};

/** What the closure page needs to know (opposition window, a child's own account). Not asked for a caregiver. */
export const useClosureStatus = (profileId: string, enabled: boolean) =>
  useQuery({
    queryKey: closureKeys.status(profileId),
    queryFn: ({ signal }) => closureApi.status(profileId, signal),
    enabled,
  });

/** How often the archive's progress is asked while it is being prepared. */
export const EXPORT_POLL_MS = 1500;
const preparing = (archive: ExportInfo | null | undefined) =>
  archive?.status === 'pending' || archive?.status === 'running';

/**
 * The latest « Télécharger mes données » archive. While it is being prepared its progress is asked again every
 * 1.5 s; the polling stops once it is ready, failed or expired.
 */
export const useLatestExport = (profileId: string) =>
  useQuery({
    queryKey: closureKeys.export(profileId),
    queryFn: ({ signal }) => closureApi.latestExport(profileId, signal),
    refetchInterval: (query) => (preparing(query.state.data?.export) ? EXPORT_POLL_MS : false),
  });

/** After asking for an archive: its answer shown at once, which starts the polling. */
export function useExportRequested(profileId: string): (requested: CallOutput<typeof r.requestExport>) => void {
  const queryClient = useQueryClient();
  return (requested) => queryClient.setQueryData(closureKeys.export(profileId), { export: requested.export });
}
