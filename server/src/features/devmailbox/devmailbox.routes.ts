import { z } from 'zod';
import { text } from '../../../../shared/src/input.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const Message = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.string(),
});

/**
 * The development mailbox: e-mails and SMS that no real transport took, as a person would read them.
 * Registered only outside production (app.ts), so codes never become readable there.
 */
export const devMailboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Development mailbox (not in production)',
        querystring: z.object({ to: text().max(320).optional() }),
        response: { 200: z.object({ messages: z.array(Message) }) },
      },
    },
    async (req) => {
      let q = app.platform.db
        .selectFrom('outbox_message')
        .select(['id', 'channel', 'recipient', 'subject', 'body', 'kind', 'status', 'created_at'])
        .where((eb) => eb.or([eb('transport', '=', 'dev-mailbox'), eb('transport', 'is', null)]))
        .orderBy('created_at', 'desc')
        .limit(200);
      if (req.query.to) q = q.where('recipient', '=', req.query.to);
      const rows = await q.execute();
      return {
        messages: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          to: r.recipient,
          subject: r.subject,
          text: r.body,
          kind: r.kind,
          status: r.status,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    },
  );
};
