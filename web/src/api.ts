import type { ErrorBody } from '../../shared/src/errors.js';

/** An error answered by the API: `code` is stable, `message` is French and shown to people as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** When the server last answered: each answer starts the session's idle timeout again (IdleWarning). */
export let lastAnswerAt = Date.now();

const NETWORK_MESSAGE = 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.';
const UNEXPECTED_MESSAGE = 'Une erreur technique est survenue. Réessayez dans quelques instants.';

/**
 * Calls the Carnet API. Same-origin cookies only; every state-changing request carries the
 * `x-carnet-csrf` header the server requires. Resolves to the JSON body (undefined for 204), or throws
 * an ApiError whose message can be shown as is.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['x-carnet-csrf'] = '1';
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: init.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  lastAnswerAt = Date.now();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page, for instance: handled below as an unexpected answer.
  }
  if (!response.ok) {
    const error = (json as Partial<ErrorBody> | undefined)?.error;
    if (error && typeof error.message === 'string')
      throw new ApiError(response.status, error.code, error.message, error.fields ?? []);
    throw new ApiError(response.status, 'INTERNAL', UNEXPECTED_MESSAGE);
  }
  return json as T;
}
