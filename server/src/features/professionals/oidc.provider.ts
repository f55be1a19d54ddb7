import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import Provider, { type Configuration } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { professionLabels } from '../../../../shared/src/professionals/access-matrix.js';
import { postgresAdapter, sharedSigningKey } from './oidc.adapter.js';
import { SMART_SCOPES, softwareAdapter } from './oidc.software.js';

/** The « carte » PIN of every professional at the bundled provider's page (development and tests only; README). */
export const DEMO_PRO_PIN = '1234';

/** The bundled provider's client: Carnet itself. */
export interface BundledClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

interface Account {
  rpps: string;
  first_name: string;
  last_name: string;
  profession_code: string;
  specialty: string | null;
  structure_id: string | null;
  structure_name: string | null;
}

/**
 * Accepted authentication levels: eidas1 is Pro Santé Connect's; eidas2 exists so tests can prove Carnet refuses
 * another.
 */
const ACRS = ['eidas1', 'eidas2'];

/** Pro Santé Connect's UserInfo claims (ANS PSC-POC UserInfos.java), for one directory entry. */
function claimsOf(a: Account) {
  return {
    sub: `psc-${a.rpps}`,
    given_name: a.first_name,
    family_name: a.last_name,
    SubjectNameID: `8${a.rpps}`,
    SubjectRefPro: {
      codeCivilite: '',
      exercices: [{ codeProfession: a.profession_code, codeSavoirFaire: a.specialty ?? '', activities: [] }],
    },
    SubjectOrganization: a.structure_name ?? '',
    SubjectOrganizationID: a.structure_id ?? '',
    SubjectRole: [`${a.profession_code}^1.2.250.1.213.1.1.5.5`],
    otherIds: [{ identifiant: a.rpps, origine: 'RPPS', qualite: 1 }],
  };
}

/**
 * The development and test OpenID provider (oidc-provider 9), mounted under /oidc: Pro Santé Connect's
 * protocol and claims, accounts seeded from the directory, and a page where one picks a professional and
 * types the « carte » PIN. Never mounted in production (config refuses an empty PRO_OIDC_ISSUER there).
 * Its account store is its own copy of the directory, loaded on demand and kept (as a real identity
 * provider keeps its own records): a professional removed from Carnet's directory can still sign in there,
 * and Carnet refuses them.
 */
export async function mountBundledProvider(
  app: FastifyInstance,
  db: Db,
  client: BundledClient,
  cookieKey: Buffer,
  sealKey: Buffer,
): Promise<Provider> {
  const accounts = new Map<string, Account>();
  const load = async (rpps: string) => {
    const cached = accounts.get(rpps);
    if (cached) return cached;
    const row = await db
      .selectFrom('professional')
      .select(['rpps', 'first_name', 'last_name', 'profession_code', 'specialty', 'structure_id', 'structure_name'])
      .where('rpps', '=', rpps)
      .executeTakeFirst();
    if (row) accounts.set(rpps, row);
    return row;
  };
  // One key for every node (stored sealed in PostgreSQL), and the provider's records there too: a flow
  // started on one node of a cluster is finished on another.
  const jwk = await sharedSigningKey(db, sealKey, async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    return { ...(await exportJWK(privateKey)), kid: 'carnet-dev', use: 'sig', alg: 'RS256' };
  });
  const Records = postgresAdapter(db);
  const configuration: Configuration = {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [cookieKey.toString('base64')] },
    // The professionals' software (SMART Backend Services) get tokens here too: clients from fhir_client; the
    // provider's other records in PostgreSQL (oidc_record), shared by every node of a cluster.
    adapter: softwareAdapter(db, (model) => new Records(model)),
    scopes: ['openid', 'scope_all', ...SMART_SCOPES],
    claims: {
      openid: ['sub'],
      scope_all: [
        'given_name',
        'family_name',
        'SubjectNameID',
        'SubjectRefPro',
        'SubjectOrganization',
        'SubjectOrganizationID',
        'SubjectRole',
        'otherIds',
      ],
    },
    acrValues: ACRS,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: false },
      clientCredentials: { enabled: true },
    },
    // SMART Backend Services: the software's assertion is signed RS384 or ES384 (client_secret_basic, for
    // Carnet itself, signs nothing).
    enabledJWA: { clientAuthSigningAlgValues: ['RS384', 'ES384'] },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 300,
      ClientCredentials: 300,
      IdToken: 300,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    findAccount: async (_ctx, sub) => {
      const a = sub.startsWith('psc-') ? await load(sub.slice(4)) : undefined;
      return a ? { accountId: sub, claims: async () => claimsOf(a) } : undefined;
    },
    // Carnet is the only client and first-party: the grant is given at sign-in, no consent screen.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid scope_all');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(client.issuer, configuration);
  const callback = provider.callback();

  // The provider reads its own bodies: this scope parses none (the '*' parser leaves the stream alone).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    scope.route({
      method: ['GET', 'POST'],
      url: '/oidc/*',
      config: { access: 'public' },
      schema: { hide: true },
      handler: (req, reply) => {
        reply.hijack();
        // As Express's mount does: the provider sees its own paths and finds its mount in originalUrl.
        const raw = req.raw as IncomingMessage & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = raw.url!.slice('/oidc'.length) || '/';
        void callback(raw, reply.raw);
      },
    });
  });

  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.get(
      '/oidc/interaction/:uid',
      { config: { access: 'public' }, schema: { hide: true } },
      async (req, reply) => {
        const details = await provider.interactionDetails(req.raw, reply.raw).catch(() => null);
        if (!details) throw new AppError('FLOW_EXPIRED');
        const pros = await db
          .selectFrom('professional')
          .select(['rpps', 'first_name', 'last_name', 'profession_code'])
          .orderBy('last_name')
          .limit(200)
          .execute();
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(page(details.uid, pros, (req.query as { erreur?: string }).erreur === '1'));
      },
    );
    scope.post(
      '/oidc/interaction/:uid',
      { config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { hide: true } },
      async (req, reply) => {
        const details = await provider.interactionDetails(req.raw, reply.raw).catch(() => null);
        if (!details) throw new AppError('FLOW_EXPIRED');
        const body = (req.body ?? {}) as Record<string, string>;
        const account = /^\d{11}$/.test(body.rpps ?? '') ? await load(body.rpps!) : undefined;
        // The « carte » PIN, checked here on the server in constant time (demo PIN: README).
        const pinOk =
          typeof body.pin === 'string' &&
          body.pin.length === DEMO_PRO_PIN.length &&
          timingSafeEqual(Buffer.from(body.pin), Buffer.from(DEMO_PRO_PIN));
        if (!account || !pinOk) return reply.redirect(`/oidc/interaction/${details.uid}?erreur=1`, 303);
        const acr = ACRS.includes(body.acr ?? '') ? body.acr! : 'eidas1';
        reply.hijack();
        await provider.interactionFinished(
          req.raw,
          reply.raw,
          { login: { accountId: `psc-${account.rpps}`, acr, amr: ['card'] } },
          { mergeWithLastSubmission: false },
        );
      },
    );
  });
  return provider;
}

/** The client secret of the bundled provider when none is set: derived from the master key, never written anywhere. */
export function bundledSecret(codeKey: Buffer): string {
  return createHmac('sha256', codeKey).update('carnet:pro-oidc-client').digest('base64url');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sign-in page of the bundled provider: DSFR, French, one form, keyboard first. */
function page(
  uid: string,
  pros: { rpps: string; first_name: string; last_name: string; profession_code: string }[],
  error: boolean,
): string {
  const options = pros
    .map(
      (p) =>
        `<option value="${p.rpps}">${esc(p.last_name)} ${esc(p.first_name)} — ${esc(professionLabels[p.profession_code] ?? p.profession_code)} (RPPS ${p.rpps})</option>`,
    )
    .join('');
  const alert = error
    ? `<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>Professionnel ou code de la carte incorrect. Réessayez.</p></div>`
    : '';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connexion par carte professionnelle — fournisseur d'identité de développement</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css"></head><body>
<main class="fr-container fr-py-4w" id="contenu"><h1>Connexion par carte professionnelle</h1>
<p class="fr-text--sm">Fournisseur d'identité de développement de Carnet, au protocole de Pro Santé Connect. Il n'existe pas en production.</p>
${alert}<form method="post" action="/oidc/interaction/${esc(uid)}">
<div class="fr-select-group"><label class="fr-label" for="rpps">Professionnel de santé</label>
<select class="fr-select" id="rpps" name="rpps" required>${options}</select></div>
<div class="fr-input-group"><label class="fr-label" for="pin">Code de la carte<span class="fr-hint-text">4 chiffres</span></label>
<input class="fr-input" id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" maxlength="8" required></div>
<input type="hidden" name="acr" value="eidas1">
<button class="fr-btn" type="submit">Se connecter</button></form></main></body></html>`;
}
