import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { recordOn, type Actor } from '../../platform/access.js';
import { journal, SYSTEM_CHAIN } from '../../platform/journal.js';
import { AppError } from '../../platform/errors.js';
import { serve } from '../../platform/contract.js';
import { proRoutes } from '../../../../shared/src/routes/pro.routes.js';
import { openProfessionalSession } from '../../platform/professional-session.js';
import { LOGIN_COOKIE, REQUIRED_ACR, RelyingParty, professionsOf, rppsOf } from './oidc.client.js';
import { bundledSecret, mountBundledProvider } from './oidc.provider.js';
import { providerTokens } from './oidc.software.js';
import { registerTokenVerifier } from '../../platform/software-access.js';

const relyingParties = new WeakMap<Platform, RelyingParty>();

/** The relying party of an app's platform (tests move its clock to prove expired tokens are refused). */
export function relyingPartyOf(platform: Platform): RelyingParty | undefined {
  return relyingParties.get(platform);
}

/** Why a sign-in was refused: journaled, and the code the portal shows. */
class Refused extends Error {
  constructor(
    readonly why: string,
    readonly code: 'PRO_SIGNIN_FAILED' | 'PRO_UNKNOWN' = 'PRO_SIGNIN_FAILED',
    readonly actor?: Actor,
  ) {
    super(why);
  }
}

/**
 * Professionals' sign-in (issue 10 §2): Carnet is a relying party of PRO_OIDC_ISSUER (Pro Santé Connect in
 * production) or, by default and never in production, of the OpenID provider bundled under /oidc. Start
 * and callback are browser redirects, so they are plain routes rather than contract ones.
 */
export async function proAuth(app: FastifyInstance, platform: Platform): Promise<void> {
  const { config, db } = platform;
  const redirectUri = `${config.PUBLIC_URL}/api/pro/auth/callback`;
  const bundled = !config.PRO_OIDC_ISSUER;
  if (bundled && config.NODE_ENV === 'production') return; // config refuses this; no sign-in rather than a dev one
  const stateKey = createHmac('sha256', platform.codeKey).update('carnet:pro-oidc-state').digest();
  const settings = bundled
    ? {
        issuer: `${config.PUBLIC_URL}/oidc`,
        clientId: config.PRO_OIDC_CLIENT_ID || 'carnet',
        clientSecret: config.PRO_OIDC_CLIENT_SECRET || bundledSecret(platform.codeKey),
        redirectUri,
        inProcess: app,
      }
    : {
        issuer: config.PRO_OIDC_ISSUER,
        clientId: config.PRO_OIDC_CLIENT_ID,
        clientSecret: config.PRO_OIDC_CLIENT_SECRET,
        redirectUri,
      };
  if (bundled) {
    const provider = await mountBundledProvider(
      app,
      db,
      settings,
      createHmac('sha256', platform.codeKey).update('carnet:pro-oidc-cookies').digest(),
      createHmac('sha256', platform.codeKey).update('carnet:pro-oidc-signing-key').digest(),
    );
    // The FHIR API's bearer tokens are the client-credentials tokens this provider issues (docs/fhir.md),
    // unless an external issuer is set (fhir.api.ts registers its verifier then).
    if (!config.FHIR_TOKEN_ISSUER) registerTokenVerifier(platform, providerTokens(provider));
  }
  const rp = new RelyingParty(settings, stateKey);
  relyingParties.set(platform, rp);
  const cookieOptions = { path: '/api/pro/auth', httpOnly: true, secure: true, sameSite: 'lax' as const };

  serve(
    app,
    proRoutes.authStart,
    async (_req, reply) => {
      let started;
      try {
        started = await rp.start();
      } catch (err) {
        app.log.error({ err: (err as Error).message }, 'professional identity provider unreachable');
        throw new AppError('UNAVAILABLE');
      }
      // Lax: the provider sends the browser back with a top-level GET from its own site.
      reply.setCookie(LOGIN_COOKIE, started.cookie, { ...cookieOptions, maxAge: 600 });
      return reply.header('cache-control', 'no-store').redirect(started.url, 303);
    },
    { rateLimit: { max: config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
  );

  serve(
    app,
    proRoutes.authCallback,
    async (req, reply) => {
      const cookie = req.cookies[LOGIN_COOKIE];
      reply.clearCookie(LOGIN_COOKIE, cookieOptions);
      const url = new URL(redirectUri);
      url.search = new URL(req.url, 'http://callback').search;
      try {
        let result;
        try {
          result = await rp.finish(url, cookie);
        } catch (err) {
          throw new Refused(`flow: ${(err as { code?: string }).code ?? (err as Error).message}`.slice(0, 200));
        }
        if (result.acr !== REQUIRED_ACR) throw new Refused(`acr: ${String(result.acr)}`.slice(0, 60));
        const rpps = rppsOf(result.claims);
        if (!rpps) throw new Refused('subject');
        const pro = await db
          .selectFrom('professional')
          .select(['id', 'rpps', 'profession_code'])
          .where('rpps', '=', rpps)
          .executeTakeFirst();
        if (!pro) throw new Refused('unknown_rpps', 'PRO_UNKNOWN');
        const actor: Actor = { kind: 'professional', professionalId: pro.id, rpps };
        await db.transaction().execute(async (trx) => {
          await openProfessionalSession(trx, config, reply, pro.id, result.acr!, req.headers['user-agent']);
          await journal(trx, recordOn(actor, null), {
            action: 'pro.signin',
            detail: { acr: result.acr, professions: professionsOf(result.claims) },
          });
        });
        return reply.header('cache-control', 'no-store').redirect('/pro', 303);
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        await db.transaction().execute((trx) =>
          journal(trx, recordOn(err.actor ?? { kind: 'visitor' }, SYSTEM_CHAIN), {
            action: 'pro.signin.refused',
            detail: { why: err.why },
          }),
        );
        return reply.header('cache-control', 'no-store').redirect(`/pro/connexion?erreur=${err.code}`, 303);
      }
    },
    { rateLimit: { max: config.RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
  );
}
