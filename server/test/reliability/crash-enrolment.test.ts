import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nirKey } from '../../../shared/src/nir.js';
import { freshDatabase } from '../harness.js';
import { csv, adult } from '../identity.js';
import { runKillable } from '../server-process.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { record } from './figures.js';

const ROUNDS = Number(process.env.CARNET_CRASH_ENROL_ROUNDS ?? 2);
const PEOPLE = Number(process.env.CARNET_CRASH_ENROL_PEOPLE ?? 1000);

/** `count` adults with distinct valid NIRs (a commune per person), each with an e-mail. */
function people(count: number, round: number) {
  return Array.from({ length: count }, (_, i) => {
    const year = 50 + (round % 40);
    const body = `2${year}0${1 + (i % 9)}75${String(i % 1000).padStart(3, '0')}${String(Math.floor(i / 1000)).padStart(3, '0')}`;
    const nir = body + String(nirKey(body)).padStart(2, '0');
    return adult({ nir, birth_date: `19${year}-0${1 + (i % 9)}-15`, email: `p${round}-${i}@example.org` });
  });
}

/**
 * kill -9 of `npm run carnet -- enrol` at a random point (while lines are imported, or while codes are
 * issued), then the same command again, as an operator would: every person of the file is enrolled once,
 * has exactly one live provisional code and exactly one e-mail carrying it. Odd rounds run without
 * --batch, so the second run has another batch name than the first.
 */
describe(`kill -9 during an enrolment import, ${ROUNDS} rounds of ${PEOPLE} people`, () => {
  let db: Db;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let dataDir: string;
  const masterKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    database = await freshDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'carnet-enrol-crash-'));
    db = createDb(database.url, 2).db;
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'running it again completes with no duplicate and no missing code',
    async () => {
      const env = {
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        MASTER_KEY: masterKey,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      };
      const kills: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const rows = people(PEOPLE, round);
        const file = path.join(dataDir, `round-${round}.csv`);
        await writeFile(file, csv(rows));
        const args = ['server/src/cli.ts', 'enrol', file, ...(round % 2 ? [] : ['--batch', `lot-crash-${round}`])];
        const nirs = rows.map((r) => r.nir);
        // Progress = people imported + codes issued: kill somewhere in [1, 2 × PEOPLE).
        const target = 1 + Math.floor(Math.random() * (2 * PEOPLE - 1));
        const progress = async () => {
          const r = await sql<{ n: number }>`select (select count(*) from profile where nir = any(${nirs}))::int
            + (select count(*) from profile where nir = any(${nirs}) and code_sent_at is not null)::int as n`.execute(
            db,
          );
          return r.rows[0]!.n;
        };
        const first = await runKillable(args, env, async () => (await progress()) >= target);
        kills.push(
          first.signal === 'SIGKILL' ? `killed at ${await progress()}/${2 * PEOPLE}` : 'finished before the kill',
        );
        const second = await runKillable(args, env, async () => false);
        expect(second.code, second.output).toBe(0);

        const enrolled = await db
          .selectFrom('profile')
          .select(['id', 'nir', 'code_sent_at', 'email'])
          .where('nir', 'in', nirs)
          .execute();
        expect(enrolled).toHaveLength(PEOPLE);
        expect(enrolled.filter((p) => !p.code_sent_at)).toEqual([]);
        const ids = enrolled.map((p) => p.id);
        const codes = await sql<{
          profile_id: string;
          n: number;
        }>`select profile_id, count(*)::int as n from provisional_code
          where profile_id = any(${ids}) and revoked_at is null group by profile_id`.execute(db);
        expect(codes.rows.length, 'people without a live code').toBe(PEOPLE);
        expect(
          codes.rows.filter((c) => c.n !== 1),
          'people with two live codes',
        ).toEqual([]);
        const mails = await sql<{
          recipient: string;
          n: number;
        }>`select recipient, count(*)::int as n from outbox_message
          where kind = 'provisional-code' and recipient = any(${rows.map((r) => r.email)}) group by recipient`.execute(
          db,
        );
        expect(mails.rows.length, 'people without their e-mail').toBe(PEOPLE);
        expect(
          mails.rows.filter((m) => m.n !== 1),
          'people with two e-mails',
        ).toEqual([]);
      }
      record('crash.enrolment', { rounds: ROUNDS, people: PEOPLE, kills, duplicates: 0, missingCodes: 0 });
    },
    60_000 + ROUNDS * 120_000,
  );
});
