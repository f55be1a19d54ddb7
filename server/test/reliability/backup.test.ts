import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testApp } from '../harness.js';
import { createPerson, sessionCookie } from '../sessions.js';
import { seedEverySection } from './seed.js';
import { testAppOn } from './app-on.js';
import { record } from './figures.js';

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/**
 * The drill: a populated Carnet is backed up with `npm run carnet -- backup`, then restored with
 * `restore` into an empty database and an empty data folder; the restore checks the counts, the
 * journal chains and that every file decrypts, and the restored data answers through the app.
 */
describe('backup and restore', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let target: Awaited<ReturnType<typeof freshDatabase>>;
  let targetDir: string;
  let work: string;
  beforeAll(async () => {
    t = await testApp();
    target = await freshDatabase();
    targetDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-restore-'));
    work = await mkdtemp(path.join(os.tmpdir(), 'carnet-backup-'));
  });
  afterAll(async () => {
    await t.close();
    await target.drop();
    await rm(targetDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('restores into an empty data folder: counts match, the journal verifies, every file decrypts', async () => {
    const people = [];
    for (let i = 0; i < 3; i++) {
      const p = await createPerson(t.db, { firstName: `Sauve${i}` });
      const cookie = await sessionCookie(t.db, p.accountId);
      people.push({ ...p, cookie, ids: await seedEverySection(t.app, t.db, p.profileId, cookie, `marque${i}`) });
    }
    const file = path.join(work, 'carnet.backup');
    const env = {
      DATABASE_URL: t.platform.databaseUrl,
      DATA_DIR: t.platform.dataDir,
      MASTER_KEY: t.platform.config.MASTER_KEY,
    };
    const saved = cli(['backup', file], env);
    expect(saved.status, saved.stderr + saved.stdout).toBe(0);
    const archive = await readFile(file);
    // Encrypted: no name, no text of the data in the file.
    for (const secret of ['Sauve0', 'marque1', 'Ordonnance', 'Asthme'])
      expect(archive.includes(Buffer.from(secret))).toBe(false);

    // A wrong key, or one changed byte, is refused before anything is written.
    const wrongKey = cli(['restore', file], {
      DATABASE_URL: target.url,
      DATA_DIR: targetDir,
      MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(wrongKey.status).not.toBe(0);
    expect(wrongKey.stderr).toMatch(/mauvaise clé|altéré/);
    const tampered = path.join(work, 'tampered.backup');
    const copy = Buffer.from(archive);
    copy[copy.length - 40] = copy[copy.length - 40]! ^ 1;
    await writeFile(tampered, copy);
    const bad = cli(['restore', tampered], {
      DATABASE_URL: target.url,
      DATA_DIR: targetDir,
      MASTER_KEY: t.platform.config.MASTER_KEY,
    });
    expect(bad.status).not.toBe(0);

    const restored = cli(['restore', file], {
      DATABASE_URL: target.url,
      DATA_DIR: targetDir,
      MASTER_KEY: t.platform.config.MASTER_KEY,
    });
    expect(restored.status, restored.stderr + restored.stdout).toBe(0);
    expect(restored.stdout).toMatch(/0 anomalie/);
    expect(restored.stdout).toMatch(/comptes identiques, journal intact, chaque fichier se déchiffre/);
    // Restoring twice is refused: the target is no longer empty.
    const again = cli(['restore', file], {
      DATABASE_URL: target.url,
      DATA_DIR: targetDir,
      MASTER_KEY: t.platform.config.MASTER_KEY,
    });
    expect(again.status).not.toBe(0);

    // The restored Carnet answers the same: a document's bytes, the medical summary.
    const r = await testAppOn(target.url, targetDir, t.platform.config.MASTER_KEY);
    try {
      for (const p of people) {
        const cookie = await sessionCookie(r.db, p.accountId);
        const doc = await r.app.inject({
          method: 'GET',
          url: `/api/profiles/${p.profileId}/documents/${p.ids.document}/file`,
          headers: { cookie },
        });
        expect(doc.statusCode).toBe(200);
        expect(doc.body).toContain('Ordonnance marque');
        const before = await t.app.inject({
          method: 'GET',
          url: `/api/profiles/${p.profileId}/medical`,
          headers: { cookie: p.cookie },
        });
        const after = await r.app.inject({
          method: 'GET',
          url: `/api/profiles/${p.profileId}/medical`,
          headers: { cookie },
        });
        expect(after.json()).toEqual(before.json());
      }
    } finally {
      await r.close();
    }
    const rows = /(\d+) tables, (\d+) lignes, (\d+) fichiers/.exec(saved.stdout)!;
    record('backup', {
      tables: Number(rows[1]),
      rows: Number(rows[2]),
      files: Number(rows[3]),
      archiveBytes: archive.length,
      restored: 'whole',
      journalProblems: 0,
    });
  }, 240_000);
});
