import { z } from 'zod';
import { defineRoute } from '../contract.js';
import { text } from '../input.js';

export const Health = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']) });
export const Site = z.object({
  serviceName: z.string(),
  tagline: z.string(),
  brandTop: z.string(),
  officialBrand: z.boolean(),
  devMailbox: z.boolean(),
});
export const MailboxMessage = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.string(),
});

/** The platform's own routes: health, the deployment's names, and the development mailbox. */
export const platformRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/api/health',
    operationId: 'health',
    summary: 'Service health',
    tags: ['platform'],
    access: 'public',
    responses: { 200: Health, 503: Health },
    errors: [],
  }),
  site: defineRoute({
    method: 'GET',
    path: '/api/site',
    operationId: 'site',
    summary: 'Brand and service name',
    tags: ['platform'],
    access: 'public',
    responses: { 200: Site },
    errors: [],
  }),
  devMailbox: defineRoute({
    method: 'GET',
    path: '/api/dev/mailbox',
    operationId: 'devMailbox',
    summary: 'Development mailbox (not in production)',
    tags: ['development'],
    access: 'public',
    query: z.object({ to: text().max(320).optional() }),
    responses: { 200: z.object({ messages: z.array(MailboxMessage) }) },
    errors: [400],
  }),
};
