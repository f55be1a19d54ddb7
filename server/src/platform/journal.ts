import { createHash, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db, Executor, Trx } from './db.js';
import { actorId, isGenuine, type AccessContext } from './access.js';
import { headMessage, signBytes, verifyBytes } from './journal-signing.js';

/**
 * The key that signs every chain head as it moves (platform/journal-signing.ts), set once at start by the
 * runtime (and the test harness). Without it heads stay unsigned and `journal:verify` says so.
 */
let signingKey: KeyObject | null = null;
export function useJournalSigningKey(key: KeyObject | null): void {
  signingKey = key;
}
/** The key in use (the signed extract signs with it too). */
export function journalSigningKey(): KeyObject | null {
  return signingKey;
}
function headSignature(chain: string, seq: number, hash: Buffer): Buffer | null {
  return signingKey ? signBytes(signingKey, headMessage(chain, seq, hash)) : null;
}

/** Chain of the events tied to no profile (failed logins with an unknown username…). */
export const SYSTEM_CHAIN = '00000000-0000-0000-0000-000000000000';
const GENESIS = Buffer.alloc(32);

export interface JournalEntry {
  action: string;
  resourceType?: string;
  resourceId?: string;
  detail?: Record<string, unknown>;
}

/** The fields of a journal line that its hash covers. */
export interface LineFields {
  chain_id: string;
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  on_behalf_of: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  reason: 'normal' | 'emergency';
  detail: Record<string, unknown>;
}

/** Canonical JSON: keys sorted at every depth, so the hash does not depend on jsonb's key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A detail as the database will hand it back to the verifier (a Date becomes its ISO string, an undefined
 * array item null): hashing the object as given made such lines look tampered.
 */
function asStored(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  return detail ? (JSON.parse(JSON.stringify(detail)) as Record<string, unknown>) : {};
}

/** hash = SHA-256(previous hash ‖ canonical JSON of the line's fields). */
export function lineHash(prev: Buffer, f: LineFields): Buffer {
  return createHash('sha256').update(prev).update(canonical(f)).digest();
}

/** The line's fields but its number, as journal_append (migration 0009) takes them. */
function lineFields(ctx: AccessContext, entry: JournalEntry, chain: string, at: string): LineFields {
  const a = ctx.actor;
  return {
    chain_id: chain,
    seq: 0,
    at,
    actor_kind: a.kind,
    actor_id: actorId(a),
    on_behalf_of: a.kind === 'representative' || a.kind === 'caregiver' ? a.profileId : null,
    action: entry.action,
    resource_type: entry.resourceType ?? null,
    resource_id: entry.resourceId ?? null,
    reason: ctx.reason,
    // A professional's every line says the access mode (normal, bris_de_glace, centre_15), R8.7.
    detail: asStored(ctx.professional ? { ...entry.detail, mode: ctx.professional.mode } : entry.detail),
  };
}

/**
 * The canonical JSON of a line up to its number: "seq" sorts last among the fields, so the text ends
 * with `"seq":` and journal_append appends the number it assigns and `}`. Same bytes as lineHash hashes.
 */
function canonicalPrefix(fields: LineFields): string {
  const text = canonical({ ...fields, seq: 0 });
  if (!text.endsWith('"seq":0}')) throw new Error('journal: "seq" must be the last field of a line');
  return text.slice(0, -2);
}

/** The arguments of journal_append, in its order (types: see TYPES). */
function appendArgs(ctx: AccessContext, entry: JournalEntry): (string | null)[] {
  if (!isGenuine(ctx)) throw new Error('journal: forged access context');
  const f = lineFields(ctx, entry, ctx.profileId ?? SYSTEM_CHAIN, new Date().toISOString());
  return [
    f.chain_id,
    f.at,
    f.actor_kind,
    f.actor_id,
    f.on_behalf_of,
    f.action,
    f.resource_type,
    f.resource_id,
    f.reason,
    JSON.stringify(f.detail),
    canonicalPrefix(f),
  ];
}
const DURABLE_COMMIT = 'set local synchronous_commit to off; commit; select journal_wait_durable()';
const TYPES = ['uuid', 'timestamptz', 'text', 'text', 'uuid', 'text', 'text', 'text', 'text', 'jsonb', 'text'];

/**
 * Appends one line to the journal inside the caller's transaction, so the line exists if and only if
 * the access it records happened. One statement: journal_append (migration 0009) locks the chain's head,
 * hashes, inserts and moves the head; lines of one chain are serialised by that row lock until commit.
 */
export async function journal(trx: Trx, ctx: AccessContext, entry: JournalEntry): Promise<void> {
  const args = appendArgs(ctx, entry).map((v, i) => sql`${v}::${sql.raw(TYPES[i]!)}`);
  const { rows } = await sql<{
    out_seq: string;
    out_hash: Buffer;
  }>`select * from journal_append(${sql.join(args)})`.execute(trx);
  const chain = ctx.profileId ?? SYSTEM_CHAIN;
  // Still under the head's lock: the head is signed for exactly the state this line gave it.
  const signature = headSignature(chain, Number(rows[0]!.out_seq), rows[0]!.out_hash);
  if (signature)
    await trx
      .updateTable('journal_head')
      .set({ signature })
      .where('chain_id', '=', chain)
      .where('seq', '=', rows[0]!.out_seq)
      .execute();
}

/**
 * Signs a chain's head after an early-released append (withJournal), only when the head is still the line
 * this request wrote: its hash is recomputed from the line's own canonical text (`prefix`) over the
 * previous hash stored with it, so a head someone else wrote (or rewrote) is never signed here. A later
 * writer signs its own; a crash in between leaves the head unsigned, which `journal:verify` reports (and
 * `journal:sign-heads` signs once an operator has checked the chain).
 */
export async function signHeadAfterCommit(db: Executor, chain: string, prefix: string): Promise<void> {
  if (!signingKey) return;
  const head = await db
    .selectFrom('journal_head as h')
    .innerJoin('journal as j', (join) => join.onRef('j.chain_id', '=', 'h.chain_id').onRef('j.seq', '=', 'h.seq'))
    .select(['h.seq', 'h.hash', 'h.signature', 'j.prev_hash'])
    .where('h.chain_id', '=', chain)
    .executeTakeFirst();
  if (!head) return;
  // The head as it is now: the next read of this chain from this process predicts from it (withJournal).
  rememberHead(chain, Number(head.seq), head.hash);
  if (head.signature) return;
  const ours = createHash('sha256')
    .update(head.prev_hash)
    .update(`${prefix}${Number(head.seq)}}`)
    .digest();
  if (!ours.equals(head.hash)) return;
  const signature = headSignature(chain, Number(head.seq), head.hash);
  await db
    .updateTable('journal_head')
    .set({ signature })
    .where('chain_id', '=', chain)
    .where('seq', '=', head.seq)
    .where('hash', '=', head.hash)
    .where('signature', 'is', null)
    .execute();
}

/**
 * The last head this process saw on each chain (after its own reads' commits), so that the next read of
 * the chain predicts its signature without a round trip. Only a prediction: a stale entry (another process,
 * or a write through journal()) makes the signing update touch nothing, and signHeadAfterCommit signs and
 * refreshes the entry. Bounded; the oldest entries go first.
 */
const knownHeads = new Map<string, { seq: number; hash: Buffer }>();
const KNOWN_HEADS_MAX = 10_000;
function rememberHead(chain: string, seq: number, hash: Buffer): void {
  knownHeads.delete(chain);
  knownHeads.set(chain, { seq, hash });
  if (knownHeads.size > KNOWN_HEADS_MAX) knownHeads.delete(knownHeads.keys().next().value!);
}

/**
 * The statement that signs the head the coming append will most likely leave (withJournal), to run in the
 * same message right after journal_append, so that the head is signed in the line's own transaction and no
 * second commit (and its fsync) follows. The head is the one last seen (knownHeads), else read without a
 * lock; the line's hash is computed as journal_append will compute it, and the update touches the head
 * only if it is exactly that (seq, hash): a head is never signed for another state. When another line of
 * the chain came in between, it updates nothing and signHeadAfterCommit signs after the commit, as before.
 */
async function predictedSignature(conn: Executor, chain: string, prefix: string): Promise<string> {
  if (!signingKey) return '';
  const head =
    knownHeads.get(chain) ??
    (await conn.selectFrom('journal_head').select(['seq', 'hash']).where('chain_id', '=', chain).executeTakeFirst());
  const seq = Number(head?.seq ?? 0) + 1;
  const hash = createHash('sha256')
    .update(head?.hash ?? GENESIS)
    .update(`${prefix}${seq}}`)
    .digest();
  const signature = headSignature(chain, seq, hash)!;
  return (
    `update journal_head set signature = '\\x${signature.toString('hex')}'::bytea ` +
    `where chain_id = ${pg.escapeLiteral(chain)}::uuid and seq = ${seq} and hash = '\\x${hash.toString('hex')}'::bytea; `
  );
}

/** The row of the line that follows `head` on `chain`, with its hash. */
function chainedRow(
  ctx: AccessContext,
  entry: JournalEntry,
  chain: string,
  head: { seq: string | number; hash: Buffer },
  at: string,
) {
  const fields: LineFields = { ...lineFields(ctx, entry, chain, at), seq: Number(head.seq) + 1 };
  return { ...fields, detail: JSON.stringify(fields.detail), prev_hash: head.hash, hash: lineHash(head.hash, fields) };
}

/**
 * Appends one line to each of many chains at once (bulk work: codes issued to a whole enrolment batch,
 * spaces created by the opposition-window job): heads locked in a fixed order, then one insert.
 * Each context must name a different profile.
 */
export async function journalMany(trx: Trx, items: { ctx: AccessContext; entry: JournalEntry }[]): Promise<void> {
  if (!items.length) return;
  for (const { ctx } of items)
    if (!isGenuine(ctx) || !ctx.profileId) throw new Error('journalMany: forged or profile-less context');
  const chains = items.map((i) => i.ctx.profileId!);
  if (new Set(chains).size !== chains.length) throw new Error('journalMany: one line per chain');
  const at = new Date().toISOString();
  // The heads that exist, locked in a fixed order.
  const lock = (ids: string[]) =>
    trx
      .selectFrom('journal_head')
      .select(['chain_id', 'seq', 'hash'])
      .where('chain_id', 'in', ids)
      .orderBy('chain_id')
      .forUpdate()
      .execute();
  const byChain = new Map((await lock(chains)).map((h) => [h.chain_id, h]));
  const rows: ReturnType<typeof chainedRow>[] = [];
  // A chain without a head (a person just enrolled): the head its first line leaves is inserted as it is,
  // signed, in one write (was: a genesis head, then its update). Sorted, so two writers never wait on each
  // other's new heads in opposite orders. A head another writer created meanwhile conflicts: that chain is
  // then read, locked and appended to like the others.
  const fresh = items
    .filter((i) => !byChain.has(i.ctx.profileId!))
    .map(({ ctx, entry }) => chainedRow(ctx, entry, ctx.profileId!, { seq: 0, hash: GENESIS }, at))
    .sort((a, b) => (a.chain_id < b.chain_id ? -1 : 1));
  if (fresh.length) {
    const inserted = await sql<{ chain_id: string }>`
      insert into journal_head (chain_id, seq, hash, signature)
      select * from unnest(${fresh.map((r) => r.chain_id)}::uuid[], ${fresh.map((r) => r.seq)}::bigint[],
        ${fresh.map((r) => r.hash)}::bytea[], ${fresh.map((r) => headSignature(r.chain_id, r.seq, r.hash))}::bytea[])
      on conflict (chain_id) do nothing
      returning chain_id`.execute(trx);
    const created = new Set(inserted.rows.map((r) => r.chain_id));
    rows.push(...fresh.filter((r) => created.has(r.chain_id)));
    const raced = fresh.filter((r) => !created.has(r.chain_id)).map((r) => r.chain_id);
    if (raced.length) for (const h of await lock(raced)) byChain.set(h.chain_id, h);
  }
  const moved = items
    .filter(({ ctx }) => byChain.has(ctx.profileId!))
    .map(({ ctx, entry }) => chainedRow(ctx, entry, ctx.profileId!, byChain.get(ctx.profileId!)!, at));
  rows.push(...moved);
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`
    insert into journal (chain_id, seq, at, actor_kind, actor_id, on_behalf_of, action, resource_type, resource_id, reason,
                         detail, prev_hash, hash)
    select * from unnest(${col('chain_id')}::uuid[], ${col('seq')}::bigint[], ${col('at')}::timestamptz[],
      ${col('actor_kind')}::text[], ${col('actor_id')}::text[], ${col('on_behalf_of')}::uuid[], ${col('action')}::text[],
      ${col('resource_type')}::text[], ${col('resource_id')}::text[], ${col('reason')}::text[], ${col('detail')}::jsonb[],
      ${col('prev_hash')}::bytea[], ${col('hash')}::bytea[])`.execute(trx);
  if (!moved.length) return;
  await sql`
    update journal_head h set seq = u.seq, hash = u.hash, signature = u.signature
    from unnest(${moved.map((r) => r.chain_id)}::uuid[], ${moved.map((r) => r.seq)}::bigint[], ${moved.map((r) => r.hash)}::bytea[],
      ${moved.map((r) => headSignature(r.chain_id, r.seq, r.hash))}::bytea[]) as u(chain_id, seq, hash, signature)
    where h.chain_id = u.chain_id`.execute(trx);
}

/**
 * Runs `fn` in a transaction and journals `entry` in that same transaction, holding the chain's head
 * lock for the database's own time only (early lock release). One message ends the transaction:
 *
 *   select journal_append(…); update journal_head set signature …; set local synchronous_commit to off;
 *   commit; select journal_wait_durable()
 *
 * - journal_append locks the head, hashes and inserts the line (migration 0009);
 * - the update signs the new head in the same transaction when it is the state predicted from the head
 *   read just before (predictedSignature): one durable commit per request, not a second one after it for
 *   the signature (which doubled the fsyncs of a read: issue 13's profile);
 * - the COMMIT does not wait for the WAL flush, so the head's lock is released at once (a commit that
 *   waits holds it through the disk's fsync, 4 ms here, and reads of one profile queued behind it);
 * - the last statement (migration 0009) runs after that commit and returns only once the WAL is on disk
 *   past it (checked: without it, the flush LSN was behind the commit 199 times in 200). So this
 *   function returns, and the data reaches anyone, only when the line is durable: a crash before that
 *   loses the line and the response together. A later line of the chain that did reach the disk comes
 *   after this one in the WAL, so the chain never points to a line that was lost.
 * The values go as escaped literals (a simple query carries no parameters), and the four statements in
 * one round trip: the lock is never held while waiting for this process's event loop. If the append
 * fails, PostgreSQL skips the rest and the transaction is rolled back.
 */
export async function withJournal<T>(
  db: Db,
  ctx: AccessContext,
  entry: JournalEntry,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  if (!isGenuine(ctx)) throw new Error('journal: forged access context');
  const chain = ctx.profileId ?? SYSTEM_CHAIN;
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      // A Kysely bound to one connection inside BEGIN…COMMIT: a transaction in all but its type.
      const result = await fn(conn as unknown as Trx);
      const args = appendArgs(ctx, entry);
      const literals = args.map((v, i) => `${v === null ? 'null' : pg.escapeLiteral(v)}::${TYPES[i]}`);
      const signing = await predictedSignature(conn, chain, args.at(-1)!);
      await sql.raw(`select journal_append(${literals.join(', ')}); ${signing}${DURABLE_COMMIT}`).execute(conn);
      // Only when the prediction missed (another line of the chain came in between) is the head still unsigned.
      await signHeadAfterCommit(conn, chain, args.at(-1)!);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw err;
    }
  });
}

export interface JournalProblem {
  chainId: string;
  seq: number | null;
  problem: 'hash-mismatch' | 'broken-link' | 'sequence-gap' | 'head-mismatch' | 'head-signature';
}

/**
 * Re-computes every chain and reports each line whose hash, link to the previous line, or position does
 * not hold, and each chain whose last line is not the recorded head (a deleted tail). Streams the table
 * in pages so that a large journal does not sit in memory.
 */
export async function verifyJournal(
  db: Executor,
  onlyChain?: string,
  key?: KeyObject | null,
): Promise<{ lines: number; chains: number; problems: JournalProblem[] }> {
  const problems: JournalProblem[] = [];
  let lines = 0;
  const heads = new Map<string, { seq: number; hash: Buffer }>();
  let q = db.selectFrom('journal_head').selectAll();
  if (onlyChain) q = q.where('chain_id', '=', onlyChain);
  for (const h of await q.execute()) {
    heads.set(h.chain_id, { seq: Number(h.seq), hash: h.hash });
    // With the key, a head must carry its signature: a rewritten chain cannot be signed again without it.
    const signed = h.signature && verifyBytes(key!, headMessage(h.chain_id, Number(h.seq), h.hash), h.signature);
    if (key && Number(h.seq) > 0 && !signed)
      problems.push({ chainId: h.chain_id, seq: null, problem: 'head-signature' });
  }
  const seen = new Map<string, { seq: number; hash: Buffer }>();
  // Keyset pagination on the primary key (chain_id, seq): each page is an index range scan. The nil uuid
  // with seq 0 sorts before every line (the system chain starts at seq 1).
  let after: [string, number] = [SYSTEM_CHAIN, 0];
  for (;;) {
    let page = db
      .selectFrom('journal')
      .selectAll()
      .where(sql<boolean>`(chain_id, seq) > (${after[0]}::uuid, ${after[1]})`)
      .orderBy('chain_id')
      .orderBy('seq')
      .limit(5000);
    if (onlyChain) page = page.where('chain_id', '=', onlyChain);
    const rows = await page.execute();
    if (!rows.length) break;
    for (const r of rows) {
      lines++;
      const seq = Number(r.seq);
      const prev = seen.get(r.chain_id) ?? { seq: 0, hash: GENESIS };
      if (seq !== prev.seq + 1) problems.push({ chainId: r.chain_id, seq, problem: 'sequence-gap' });
      if (!r.prev_hash.equals(prev.hash)) problems.push({ chainId: r.chain_id, seq, problem: 'broken-link' });
      const expected = lineHash(r.prev_hash, {
        chain_id: r.chain_id,
        seq,
        at: r.at.toISOString(),
        actor_kind: r.actor_kind,
        actor_id: r.actor_id,
        on_behalf_of: r.on_behalf_of,
        action: r.action,
        resource_type: r.resource_type,
        resource_id: r.resource_id,
        reason: r.reason,
        detail: r.detail,
      });
      if (!expected.equals(r.hash)) problems.push({ chainId: r.chain_id, seq, problem: 'hash-mismatch' });
      seen.set(r.chain_id, { seq, hash: r.hash });
    }
    const last = rows[rows.length - 1]!;
    after = [last.chain_id, Number(last.seq)];
  }
  for (const [chain, head] of heads) {
    const last = seen.get(chain) ?? { seq: 0, hash: GENESIS };
    if (last.seq !== head.seq || !last.hash.equals(head.hash))
      problems.push({ chainId: chain, seq: null, problem: 'head-mismatch' });
  }
  for (const chain of seen.keys())
    if (!heads.has(chain)) problems.push({ chainId: chain, seq: null, problem: 'head-mismatch' });
  return { lines, chains: seen.size, problems };
}

/**
 * Signs the heads written before the key existed (the first start with a key trusts the journal as it is
 * then). Pages through the unsigned heads; returns how many it signed.
 */
export async function signUnsignedHeads(db: Db, key: KeyObject): Promise<number> {
  let signed = 0;
  for (;;) {
    const heads = await db
      .selectFrom('journal_head')
      .select(['chain_id', 'seq', 'hash'])
      .where('signature', 'is', null)
      .where('seq', '>', 0)
      .limit(1000)
      .execute();
    if (!heads.length) return signed;
    for (const h of heads) {
      const signature = signBytes(key, headMessage(h.chain_id, Number(h.seq), h.hash));
      await db
        .updateTable('journal_head')
        .set({ signature })
        .where('chain_id', '=', h.chain_id)
        .where('seq', '=', h.seq)
        .where('hash', '=', h.hash)
        .execute();
    }
    signed += heads.length;
  }
}
