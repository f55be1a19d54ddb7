import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * The operator API's guard (the insurer's staff): `Authorization: Bearer OPERATOR_TOKEN`, compared in
 * constant time. Features register their operator routes only when a token is configured.
 */
export function operatorGuard(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (req: FastifyRequest) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('OPERATOR_ONLY');
  };
}
