import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from './db.js';
import {
  DEFAULT_LOCALE,
  LANG_COOKIE,
  isLocale,
  localeFromAcceptLanguage,
  type Locale,
} from '../../../shared/src/locale.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language to answer in: the account's, else the carnet_lang cookie's, else Accept-Language, else French. */
    locale: Locale;
  }
}

/** The language of a request (see FastifyRequest.locale). */
export function requestLocale(request: Pick<FastifyRequest, 'user' | 'cookies' | 'headers'>): Locale {
  const saved = request.user?.locale;
  if (saved) return saved;
  const cookie = request.cookies?.[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  const header = request.headers['accept-language'];
  return localeFromAcceptLanguage(Array.isArray(header) ? header[0] : header) ?? DEFAULT_LOCALE;
}

const requestScope = new AsyncLocalStorage<Locale>();

/**
 * Sets request.locale after the session is known (registered after installSessions), and keeps it for the
 * rest of the request (as @fastify/request-context does), so that an e-mail or SMS sent to the person who is
 * asking, a code for instance, is written in their language without passing it through every service.
 */
export function installLocale(app: FastifyInstance): void {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.addHook('onRequest', (request, _reply, done) => {
    request.locale = requestLocale(request);
    requestScope.run(request.locale, done);
  });
}

/** The language of the request being served (French outside of a request: jobs, the command line). */
export function currentLocale(): Locale {
  return requestScope.getStore() ?? DEFAULT_LOCALE;
}

/** The language saved on the account of a profile's holder: what is sent to them while they are away. */
export async function profileLocale(db: Executor, profileId: string): Promise<Locale> {
  const row = await db.selectFrom('account').select('locale').where('profile_id', '=', profileId).executeTakeFirst();
  return row?.locale ?? DEFAULT_LOCALE;
}

/** The language saved on an account (French when never chosen). */
export async function accountLocale(db: Executor, accountId: string): Promise<Locale> {
  const row = await db.selectFrom('account').select('locale').where('id', '=', accountId).executeTakeFirst();
  return row?.locale ?? DEFAULT_LOCALE;
}

/**
 * The saved language of the person an e-mail address belongs to (a patient, a legal representative): what
 * notices sent to them while they are away are written in. French when none chose.
 */
export async function emailLocale(db: Executor, email: string): Promise<Locale> {
  const row = await db
    .selectFrom('profile')
    .innerJoin('account', 'account.profile_id', 'profile.id')
    .select('account.locale')
    .where('profile.email', '=', email)
    .where('account.locale', 'is not', null)
    .executeTakeFirst();
  return row?.locale ?? DEFAULT_LOCALE;
}
