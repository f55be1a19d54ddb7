import type Provider from 'oidc-provider';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../platform/db.js';
import type { TokenVerifier } from '../../platform/software-access.js';

/**
 * SMART Backend Services on the bundled provider (issue 12 §5): the professionals' software registered in
 * fhir_client are its clients (client_credentials only, private_key_jwt with their public JWK); everything
 * else the provider stores goes to PostgreSQL (oidc.adapter.ts), shared by every node.
 */

/** The SMART v1 system scopes Carnet grants: read every resource the API serves, deposit documents. */
export const SMART_SCOPES = ['system/*.read', 'system/DocumentReference.write'];

/** A client's metadata for oidc-provider, from its fhir_client row. */
export function clientMetadata(row: { client_id: string; jwk: Record<string, unknown>; alg: string }) {
  return {
    client_id: row.client_id,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: row.alg,
    jwks: { keys: [row.jwk] },
    scope: SMART_SCOPES.join(' '),
  };
}

/** Registered, unrevoked software: read at each authentication, so that a revocation applies at once. */
function clientAdapter(db: Db): Adapter {
  const none = async () => undefined;
  return {
    find: async (id) => {
      const row = await db
        .selectFrom('fhir_client')
        .select(['client_id', 'jwk', 'alg'])
        .where('client_id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? (clientMetadata(row) as unknown as AdapterPayload) : undefined;
    },
    upsert: none,
    findByUid: none,
    findByUserCode: none,
    consume: none,
    destroy: none,
    revokeByGrantId: none,
  };
}

/** The adapter of the bundled provider: fhir_client for clients, `others` for the rest. */
export function softwareAdapter(db: Db, others: (model: string) => Adapter): AdapterFactory {
  const clients = clientAdapter(db);
  return (name) => (name === 'Client' ? clients : others(name));
}

/** Checks a FHIR API bearer token: an unexpired client-credentials token this provider issued. */
export function providerTokens(provider: Provider): TokenVerifier {
  return async (token) => {
    const t = await provider.ClientCredentials.find(token).catch(() => undefined);
    if (!t || t.isExpired || !t.clientId) return { why: t?.isExpired ? 'expired' : 'unknown-token' };
    return { clientId: t.clientId, scope: t.scope ?? '' };
  };
}
