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
