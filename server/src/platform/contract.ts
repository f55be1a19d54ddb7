import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDef } from '../../../shared/src/contract.js';
import { ErrorResponse } from './http.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract's valid request, for the sweeps (shared/src/contract.ts). */
    example?: RouteDef['example'];
    operationId?: string;
  }
}

/** The request a handler of `D` receives: params, query and body as its schemas output them. */
export type ContractRequest<D extends RouteDef> = FastifyRequest<{
  Params: D['params'] extends { _zod: { output: infer O } } ? O : unknown;
  Querystring: D['query'] extends { _zod: { output: infer O } } ? O : unknown;
  Body: D['body'] extends { _zod: { output: infer O } } ? O : unknown;
}>;

type Answer<D extends RouteDef> = {
  [K in keyof D['responses']]: D['responses'][K] extends { _zod: { input: infer I } } ? I : never;
}[keyof D['responses']];

/** A handler of `D`: returns the success body (or sends through `reply` for other statuses and binaries). */
export type ContractHandler<D extends RouteDef> = (
  req: ContractRequest<D>,
  reply: FastifyReply,
) => Promise<Answer<D> | FastifyReply | void>;

/** Route options beyond the contract (rate limits, body limits, early hooks). */
export type ServeOptions = Pick<RouteShorthandOptions, 'bodyLimit' | 'onRequest' | 'preHandler'> & {
  rateLimit?: { max: number; timeWindow: string };
};

/**
 * Registers the handler of a shared route definition: URL, method, access declaration, schemas, the
 * OpenAPI operationId and every declared status come from the definition, so server, web client and
 * OpenAPI cannot drift apart.
 */
export function serve<D extends RouteDef>(
  app: FastifyInstance,
  def: D,
  handler: ContractHandler<D>,
  options: ServeOptions = {},
): void {
  const { rateLimit, ...rest } = options;
  const errors = Object.fromEntries((def.errors ?? [400, 401, 403, 404]).map((status) => [status, ErrorResponse]));
  app.withTypeProvider<ZodTypeProvider>().route({
    method: def.method,
    url: def.path,
    ...rest,
    config: {
      access: def.access,
      ...(def.fieldAccess ? { fieldAccess: def.fieldAccess } : {}),
      example: def.example,
      operationId: def.operationId,
      ...(rateLimit ? { rateLimit } : {}),
    },
    schema: {
      operationId: def.operationId,
      summary: def.summary,
      tags: [...def.tags],
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.consumes ? { consumes: [...def.consumes] } : {}),
      response: { ...def.responses, ...errors },
    },
    handler: handler as never,
  });
}
