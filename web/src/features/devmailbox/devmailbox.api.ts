import { http } from '../../api';

/** One e-mail or SMS of the development mailbox (GET /api/dev/mailbox). */
export interface MailboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  kind: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: string;
}

/** The messages no real transport took, newest first; `to` filters by exact recipient. */
export async function fetchMailbox(to: string, signal?: AbortSignal): Promise<MailboxMessage[]> {
  const query = to ? `?to=${encodeURIComponent(to)}` : '';
  const { messages } = await http.get<{ messages: MailboxMessage[] }>(`/api/dev/mailbox${query}`, signal);
  return [...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
