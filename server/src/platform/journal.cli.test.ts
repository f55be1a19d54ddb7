import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testPlatform, type TestPlatform } from '../../test/harness.js';
import { run } from '../../test/spawn.js';
import { grantAccess, type Sees } from './access.js';

const SEES: Sees = { hiddenFromRepresentatives: false, hiddenFromProfessionals: false, invisibleToPatient: false };
import { withJournal } from './journal.js';
import { journalVerifyCommand } from './journal.cli.js';
import type { Runtime } from './runtime.js';

/** `npm run carnet -- journal:verify …` against the test platform's database, as an operator runs it. */
function verify(p: TestPlatform, ...args: string[]) {
  // `npm run carnet` is `tsx server/src/cli.ts`; node with tsx's loader is the same minus npx's second of start-up.
  return run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'journal:verify', ...args], {
    DATABASE_URL: p.databaseUrl,
    DATA_DIR: p.dataDir,
    MASTER_KEY: p.config.MASTER_KEY,
    LOG_LEVEL: 'silent',
  });
}

async function lines(p: TestPlatform, profileId: string, n: number) {
  const ctx = grantAccess(
    { kind: 'professional', professionalId: randomUUID(), rpps: '10000000001' },
    profileId,
    'professional',
    SEES,
  );
  for (let i = 0; i < n; i++)
    await withJournal(p.db, ctx, { action: 'document.read', resourceId: `doc-${i}` }, async () => {});
}

describe('npm run carnet -- journal:verify', () => {
  let clean: TestPlatform;
  let tampered: TestPlatform;
  const a = randomUUID();
  const b = randomUUID();
  beforeAll(async () => {
    [clean, tampered] = await Promise.all([testPlatform(), testPlatform()]);
    for (const p of [clean, tampered]) {
      await lines(p, a, 3);
      await lines(p, b, 2);
    }
    const c = new pg.Client({ connectionString: tampered.databaseUrl });
    await c.connect();
    await c.query('set session_replication_role = replica');
    await c.query(`update journal set action = 'document.list' where chain_id = $1 and seq = 2`, [a]);
    await c.end();
  });
  afterAll(async () => {
    await Promise.all([clean?.close(), tampered?.close()]);
  });

  it('says intact and exits 0 on a clean journal; exits 2 and names the line on a tampered one; checks one profile with --profile', async () => {
    const [ok, bad, onlyB] = await Promise.all([verify(clean), verify(tampered), verify(tampered, '--profile', b)]);

    expect(ok.stdout).toMatch(/journal : 5 lignes vérifiées dans 2 chaînes/);
    expect(ok.stdout).toMatch(/journal intact/);
    expect(ok.code).toBe(0);

    expect(bad.stdout).toMatch(/journal : 5 lignes vérifiées dans 2 chaînes/);
    expect(bad.stdout).toMatch(/JOURNAL ALTÉRÉ : 1 problème\n/);
    expect(bad.stdout).toContain(`chaîne ${a} ligne 2 : hash-mismatch`);
    expect(bad.stdout).not.toContain(b);
    expect(bad.code).toBe(2);

    expect(onlyB.stdout).toMatch(/journal : 2 lignes vérifiées dans 1 chaîne \(profil /);
    expect(onlyB.stdout).toMatch(/journal intact/);
    expect(onlyB.code).toBe(0);
  });

  it('the command itself: --profile of a tampered chain exits 2, a malformed --profile exits 64', async () => {
    const runtime = tampered as unknown as Runtime; // the command uses only the database of the runtime
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    const err = vi.spyOn(console, 'error').mockImplementation((m: string) => void out.push(m));
    try {
      expect(await journalVerifyCommand(runtime, ['--profile', a.toUpperCase()])).toBe(2);
      expect(out.join('\n')).toContain(`chaîne ${a} ligne 2 : hash-mismatch`);
      expect(await journalVerifyCommand(runtime, ['--profile', '../x'])).toBe(64);
      expect(await journalVerifyCommand(runtime, ['--profile'])).toBe(64);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
