import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../platform/db.js';

/**
 * oidc-provider's storage in PostgreSQL (its default is one process's memory): with several app nodes,
 * the interaction a browser starts on one node is finished on another, and the code it brings back is
 * exchanged on a third. One table, keyed by model and id; expired records are never answered, and are
 * removed now and then.
 */
export function postgresAdapter(db: Db): new (model: string) => Adapter {
  let lastPurge = 0;
  return class PostgresAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresAt,
      };
      await db
        .insertInto('oidc_record')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['model', 'id']).doUpdateSet({
            payload: row.payload,
            grant_id: row.grant_id,
            user_code: row.user_code,
            uid: row.uid,
            expires_at: row.expires_at,
          }),
        )
        .execute();
      if (Date.now() - lastPurge > 60_000) {
        lastPurge = Date.now();
        await db
          .deleteFrom('oidc_record')
          .where('expires_at', '<', sql<Date>`now() - interval '1 hour'`)
          .execute();
      }
    }

    private async one(column: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
      const row = await db
        .selectFrom('oidc_record')
        .select(['payload', 'consumed_at'])
        .where('model', '=', this.model)
        .where(column, '=', value)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
        .executeTakeFirst();
      if (!row) return undefined;
      const payload = row.payload as AdapterPayload;
      return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : payload;
    }

    find(id: string) {
      return this.one('id', id);
    }

    findByUid(uid: string) {
      return this.one('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.one('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await db
        .updateTable('oidc_record')
        .set({ consumed_at: sql<Date>`now()` })
        .where('model', '=', this.model)
        .where('id', '=', id)
        .execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_record').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_record').where('grant_id', '=', grantId).execute();
    }
  };
}

/**
 * The provider's signing key, the same on every node: the first node to start makes it and stores it
 * sealed (AES-256-GCM under `sealKey`); the others read it. A key of its own per process would sign
 * tokens that another node's JWKS does not know.
 */
export async function sharedSigningKey(
  db: Db,
  sealKey: Buffer,
  make: () => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const id = 'carnet-dev';
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', sealKey, iv);
  const body = Buffer.concat([c.update(JSON.stringify(await make())), c.final()]);
  await db
    .insertInto('oidc_signing_key')
    .values({ id, sealed: Buffer.concat([iv, c.getAuthTag(), body]) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const { sealed } = await db
    .selectFrom('oidc_signing_key')
    .select('sealed')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const d = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(12, 28));
  return JSON.parse(Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8')) as Record<
    string,
    unknown
  >;
}
