import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../test/harness.js';
import {
  accountAccess,
  grantAccess,
  recordOn,
  requireProfileAccess,
  systemAccess,
  type AccessContext,
} from './access.js';
import {
  journal,
  journalSigningKey,
  journalMany,
  lineHash,
  signHeadAfterCommit,
  SYSTEM_CHAIN,
  verifyJournal,
  withJournal,
} from './journal.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await testPlatform();
});
afterAll(async () => p.close());

const patient = (profileId: string) => accountAccess({ accountId: randomUUID(), profileId });

/** Writes `n` lines on a new profile's chain, each in its own transaction; returns the chain id. */
async function chainOf(n: number): Promise<string> {
  const profileId = randomUUID();
  const ctx = patient(profileId);
  for (let i = 1; i <= n; i++)
    await withJournal(
      p.db,
      ctx,
      { action: 'document.read', resourceType: 'document', resourceId: `doc-${i}`, detail: { i } },
      async () => {},
    );
  return profileId;
}

/**
 * Runs SQL the way an attacker holding the database's admin rights would: with the append-only
 * triggers out of the way. Either by disabling them on the table or by replica mode for the session.
 */
async function asAttacker(statements: string[], via: 'replica' | 'disable-trigger' = 'replica'): Promise<void> {
  const c = new pg.Client({ connectionString: p.databaseUrl });
  await c.connect();
  try {
    if (via === 'replica') await c.query('set session_replication_role = replica');
    else await c.query('alter table journal disable trigger user');
    for (const s of statements) await c.query(s);
  } finally {
    if (via === 'disable-trigger') await c.query('alter table journal enable trigger user');
    await c.end();
  }
}

async function problemsOf(chain: string) {
  return (await verifyJournal(p.db, chain)).problems;
}

describe('the access journal', () => {
  it('chains the lines of each profile: seq 1..n, each line linked to the previous hash', async () => {
    const a = await chainOf(3);
    const b = await chainOf(2);
    const rows = await p.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', 'in', [a, b])
      .orderBy('chain_id')
      .orderBy('seq')
      .execute();
    for (const chain of [a, b]) {
      const lines = rows.filter((r) => r.chain_id === chain);
      expect(lines.map((r) => Number(r.seq))).toEqual(chain === a ? [1, 2, 3] : [1, 2]);
      expect(lines[0]!.prev_hash.equals(Buffer.alloc(32))).toBe(true);
      for (let i = 1; i < lines.length; i++) expect(lines[i]!.prev_hash.equals(lines[i - 1]!.hash)).toBe(true);
      const head = await p.db
        .selectFrom('journal_head')
        .selectAll()
        .where('chain_id', '=', chain)
        .executeTakeFirstOrThrow();
      expect(Number(head.seq)).toBe(lines.length);
      expect(head.hash.equals(lines.at(-1)!.hash)).toBe(true);
    }
    expect(rows[0]!.actor_kind).toBe('patient');
    expect(rows.find((r) => r.chain_id === a && Number(r.seq) === 2)).toMatchObject({
      action: 'document.read',
      resource_id: 'doc-2',
      detail: { i: 2 },
      reason: 'normal',
    });
  });

  it('writes events tied to no profile on the system chain', async () => {
    await p.db.transaction().execute((trx) => journal(trx, systemAccess('test', null), { action: 'login.failed' }));
    const line = await p.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', SYSTEM_CHAIN)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ action: 'login.failed', actor_kind: 'system', actor_id: 'test' });
  });

  it('finds no problem on a clean journal, whatever the details hold', async () => {
    const profileId = randomUUID();
    await withJournal(
      p.db,
      grantAccess(
        { kind: 'representative', accountId: randomUUID(), profileId: randomUUID() },
        profileId,
        'representative',
        { hiddenFromRepresentatives: false, hiddenFromProfessionals: true, invisibleToPatient: false },
        'emergency',
      ),
      // Details as callers write them: nested, unordered keys, accents, dates, absent values.
      {
        action: 'profile.update',
        detail: {
          z: 1,
          a: { y: [1, 'deux', null], b: 'é"\\ \u2028' },
          when: new Date('2026-01-02T03:04:05.678Z'),
          gone: undefined,
          list: [undefined, 1.5],
        },
      },
      async () => {},
    );
    const result = await verifyJournal(p.db);
    expect(result.problems).toEqual([]);
    expect(result.lines).toBeGreaterThan(0);
    expect(result.chains).toBeGreaterThan(0);
    expect(await problemsOf(profileId)).toEqual([]);

    const many = [randomUUID(), randomUUID()];
    await p.db.transaction().execute((trx) =>
      journalMany(
        trx,
        many.map((id) => ({
          ctx: patient(id),
          entry: { action: 'code.sent', detail: { at: new Date(), list: [undefined] } },
        })),
      ),
    );
    for (const id of many) expect(await problemsOf(id)).toEqual([]);
  });

  it('journalMany appends to new chains and to chains with lines alike, heads signed', async () => {
    const old = await chainOf(2);
    const fresh = randomUUID();
    await p.db.transaction().execute((trx) =>
      journalMany(
        trx,
        [fresh, old].map((id) => ({ ctx: patient(id), entry: { action: 'code.sent', detail: { n: 1 } } })),
      ),
    );
    for (const id of [fresh, old]) expect(await problemsOf(id)).toEqual([]);
    const heads = await p.db
      .selectFrom('journal_head')
      .select(['chain_id', 'seq', 'signature'])
      .where('chain_id', 'in', [fresh, old])
      .orderBy('seq')
      .execute();
    expect(heads.map((h) => [h.chain_id, Number(h.seq), h.signature !== null])).toEqual([
      [fresh, 1, true],
      [old, 3, true],
    ]);
  });

  it('keeps values that look like SQL as they are (withJournal sends them as escaped literals)', async () => {
    const profileId = randomUUID();
    const tricky = `x'); commit; select 1; --\\' \\\\ E'\\x00' $$ $1 \u00e9`;
    await withJournal(
      p.db,
      patient(profileId),
      { action: 'document.read', resourceType: tricky, resourceId: tricky, detail: { [tricky]: tricky } },
      async () => {},
    );
    const line = await p.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', profileId)
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ resource_type: tricky, resource_id: tricky, detail: { [tricky]: tricky } });
    expect(await problemsOf(profileId)).toEqual([]);
  });

  it('rolls back the whole transaction when the line cannot be written', async () => {
    const profileId = randomUUID();
    // A line with an invalid reason is refused by the journal's check constraint.
    const bad = grantAccess(
      { kind: 'patient', accountId: randomUUID(), profileId },
      profileId,
      'self',
      { hiddenFromRepresentatives: true, hiddenFromProfessionals: true, invisibleToPatient: false },
      'bogus' as 'normal',
    );
    await expect(
      withJournal(p.db, bad, { action: 'document.read' }, async (trx) => {
        await trx
          .insertInto('journal_head')
          .values({ chain_id: profileId, seq: 0, hash: Buffer.alloc(32) })
          .execute();
      }),
    ).rejects.toThrow();
    expect(await p.db.selectFrom('journal_head').select('seq').where('chain_id', '=', profileId).execute()).toEqual([]);
  });

  it('writes no line when the transaction rolls back', async () => {
    const profileId = randomUUID();
    const ctx = patient(profileId);
    await expect(
      withJournal(p.db, ctx, { action: 'document.delete' }, async () => {
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await expect(
      p.db.transaction().execute(async (trx) => {
        await journal(trx, ctx, { action: 'document.read' });
        throw new Error('failed after the journal line');
      }),
    ).rejects.toThrow('failed after the journal line');
    expect(await p.db.selectFrom('journal').select('seq').where('chain_id', '=', profileId).execute()).toEqual([]);
    expect(await p.db.selectFrom('journal_head').select('seq').where('chain_id', '=', profileId).execute()).toEqual([]);
    // The chain starts cleanly afterwards.
    await withJournal(p.db, ctx, { action: 'document.read' }, async () => {});
    expect(
      (await p.db.selectFrom('journal').select('seq').where('chain_id', '=', profileId).execute()).map((r) =>
        Number(r.seq),
      ),
    ).toEqual([1]);
    expect(await problemsOf(profileId)).toEqual([]);
  });

  it('keeps one valid chain when 20 transactions append to it at once', async () => {
    const profileId = randomUUID();
    const ctx = patient(profileId);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withJournal(p.db, ctx, { action: 'document.read', detail: { i } }, async () => {}),
      ),
    );
    const rows = await p.db
      .selectFrom('journal')
      .select(['seq', 'detail'])
      .where('chain_id', '=', profileId)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => (r.detail as { i: number }).i)).size).toBe(20);
    expect(await problemsOf(profileId)).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    const chain = await chainOf(1);
    await expect(p.pool.query(`update journal set action = 'x' where chain_id = $1`, [chain])).rejects.toThrow(
      /append-only/,
    );
    await expect(p.pool.query(`delete from journal where chain_id = $1`, [chain])).rejects.toThrow(/append-only/);
    await expect(p.pool.query('truncate journal')).rejects.toThrow(/append-only/);
    expect(await p.db.selectFrom('journal').select('seq').where('chain_id', '=', chain).execute()).toHaveLength(1);
  });
});

describe('the access context', () => {
  it('journal() refuses a context not made by grantAccess, even a copy of a genuine one', async () => {
    const profileId = randomUUID();
    const forged = {
      actor: { kind: 'patient', accountId: randomUUID(), profileId },
      profileId,
      reason: 'normal',
    } as AccessContext;
    const copy = { ...patient(profileId) };
    for (const ctx of [forged, copy]) {
      await expect(p.db.transaction().execute((trx) => journal(trx, ctx, { action: 'document.read' }))).rejects.toThrow(
        /forged access context/,
      );
    }
    expect(await p.db.selectFrom('journal').select('seq').where('chain_id', '=', profileId).execute()).toEqual([]);
  });

  it('requireProfileAccess accepts a granted context and throws on a forged one', () => {
    const profileId = randomUUID();
    expect(requireProfileAccess(patient(profileId))).toBe(profileId);
    const forged = { actor: { kind: 'system', job: 'x' }, profileId, reason: 'normal' } as AccessContext;
    expect(() => requireProfileAccess(forged)).toThrow(/without an access context/);
    expect(() => requireProfileAccess(null as unknown as AccessContext)).toThrow(/without an access context/);
    expect(() => requireProfileAccess(systemAccess('x', null))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    // A context made only to record refuses to open data, even on a real profile.
    expect(() => requireProfileAccess(recordOn({ kind: 'visitor' }, randomUUID()))).toThrow(
      /without an access context/,
    );
  });

  it('a granted context cannot be turned to another profile or actor', () => {
    const ctx = patient(randomUUID());
    expect(() => {
      (ctx as { profileId: string }).profileId = randomUUID();
    }).toThrow(TypeError);
    expect(() => {
      (ctx.actor as { kind: string }).kind = 'operator';
    }).toThrow(TypeError);
  });
});

describe('verifyJournal detects tampering by someone with the database admin rights', () => {
  it('an edited action', async () => {
    const chain = await chainOf(3);
    await asAttacker([`update journal set action = 'document.list' where chain_id = '${chain}' and seq = 2`]);
    expect(await problemsOf(chain)).toEqual([{ chainId: chain, seq: 2, problem: 'hash-mismatch' }]);
  });

  it('an edited detail (with the triggers disabled on the table)', async () => {
    const chain = await chainOf(3);
    await asAttacker(
      [`update journal set detail = '{"i": 99}' where chain_id = '${chain}' and seq = 1`],
      'disable-trigger',
    );
    expect(await problemsOf(chain)).toEqual([{ chainId: chain, seq: 1, problem: 'hash-mismatch' }]);
    // The triggers are back on afterwards.
    await expect(p.pool.query(`delete from journal where chain_id = $1`, [chain])).rejects.toThrow(/append-only/);
  });

  it('an edited actor, time or reason', async () => {
    const chains = [await chainOf(2), await chainOf(2), await chainOf(2)];
    await asAttacker([
      `update journal set actor_id = 'someone-else' where chain_id = '${chains[0]}' and seq = 1`,
      `update journal set at = at - interval '1 day' where chain_id = '${chains[1]}' and seq = 2`,
      `update journal set reason = 'emergency' where chain_id = '${chains[2]}' and seq = 2`,
    ]);
    expect(await problemsOf(chains[0]!)).toEqual([{ chainId: chains[0], seq: 1, problem: 'hash-mismatch' }]);
    expect(await problemsOf(chains[1]!)).toEqual([{ chainId: chains[1], seq: 2, problem: 'hash-mismatch' }]);
    expect(await problemsOf(chains[2]!)).toEqual([{ chainId: chains[2], seq: 2, problem: 'hash-mismatch' }]);
  });

  it('a line deleted in the middle', async () => {
    const chain = await chainOf(4);
    await asAttacker([`delete from journal where chain_id = '${chain}' and seq = 2`]);
    const problems = await problemsOf(chain);
    expect(problems).toContainEqual({ chainId: chain, seq: 3, problem: 'sequence-gap' });
    expect(problems).toContainEqual({ chainId: chain, seq: 3, problem: 'broken-link' });
  });

  it('a line deleted in the middle, the next lines renumbered', async () => {
    const chain = await chainOf(4);
    await asAttacker([
      `delete from journal where chain_id = '${chain}' and seq = 2`,
      `update journal set seq = seq - 1 where chain_id = '${chain}' and seq > 2`,
      `update journal_head set seq = 3 where chain_id = '${chain}'`,
    ]);
    const problems = await problemsOf(chain);
    expect(problems).toContainEqual({ chainId: chain, seq: 2, problem: 'broken-link' });
    expect(problems).toContainEqual({ chainId: chain, seq: 2, problem: 'hash-mismatch' });
  });

  it('the last line deleted', async () => {
    const chain = await chainOf(3);
    await asAttacker([`delete from journal where chain_id = '${chain}' and seq = 3`]);
    expect(await problemsOf(chain)).toEqual([{ chainId: chain, seq: null, problem: 'head-mismatch' }]);
  });

  it('every line of a chain deleted', async () => {
    const chain = await chainOf(2);
    await asAttacker([`delete from journal where chain_id = '${chain}'`]);
    expect(await problemsOf(chain)).toEqual([{ chainId: chain, seq: null, problem: 'head-mismatch' }]);
  });

  it('a forged line inserted at the end, even with a well-computed hash', async () => {
    const chain = await chainOf(2);
    const last = await p.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', chain)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const fields = {
      chain_id: chain,
      seq: 3,
      at,
      actor_kind: 'patient',
      actor_id: 'x',
      on_behalf_of: null,
      action: 'document.read',
      resource_type: null,
      resource_id: null,
      reason: 'normal' as const,
      detail: {},
    };
    const hash = lineHash(last.hash, fields);
    await asAttacker([
      `insert into journal (chain_id, seq, at, actor_kind, actor_id, action, reason, detail, prev_hash, hash)
       values ('${chain}', 3, '${at}', 'patient', 'x', 'document.read', 'normal', '{}', '\\x${last.hash.toString('hex')}', '\\x${hash.toString('hex')}')`,
    ]);
    expect(await problemsOf(chain)).toEqual([{ chainId: chain, seq: null, problem: 'head-mismatch' }]);
  });

  it('a forged line inserted in the middle, well hashed, the later lines shifted to make room', async () => {
    const chain = await chainOf(3);
    const first = await p.db
      .selectFrom('journal')
      .selectAll()
      .where('chain_id', '=', chain)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    const at = first.at.toISOString();
    const fields = {
      chain_id: chain,
      seq: 2,
      at,
      actor_kind: 'patient',
      actor_id: 'intruder',
      on_behalf_of: null,
      action: 'document.read',
      resource_type: null,
      resource_id: null,
      reason: 'normal' as const,
      detail: {},
    };
    const hash = lineHash(first.hash, fields);
    await asAttacker([
      // Shift 3 → 4 then 2 → 3, highest first so the primary key holds.
      `update journal set seq = 4 where chain_id = '${chain}' and seq = 3`,
      `update journal set seq = 3 where chain_id = '${chain}' and seq = 2`,
      `insert into journal (chain_id, seq, at, actor_kind, actor_id, action, reason, detail, prev_hash, hash)
       values ('${chain}', 2, '${at}', 'patient', 'intruder', 'document.read', 'normal', '{}', '\\x${first.hash.toString('hex')}', '\\x${hash.toString('hex')}')`,
      `update journal_head set seq = 4 where chain_id = '${chain}'`,
    ]);
    const problems = await problemsOf(chain);
    expect(problems.filter((x) => x.seq === 2)).toEqual([]); // the forged line itself is well made…
    expect(problems).toContainEqual({ chainId: chain, seq: 3, problem: 'broken-link' }); // …but the next line does not follow it
    expect(problems).toContainEqual({ chainId: chain, seq: 3, problem: 'hash-mismatch' }); // and a shifted line's position is hashed
    expect(problems).toContainEqual({ chainId: chain, seq: 4, problem: 'hash-mismatch' });
  });

  it('two lines swapped', async () => {
    const chain = await chainOf(4);
    await asAttacker([
      `update journal set seq = -1 where chain_id = '${chain}' and seq = 2`,
      `update journal set seq = 2 where chain_id = '${chain}' and seq = 3`,
      `update journal set seq = 3 where chain_id = '${chain}' and seq = -1`,
    ]);
    const problems = await problemsOf(chain);
    expect(problems).toEqual(
      expect.arrayContaining([
        { chainId: chain, seq: 2, problem: 'broken-link' },
        { chainId: chain, seq: 2, problem: 'hash-mismatch' },
        { chainId: chain, seq: 3, problem: 'hash-mismatch' },
        { chainId: chain, seq: 4, problem: 'broken-link' },
      ]),
    );
  });

  it('reports only the tampered chain when asked for all of them', async () => {
    const clean = await chainOf(2);
    const tampered = await chainOf(2);
    await asAttacker([`update journal set resource_id = 'doc-9' where chain_id = '${tampered}' and seq = 1`]);
    const all = await verifyJournal(p.db);
    expect(all.problems).toContainEqual({ chainId: tampered, seq: 1, problem: 'hash-mismatch' });
    expect(all.problems.filter((x) => x.chainId === clean)).toEqual([]);
    expect(await problemsOf(clean)).toEqual([]);
  });
});

describe('head signatures after an early-released commit', () => {
  it('signs the head only when it is the line this request wrote, never a head someone else put there', async () => {
    const profileId = randomUUID();
    await withJournal(
      p.db,
      accountAccess({ accountId: randomUUID(), profileId }),
      { action: 'document.read' },
      async () => undefined,
    );
    const signed = await p.db
      .selectFrom('journal_head')
      .select(['seq', 'hash', 'signature'])
      .where('chain_id', '=', profileId)
      .executeTakeFirstOrThrow();
    expect(signed.signature).not.toBeNull();
    // Someone with database access moves the head to a line of their own and clears the signature.
    const forged = Buffer.alloc(32, 7);
    await p.db
      .insertInto('journal')
      .values({
        chain_id: profileId,
        seq: 2,
        at: new Date(),
        actor_kind: 'system',
        actor_id: 'x',
        on_behalf_of: null,
        action: 'forged',
        resource_type: null,
        resource_id: null,
        reason: 'normal',
        detail: '{}',
        prev_hash: signed.hash,
        hash: forged,
      })
      .execute();
    await p.db
      .updateTable('journal_head')
      .set({ seq: 2, hash: forged, signature: null })
      .where('chain_id', '=', profileId)
      .execute();
    await signHeadAfterCommit(p.db, profileId, '{"action":"document.read","seq":');
    const after = await p.db
      .selectFrom('journal_head')
      .select('signature')
      .where('chain_id', '=', profileId)
      .executeTakeFirstOrThrow();
    expect(after.signature).toBeNull();
  });
});

describe('head signature of a journaled read', () => {
  it('is written in the transaction of the line it signs (one durable commit per read, issue 13)', async () => {
    // Triggers note the transaction of each line and of each signing update; dropped at the end.
    await p.pool.query(`
      create table sign_probe (what text, xid xid8, chain uuid);
      create function sign_probe_note() returns trigger language plpgsql as $$
      begin
        insert into sign_probe values (tg_argv[0], pg_current_xact_id(), new.chain_id);
        return null;
      end $$;
      create trigger sign_probe_line after insert on journal for each row execute function sign_probe_note('line');
      create trigger sign_probe_sign after update on journal_head for each row
        when (new.signature is not null) execute function sign_probe_note('sign');`);
    try {
      const profileId = randomUUID();
      for (let i = 0; i < 3; i++)
        await withJournal(p.db, patient(profileId), { action: 'document.read', detail: { i } }, async () => {});
      const { rows } = await p.pool.query<{ what: string; xid: string }>(
        'select what, xid::text from sign_probe where chain = $1',
        [profileId],
      );
      const lines = rows.filter((r) => r.what === 'line').map((r) => r.xid);
      const signs = rows.filter((r) => r.what === 'sign').map((r) => r.xid);
      expect(lines).toHaveLength(3);
      expect(signs).toEqual(lines);
      expect(await verifyJournal(p.db, profileId, journalSigningKey())).toMatchObject({ problems: [] });
      // A line written meanwhile through journal() leaves this process's last seen head stale: the next
      // read's predicted signature touches nothing, and the head is still signed, after the commit.
      await p.db.transaction().execute((trx) => journal(trx, patient(profileId), { action: 'document.read' }));
      await withJournal(p.db, patient(profileId), { action: 'document.read' }, async () => {});
      const head = await p.db
        .selectFrom('journal_head')
        .select(['seq', 'signature'])
        .where('chain_id', '=', profileId)
        .executeTakeFirstOrThrow();
      expect(Number(head.seq)).toBe(5);
      expect(head.signature).not.toBeNull();
      expect(await verifyJournal(p.db, profileId, journalSigningKey())).toMatchObject({ problems: [] });
    } finally {
      await p.pool.query(`
        drop trigger sign_probe_line on journal; drop trigger sign_probe_sign on journal_head;
        drop function sign_probe_note(); drop table sign_probe;`);
    }
  });
});
