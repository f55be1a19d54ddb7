import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { testApp } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';
import { run } from '../../../test/spawn.js';
import { journalMany, journalSigningKey, lineHash, verifyJournal } from '../../platform/journal.js';
import { systemAccess } from '../../platform/access.js';
import { randomUUID } from 'node:crypto';
import { loadJournalSigningKey, publicKeyOf } from '../../platform/journal-signing.js';
import { journalVerifyCommand } from '../../platform/journal.cli.js';
import type { Runtime } from '../../platform/runtime.js';

type T = Awaited<ReturnType<typeof testApp>>;

/** Issue 10, journal proof: chain heads signed under a key kept outside the database; signed extracts. */
describe('journal proof: signed heads and a signed, verifiable extract', () => {
  let t: T;
  let dir: string;
  beforeAll(async () => {
    t = await testApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'carnet-extract-'));
  });
  afterAll(async () => t?.close());

  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'journal:verify', ...args], {
      DATABASE_URL: t.platform.databaseUrl,
      DATA_DIR: t.platform.dataDir,
      MASTER_KEY: t.platform.config.MASTER_KEY,
      LOG_LEVEL: 'silent',
    });

  /** The command in this process (spawning it costs seconds each time): its exit code and output. */
  async function verify(...args: string[]) {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    const err = vi.spyOn(console, 'error').mockImplementation((m: string) => void out.push(m));
    try {
      const code = await journalVerifyCommand(t.platform as unknown as Runtime, args);
      return { code, stdout: out.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  async function someone() {
    const p = await createPerson(t.db);
    const cookie = await sessionCookie(t.db, p.accountId);
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    for (const url of ['professionals', 'emergency-access', 'access-notice']) await get(`/api/profiles/${p.profileId}/${url}`);
    return { ...p, get };
  }

  it('the patient downloads their journal as signed JSON lines; journal:verify --extract says intact, then finds each tampering', { timeout: 120_000 }, async () => {
    const p = await someone();
    const res = await p.get(`/api/profiles/${p.profileId}/activity/extract`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="historique-activite-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'carnet-journal-extract/1', chainId: p.profileId, head: { seq: 4 } });
    expect(lines.slice(1, -1).map((l) => l.action)).toEqual(['access.professionals-read', 'access.emergency-read', 'access.notifications-read', 'journal.extract']);
    expect(lines.at(-1)).toHaveProperty('signature');
    const file = path.join(dir, 'extract.jsonl');
    await writeFile(file, res.body);
    const ok = await cli('--extract', file);
    expect(ok.stdout).toContain('extrait : 4 lignes vérifiées');
    expect(ok.stdout).toContain('extrait intact et signé par ce serveur');
    expect(ok.code).toBe(0);

    // A line changed, its hash recomputed and the chain re-linked: the file signature and head catch it.
    const text = res.body.split('\n');
    const forged = JSON.parse(text[2]!);
    forged.action = 'document.read';
    text[2] = JSON.stringify(forged);
    await writeFile(file, text.join('\n'));
    const bad = await verify('--extract', file);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('ligne 2 : hash-mismatch');
    expect(bad.stdout).toContain('fichier : extract-signature');

    // A line removed.
    const cut = res.body.split('\n');
    cut.splice(2, 1);
    await writeFile(file, cut.join('\n'));
    const gap = await verify('--extract', file);
    expect(gap.code).toBe(2);
    expect(gap.stdout).toMatch(/ligne 3 : sequence-gap/);
    expect(gap.stdout).toMatch(/ligne 3 : broken-link/);

    // Re-signed by someone else's key: not this server's.
    const other = await loadJournalSigningKey({ JOURNAL_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'), DATA_DIR: dir });
    const header = JSON.parse(res.body.split('\n')[0]!);
    header.publicKey = publicKeyOf(other);
    await writeFile(file, [JSON.stringify(header), ...res.body.split('\n').slice(1)].join('\n'));
    expect((await verify('--extract', file)).stdout).toContain('foreign-key');

    await writeFile(file, 'pas un extrait');
    expect((await verify('--extract', file)).stdout).toContain('fichier : format');
    expect((await verify('--extract')).code).toBe(64);
  });

  it('a chain rewritten with its hashes recomputed (what database access alone allows) fails on the head signature', { timeout: 120_000 }, async () => {
    const p = await someone();
    expect((await verify('--profile', p.profileId)).code).toBe(0);
    const c = new pg.Client({ connectionString: t.platform.databaseUrl });
    await c.connect();
    try {
      await c.query('set session_replication_role = replica');
      const { rows } = await c.query('select * from journal where chain_id = $1 order by seq', [p.profileId]);
      let prev: Buffer = Buffer.alloc(32);
      for (const r of rows) {
        const action = r.action === 'access.emergency-read' ? 'document.read' : r.action;
        const fields = { chain_id: r.chain_id, seq: Number(r.seq), at: r.at.toISOString(), actor_kind: r.actor_kind, actor_id: r.actor_id, on_behalf_of: r.on_behalf_of, action, resource_type: r.resource_type, resource_id: r.resource_id, reason: r.reason, detail: r.detail };
        const hash = lineHash(prev, fields);
        await c.query('update journal set action = $1, prev_hash = $2, hash = $3 where chain_id = $4 and seq = $5', [action, prev, hash, r.chain_id, r.seq]);
        prev = hash;
      }
      await c.query('update journal_head set hash = $1 where chain_id = $2', [prev, p.profileId]);
    } finally {
      await c.end();
    }
    const out = await verify('--profile', p.profileId);
    expect(out.code).toBe(2);
    expect(out.stdout).toContain(`chaîne ${p.profileId} fin : head-signature`);
    expect(out.stdout).not.toContain('hash-mismatch');
  });

  it('heads moved in bulk (journalMany) are signed too', async () => {
    const chains = [randomUUID(), randomUUID(), randomUUID()];
    await t.db.transaction().execute((trx) => journalMany(trx, chains.map((c) => ({ ctx: systemAccess('test', c), entry: { action: 'identity.space-created' } }))));
    for (const c of chains) {
      const head = await t.db.selectFrom('journal_head').select('signature').where('chain_id', '=', c).executeTakeFirstOrThrow();
      expect(head.signature).not.toBeNull();
      expect((await verifyJournal(t.db, c, journalSigningKey())).problems).toEqual([]);
    }
  });

  it('the key: generated once under DATA_DIR (mode 0600) and read back; a bad file is refused', async () => {
    const d = await mkdtemp(path.join(os.tmpdir(), 'carnet-key-'));
    const k1 = await loadJournalSigningKey({ JOURNAL_SIGNING_KEY: '', DATA_DIR: d });
    const k2 = await loadJournalSigningKey({ JOURNAL_SIGNING_KEY: '', DATA_DIR: d });
    expect(publicKeyOf(k1)).toBe(publicKeyOf(k2));
    expect((await stat(path.join(d, 'journal-signing.key'))).mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(d, 'journal-signing.key'), 'utf8')).trim()).toHaveLength(44);
    await writeFile(path.join(d, 'journal-signing.key'), 'abcd');
    await expect(loadJournalSigningKey({ JOURNAL_SIGNING_KEY: '', DATA_DIR: d })).rejects.toThrow(/32-byte/);
  });
});
