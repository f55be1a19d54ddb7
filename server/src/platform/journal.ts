import { createHash, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
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

interface LineFields {
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
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
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

/**
 * Appends one line to the journal inside the caller's transaction, so the line exists if and only if
 * the access it records happened. Lines of one chain are serialised by a row lock on the chain's head.
 */
export async function journal(trx: Trx, ctx: AccessContext, entry: JournalEntry): Promise<void> {
  if (!isGenuine(ctx)) throw new Error('journal: forged access context');
  const chain = ctx.profileId ?? SYSTEM_CHAIN;
  await trx.insertInto('journal_head').values({ chain_id: chain, seq: 0, hash: GENESIS }).onConflict((oc) => oc.doNothing()).execute();
  const head = await trx.selectFrom('journal_head').select(['seq', 'hash']).where('chain_id', '=', chain).forUpdate().executeTakeFirstOrThrow();
  const row = chainedRow(ctx, entry, chain, head, new Date().toISOString());
  await trx.insertInto('journal').values(row).execute();
  await trx.updateTable('journal_head').set({ seq: row.seq, hash: row.hash, signature: headSignature(chain, row.seq, row.hash) }).where('chain_id', '=', chain).execute();
}

/** The row of the line that follows `head` on `chain`, with its hash. */
function chainedRow(ctx: AccessContext, entry: JournalEntry, chain: string, head: { seq: string | number; hash: Buffer }, at: string) {
  const a = ctx.actor;
  const fields: LineFields = {
    chain_id: chain,
    seq: Number(head.seq) + 1,
    at,
    actor_kind: a.kind,
    actor_id: actorId(a),
    on_behalf_of: a.kind === 'representative' || a.kind === 'caregiver' ? a.profileId : null,
    action: entry.action,
    resource_type: entry.resourceType ?? null,
    resource_id: entry.resourceId ?? null,
    reason: ctx.reason,
    detail: asStored(entry.detail),
  };
  return { ...fields, detail: JSON.stringify(fields.detail), prev_hash: head.hash, hash: lineHash(head.hash, fields) };
}

/**
 * Appends one line to each of many chains at once (bulk work: codes issued to a whole enrolment batch,
 * spaces created by the opposition-window job): heads locked in a fixed order, then one insert.
 * Each context must name a different profile.
 */
export async function journalMany(trx: Trx, items: { ctx: AccessContext; entry: JournalEntry }[]): Promise<void> {
  if (!items.length) return;
  for (const { ctx } of items) if (!isGenuine(ctx) || !ctx.profileId) throw new Error('journalMany: forged or profile-less context');
  const chains = items.map((i) => i.ctx.profileId!);
  if (new Set(chains).size !== chains.length) throw new Error('journalMany: one line per chain');
  await trx
    .insertInto('journal_head')
    .values(chains.map((c) => ({ chain_id: c, seq: 0, hash: GENESIS })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const heads = await trx.selectFrom('journal_head').select(['chain_id', 'seq', 'hash']).where('chain_id', 'in', chains).orderBy('chain_id').forUpdate().execute();
  const byChain = new Map(heads.map((h) => [h.chain_id, h]));
  const at = new Date().toISOString();
  const rows = items.map(({ ctx, entry }) => chainedRow(ctx, entry, ctx.profileId!, byChain.get(ctx.profileId!)!, at));
  await trx.insertInto('journal').values(rows).execute();
  const signatures = rows.map((r) => headSignature(r.chain_id, r.seq, r.hash));
  await sql`
    update journal_head h set seq = u.seq, hash = u.hash, signature = u.signature
    from unnest(${rows.map((r) => r.chain_id)}::uuid[], ${rows.map((r) => r.seq)}::bigint[], ${rows.map((r) => r.hash)}::bytea[],
      ${signatures}::bytea[]) as u(chain_id, seq, hash, signature)
    where h.chain_id = u.chain_id`.execute(trx);
}

/** Runs `fn` in a transaction and journals `entry` in that same transaction. */
export async function withJournal<T>(db: Db, ctx: AccessContext, entry: JournalEntry, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await fn(trx);
    await journal(trx, ctx, entry);
    return result;
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
export async function verifyJournal(db: Executor, onlyChain?: string, key?: KeyObject | null): Promise<{ lines: number; chains: number; problems: JournalProblem[] }> {
  const problems: JournalProblem[] = [];
  let lines = 0;
  const heads = new Map<string, { seq: number; hash: Buffer }>();
  let q = db.selectFrom('journal_head').selectAll();
  if (onlyChain) q = q.where('chain_id', '=', onlyChain);
  for (const h of await q.execute()) {
    heads.set(h.chain_id, { seq: Number(h.seq), hash: h.hash });
    // With the key, a head must carry its signature: a rewritten chain cannot be signed again without it.
    const signed = h.signature && verifyBytes(key!, headMessage(h.chain_id, Number(h.seq), h.hash), h.signature);
    if (key && Number(h.seq) > 0 && !signed) problems.push({ chainId: h.chain_id, seq: null, problem: 'head-signature' });
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
    if (last.seq !== head.seq || !last.hash.equals(head.hash)) problems.push({ chainId: chain, seq: null, problem: 'head-mismatch' });
  }
  for (const chain of seen.keys()) if (!heads.has(chain)) problems.push({ chainId: chain, seq: null, problem: 'head-mismatch' });
  return { lines, chains: seen.size, problems };
}

/**
 * Signs the heads written before the key existed (the first start with a key trusts the journal as it is
 * then). Pages through the unsigned heads; returns how many it signed.
 */
export async function signUnsignedHeads(db: Db, key: KeyObject): Promise<number> {
  let signed = 0;
  for (;;) {
    const heads = await db.selectFrom('journal_head').select(['chain_id', 'seq', 'hash']).where('signature', 'is', null).where('seq', '>', 0).limit(1000).execute();
    if (!heads.length) return signed;
    for (const h of heads) {
      const signature = signBytes(key, headMessage(h.chain_id, Number(h.seq), h.hash));
      await db.updateTable('journal_head').set({ signature }).where('chain_id', '=', h.chain_id).where('seq', '=', h.seq).where('hash', '=', h.hash).execute();
    }
    signed += heads.length;
  }
}
