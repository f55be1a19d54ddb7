import { api } from './api';
import { routeUrl, type CallInput, type CallOutput, type RouteDef } from '../../shared/src/contract.js';

/**
 * Calls a route of the shared contract (shared/src/routes/*): the URL, method, input and answer types come
 * from the same definition the server registers, so no web type copies a server shape by hand.
 */
export function call<D extends RouteDef>(def: D, input: CallInput<D>, signal?: AbortSignal): Promise<CallOutput<D>> {
  const { params, query, body } = input as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  return api<CallOutput<D>>(routeUrl(def.path, params, query), { method: def.method, body, signal });
}

/** The address of a route that the browser opens itself (a PDF, a file to download). */
export function hrefOf<D extends RouteDef>(
  def: D,
  input: { params?: Record<string, string>; query?: Record<string, unknown> },
): string {
  return routeUrl(def.path, input.params, input.query);
}
