import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { TokenVerifier } from '../../platform/software-access.js';

/**
 * Production tokens of the FHIR API (docs/fhir.md, « Émetteur de jetons »): FHIR_TOKEN_ISSUER is an external
 * OAuth 2 / OpenID issuer that registers the professionals' software and issues their access tokens as JWTs.
 * Carnet checks each token with the keys the issuer publishes (discovery → jwks_uri), its issuer, its
 * audience (this API's base URL) and its expiry; the client it names must then be registered and unrevoked in
 * fhir_client (software-access.ts), so a revocation in Carnet applies at once, whatever the issuer says.
 */

interface Discovery {
  issuer: string;
  jwks_uri: string;
  token_endpoint?: string;
}

/** The issuer's metadata: OpenID discovery, or OAuth 2 authorization-server metadata (RFC 8414). */
async function discover(issuer: string): Promise<Discovery> {
  const base = issuer.replace(/\/$/, '');
  for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (!res?.ok) continue;
    const d = (await res.json()) as Partial<Discovery>;
    // The metadata must name the same issuer (RFC 8414 §3.3): otherwise anyone serving that path could mint.
    if (d.issuer !== issuer || typeof d.jwks_uri !== 'string') throw new Error('FHIR_TOKEN_ISSUER: bad metadata');
    return d as Discovery;
  }
  throw new Error('FHIR_TOKEN_ISSUER: no discovery document');
}

/** Why a token was refused, for the journal (never the token itself). */
function why(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `claim:${err.claim}`;
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey)
    return 'signature';
  if (err instanceof errors.JOSEError) return `token:${err.code}`;
  return 'issuer-unreachable';
}

/** A verifier of the external issuer's access tokens, and its token endpoint for the CapabilityStatement. */
export function issuerTokens(issuer: string, audience: string): { verify: TokenVerifier; tokenUrl(): Promise<string> } {
  // Discovered once, again after a failure (the issuer may be down when Carnet starts).
  let meta: Promise<{ d: Discovery; keys: ReturnType<typeof createRemoteJWKSet> }> | null = null;
  const metadata = () => {
    meta ??= discover(issuer).then((d) => ({ d, keys: createRemoteJWKSet(new URL(d.jwks_uri)) }));
    meta.catch(() => (meta = null));
    return meta;
  };
  return {
    async verify(token) {
      try {
        const { keys } = await metadata();
        const { payload } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms: ['RS256', 'RS384', 'ES256', 'ES384', 'PS256', 'EdDSA'],
          requiredClaims: ['exp', 'client_id'],
        });
        if (typeof payload.client_id !== 'string') return { why: 'claim:client_id' };
        return { clientId: payload.client_id, scope: typeof payload.scope === 'string' ? payload.scope : '' };
      } catch (err) {
        return { why: why(err) };
      }
    },
    async tokenUrl() {
      const d = await metadata().then(
        (m) => m.d,
        () => null,
      );
      return d?.token_endpoint ?? `${issuer.replace(/\/$/, '')}/token`;
    },
  };
}
