import { useQuery } from '@tanstack/react-query';
import { call } from '../../client';
import { devicesRoutes as r } from '../../../../shared/src/routes/devices.routes.js';
import type { CallOutput } from '../../../../shared/src/contract.js';
import { accountKey, useInvalidate } from '../../query';

export type Devices = CallOutput<typeof r.list>;

/** The signed-in person's devices: open sessions and passkeys; typed by the shared contract. */
export const devicesApi = {
  list: (signal?: AbortSignal) => call(r.list, {}, signal),
  endOthers: () => call(r.endOthers, {}),
  revoke: (id: string) => call(r.revoke, { params: { id } }),
};

/** Query keys of the devices: the account's own data, under `['account', 'devices']`. */
export const devicesKeys = {
  all: accountKey('devices'),
  list: accountKey('devices', 'list'),
};

/** Sessions and passkeys, in one answer (« Mes sessions » and « Mes clés d'accès » read the same query). */
export const useDevices = () =>
  useQuery({ queryKey: devicesKeys.list, queryFn: ({ signal }) => devicesApi.list(signal) });

/** After a session ended or a passkey added or removed: the devices read again. */
export function useDevicesChanged(): () => Promise<void> {
  const invalidate = useInvalidate();
  return () => invalidate(devicesKeys.all);
}
