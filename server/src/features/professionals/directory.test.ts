import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { importDirectory } from './directory.import.js';
import { demoDirectoryFile } from '../../seed/demo.js';

const TOKEN = 'operator-token-for-tests-0123456789abcdef';

describe('professionals directory import', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp({ OPERATOR_TOKEN: TOKEN });
  });
  afterAll(async () => t.close());

  it('imports the example file, then again changes nothing (idempotent on RPPS)', async () => {
    const first = await importDirectory(t.db, createReadStream(demoDirectoryFile));
    expect(first).toMatchObject({ read: 5, created: 5, updated: 0, unchanged: 0, errors: [] });
    const again = await importDirectory(t.db, createReadStream(demoDirectoryFile));
    expect(again).toMatchObject({ read: 5, created: 0, updated: 0, unchanged: 5 });
    const samu = await t.db
      .selectFrom('professional')
      .selectAll()
      .where('rpps', '=', '10505050505')
      .executeTakeFirstOrThrow();
    expect(samu).toMatchObject({
      regulator: true,
      structure_id: '750000001',
      structure_id_kind: 'FINESS',
      profession_code: '10',
    });
    const pharmacy = await t.db
      .selectFrom('professional')
      .selectAll()
      .where('rpps', '=', '10202020202')
      .executeTakeFirstOrThrow();
    expect(pharmacy).toMatchObject({
      structure_id_kind: 'SIRET',
      profession_code: '21',
      mssante_address: 'sophie.bernard@pro.mssante.example',
    });
  });

  it('reports bad lines with their number and reason, imports the good ones, updates a changed one', async () => {
    const csv = [
      'rpps;last_name;first_name;profession_code;specialty;structure_name;structure_id;mssante_address;regulator',
      '4000000000;Court;Rpps;10;;;;;',
      '40000000001;Bon;Ligne;60;;;;;',
      '40000000002;Code;Inconnu;99;;;;;',
      '40000000003;Structure;Fausse;10;;X;1234;;',
      '40000000004;Adresse;Fausse;10;;;;pas-une-adresse;',
      '40000000005;Regul;Ateur;10;;;;;peut-être',
      '10101010101;Martin;Paul;10;Médecine générale et du sport;Cabinet du Dr Martin;12345678900017;paul.martin@pro.mssante.example;false',
    ].join('\n');
    const r = await importDirectory(t.db, Readable.from([csv]));
    expect(r.read).toBe(7);
    expect(r.created).toBe(1);
    expect(r.updated).toBe(1);
    expect(r.errors.map((e) => e.line)).toEqual([2, 4, 5, 6, 7]);
    expect(r.errors[0]!.reason).toContain('RPPS invalide');
    expect(r.errors[1]!.reason).toContain('TRE_G15');
    expect(r.errors[2]!.reason).toContain('FINESS');
  });

  it('POST /api/operator/professionals takes text/csv with the operator credential only', async () => {
    const csv = 'rpps,last_name,first_name,profession_code\n50000000001,Api,Import,80\n';
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/operator/professionals',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(anon.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/operator/professionals',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
      payload: csv,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ read: 1, created: 1, errors: [] });
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/operator/professionals',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      payload: {},
    });
    expect(json.statusCode).toBe(415);
  });
});
