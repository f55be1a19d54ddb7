import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { adult, csv } from '../../../test/identity.js';

const TOKEN = 'operator-token-for-tests-0123456789abcdef';

describe('operator enrolment: API and command line', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({ OPERATOR_TOKEN: TOKEN });
  });
  afterAll(async () => t.close());

  it('refuses calls without the operator credential', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/operator/enrolments',
      headers: { 'content-type': 'text/csv', authorization: 'Bearer nope' },
      payload: csv([adult()]),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('OPERATOR_ONLY');
  });

  it('imports a file, reports its bad lines, and serves the batch letters', async () => {
    const rows = [adult({ email: '' }), adult({ nir: '123' })];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/operator/enrolments?batch=lot-api-1',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
      payload: csv(rows),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      batch: 'lot-api-1',
      read: 2,
      imported: 1,
      errors: [{ line: 3, reason: expect.stringMatching(/NIR/) }],
      letters: 1,
      emails: 0,
    });
    const letters = await t.app.inject({
      method: 'GET',
      url: '/api/operator/letters/lot-api-1',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(letters.statusCode).toBe(200);
    expect(letters.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the enrol command imports, reports line numbers, writes the letters PDF and exits 1 when lines were refused', () => {
    const file = path.join(t.platform.dataDir, 'people.csv');
    writeFileSync(file, csv([adult({ email: '' }), { ...adult(), birth_date: 'hier' }]));
    const run = spawnSync('npx', ['tsx', 'server/src/cli.ts', 'enrol', file, '--batch', 'lot-cli-1'], {
      env: {
        ...process.env,
        DATABASE_URL: t.platform.databaseUrl,
        DATA_DIR: t.platform.dataDir,
        MASTER_KEY: t.platform.config.MASTER_KEY,
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout).toMatch(/2 lignes lues, 1 personnes inscrites/);
    expect(run.stdout).toMatch(/ligne 3 : date de naissance invalide/);
    expect(run.stdout).toMatch(/courriers à imprimer : .*lot-cli-1\.pdf/);
    expect(run.status).toBe(1);
  });
});
