import type { z } from 'zod';
import type { Access, Capability } from './access.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route of the API, shared by the server (which registers its handler from it, platform/contract.ts)
 * and the web client (which gets a typed call from it, web/src/client.ts) — the model is Maestro's
 * `shared/routes`. The OpenAPI document is generated from the same definition.
 */
export interface RouteDef {
  method: Method;
  /** Fastify's pattern: `/api/profiles/:profileId/documents`. */
  path: string;
  /** Unique, camelCase: the name a generated client gives the call. */
  operationId: string;
  summary: string;
  tags: readonly string[];
  access: Access;
  /**
   * Body fields that need a further capability of the same policy when they are present (e.g. a caregiver
   * may edit a document but not hide it from professionals, which is managing access). Enforced by the
   * platform after validation; only on `{ profile }` routes.
   */
  fieldAccess?: Readonly<Record<string, Capability>>;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success answers by status; a binary answer (PDF, file) is `z.any()`. */
  responses: Readonly<Partial<Record<200 | 201 | 202 | 204 | 503, z.ZodType>>>;
  /** Error statuses the route may answer (each with the ErrorResponse body). */
  errors?: readonly number[];
  /** Content types the body may have besides JSON (multipart uploads, CSV). */
  consumes?: readonly string[];
  /**
   * A request that passes validation (params other than :profileId, query, body): the sweeps send it so
   * that the access check is what refuses, not the schema. Required when the route has a body.
   */
  example?: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
}

/** Declares a route (identity at run time; keeps the literal types for the server and the client). */
export function defineRoute<const D extends RouteDef>(def: D): D {
  return def;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
type In<T> = T extends z.ZodType ? z.input<T> : undefined;

/** What a caller passes: params (without the profile when the caller gives it apart), query, body. */
export type CallInput<D extends RouteDef> = (D['params'] extends z.ZodType
  ? { params: In<D['params']> }
  : { params?: undefined }) &
  (D['query'] extends z.ZodType ? { query?: In<D['query']> } : { query?: undefined }) &
  (D['body'] extends z.ZodType ? { body: In<D['body']> | FormData } : { body?: undefined });

type SuccessOf<R> =
  R extends Partial<Record<200 | 201 | 202 | 204 | 503, z.ZodType>>
    ? R[200] extends z.ZodType
      ? z.output<R[200]>
      : R[201] extends z.ZodType
        ? z.output<R[201]>
        : R[202] extends z.ZodType
          ? z.output<R[202]>
          : undefined
    : never;

/** What a successful call resolves to. */
export type CallOutput<D extends RouteDef> = SuccessOf<D['responses']>;

/** What a server handler receives. */
export interface HandlerInput<D extends RouteDef> {
  params: Out<D['params']>;
  query: Out<D['query']>;
  body: Out<D['body']>;
}

/** The URL of a call: `:name` segments replaced (encoded), the query appended. */
export function routeUrl(path: string, params: Record<string, string> = {}, query?: Record<string, unknown>): string {
  const url = path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing route parameter ${name} for ${path}`);
    return encodeURIComponent(v);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${url}?${s}` : url;
}
