import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../../platform/contract.js';
import { platformRoutes as routes } from '../../../../shared/src/routes/platform.routes.js';

/**
 * The development mailbox: e-mails and SMS that no real transport took, as a person would read them.
 * Registered only outside production (app.ts), so codes never become readable there.
 */
export const devMailboxRoutes: FastifyPluginAsync = async (app) => {
  serve(app, routes.devMailbox, async (req) => {
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
  });
};
