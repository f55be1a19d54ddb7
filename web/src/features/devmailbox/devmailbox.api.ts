import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../client';
import { platformRoutes } from '../../../../shared/src/routes/platform.routes.js';
import type { CallOutput } from '../../../../shared/src/contract.js';

/** One e-mail or SMS of the development mailbox (GET /api/dev/mailbox). */
export type MailboxMessage = CallOutput<typeof platformRoutes.devMailbox>['messages'][number];

/** The messages no real transport took, newest first; `to` filters by exact recipient. */
export async function fetchMailbox(to: string, signal?: AbortSignal): Promise<MailboxMessage[]> {
  const { messages } = await call(platformRoutes.devMailbox, { query: to ? { to } : {} }, signal);
  return [...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Query key of the development mailbox: neither a profile's data nor the account's (the server's outbox,
 * development only), so under `['dev', 'mailbox']`.
 */
export const devMailboxKeys = {
  list: (to: string) => ['dev', 'mailbox', to] as const,
};

/** The mailbox for one recipient (or all); while the filter changes, the previous list stays on screen. */
export const useMailbox = (to: string, enabled: boolean) =>
  useQuery({
    queryKey: devMailboxKeys.list(to),
    queryFn: ({ signal }) => fetchMailbox(to, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
