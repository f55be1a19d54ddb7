import type { IntlShape } from 'react-intl';
import type { ErrorBody } from '../../shared/src/errors.js';
import { defineMessages, type Message } from './i18n/messages';

/** The errors the browser itself tells (the server's own come in the reader's language). */
export const apiMessages = defineMessages({
  network: {
    id: 'shell.api.network',
    defaultMessage: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
  },
  unexpected: {
    id: 'shell.api.unexpected',
    defaultMessage: 'Une erreur technique est survenue. Réessayez dans quelques instants.',
  },
});

/**
 * An error answered by the API: `code` is stable, `message` is the server's text (in the reader's language, the
 * server follows the carnet_lang cookie), or the id of the message the browser wrote it from: show
 * `localized(intl)`, which gives either in the chosen language.
 */
export class ApiError extends Error {
  /** The message the browser wrote this error from (network failure, unexpected answer), if any. */
  readonly descriptor?: Message;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string | Message,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    // A descriptor's defaultMessage is compiled (not a string) in the build: `message` then holds its id.
    super(typeof message === 'string' ? message : message.id);
    this.name = 'ApiError';
    if (typeof message !== 'string') this.descriptor = message;
  }

  /** The text to show, in the chosen language. */
  localized(intl: Pick<IntlShape, 'formatMessage'>): string {
    return this.descriptor ? intl.formatMessage(this.descriptor) : this.message;
  }
}

/** When the server last answered: each answer starts the session's idle timeout again (IdleWarning). */
export let lastAnswerAt = Date.now();

/**
 * Calls the Carnet API. Same-origin cookies only; every state-changing request carries the
 * `x-carnet-csrf` header the server requires. Resolves to the JSON body (undefined for 204), or throws
 * an ApiError to show with `localized(intl)`.
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
    throw new ApiError(0, 'NETWORK', apiMessages.network);
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
    throw new ApiError(response.status, 'INTERNAL', apiMessages.unexpected);
  }
  return json as T;
}
