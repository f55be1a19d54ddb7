import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorCatalog, type ErrorCode } from '../../../shared/src/errors.js';

/** Schema of every error answer, declared on each route's error statuses so OpenAPI lists them. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/**
 * Every /api/ answer is `Cache-Control: no-store` unless its route chose otherwise: answers carry personal
 * and health data, which neither the browser's cache (a shared computer, the back button after sign-out)
 * nor a proxy may keep. Errors included.
 */
export function installNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
