import { call } from '../../client';
import { closureRoutes as r } from '../../../../shared/src/routes/closure.routes.js';
import type { CallOutput } from '../../../../shared/src/contract.js';

export type ClosureStatus = CallOutput<typeof r.status>;
export type ExportInfo = NonNullable<CallOutput<typeof r.latestExport>['export']>;

/** Closure and download, for the open profile's id; every call typed by the shared contract. */
export const closureApi = {
  status: (profileId: string, signal?: AbortSignal) => call(r.status, { params: { profileId } }, signal),
  close: (profileId: string, body: { downloadFirst: boolean; deleteData: boolean; password: string }) =>
    call(r.close, { params: { profileId }, body }),
  latestExport: (profileId: string, signal?: AbortSignal) => call(r.latestExport, { params: { profileId } }, signal),
  requestExport: (profileId: string) => call(r.requestExport, { params: { profileId }, body: {} }),
  ticket: (profileId: string, archiveId: string, password: string) =>
    call(r.ticket, { params: { profileId, archiveId }, body: { password } }),
};
