import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, sessionCookie } from '../../../test/sessions.js';
import { importDocuments } from './documents.import.js';
import { seedDemo } from '../../seed/demo.js';
import { handPdf, image, multipartBody, pdf, pdfWithCompressedScript, pixelBomb } from '../../../test/documents.js';

type T = Awaited<ReturnType<typeof testApp>>;
const csrf = { 'x-carnet-csrf': '1' };

describe('documents', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  async function person(birthDate?: string) {
    const p = await createPerson(t.db, { birthDate });
    return { ...p, cookie: await sessionCookie(t.db, p.accountId) };
  }
  const upload = (p: { profileId: string; cookie: string }, name: string, bytes: Buffer, space = 'health') => {
    const body = multipartBody(name, bytes);
    return t.app.inject({
      method: 'POST',
      url: `/api/profiles/${p.profileId}/documents?space=${space}`,
      headers: { ...body.headers, cookie: p.cookie },
      payload: body.payload,
    });
  };
  const list = (p: { cookie: string }, profileId: string, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/profiles/${profileId}/documents${query}`, headers: { cookie: p.cookie } });
  const file = (p: { cookie: string }, profileId: string, id: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/profiles/${profileId}/documents/${id}/file`,
      headers: { cookie: p.cookie },
    });
  const counts = async (profileId: string) => ({
    rows: (await t.db.selectFrom('document').select('id').where('profile_id', '=', profileId).execute()).length,
    intents: (await t.db.selectFrom('document_upload').select('blob_key').execute()).length,
  });

  describe('a corpus of real and hostile files, each with its outcome', () => {
    const cases: {
      name: string;
      make: () => Promise<Buffer> | Buffer;
      status: number;
      code?: string;
      mime?: string;
      fileName?: string;
    }[] = [
      { name: 'photo.jpg', make: () => image('jpeg'), status: 201, mime: 'image/jpeg', fileName: 'photo.jpg' },
      { name: 'scan.png', make: () => image('png'), status: 201, mime: 'image/jpeg', fileName: 'scan.jpg' },
      {
        name: 'ordonnance.pdf',
        make: () => pdf('Ordonnance : paracétamol'),
        status: 201,
        mime: 'application/pdf',
        fileName: 'ordonnance.pdf',
      },
      {
        name: 'notes.txt',
        make: () => Buffer.from('Tension 12/8, à revoir dans 3 mois.\n'),
        status: 201,
        mime: 'text/plain',
      },
      {
        name: 'lettre.rtf',
        make: () => Buffer.from('{\\rtf1\\ansi Lettre de liaison}'),
        status: 201,
        mime: 'application/rtf',
      },
      { name: 'radio.tif', make: () => image('tiff'), status: 201, mime: 'image/tiff', fileName: 'radio.tif' },
      { name: 'pas-un-pdf.pdf', make: () => image('png'), status: 201, mime: 'image/jpeg', fileName: 'pas-un-pdf.jpg' },
      { name: 'vide.txt', make: () => Buffer.alloc(0), status: 400, code: 'DOCUMENT_EMPTY' },
      {
        name: 'programme.pdf',
        make: () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), randomBytes(200)]),
        status: 415,
        code: 'DOCUMENT_FORMAT',
      },
      {
        name: 'archive.jpg',
        make: () => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(100)]),
        status: 415,
        code: 'DOCUMENT_FORMAT',
      },
      {
        name: 'binaire.txt',
        make: () => Buffer.from('texte\u0000avec un octet nul'),
        status: 415,
        code: 'DOCUMENT_FORMAT',
      },
      { name: 'bombe.png', make: pixelBomb, status: 422, code: 'DOCUMENT_TOO_MANY_PIXELS' },
      {
        name: 'tronquee.jpg',
        make: async () => (await image('jpeg')).subarray(0, 200),
        status: 422,
        code: 'DOCUMENT_DAMAGED',
      },
      {
        name: 'script.pdf',
        make: () => handPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
        status: 422,
        code: 'DOCUMENT_PDF_ACTIVE',
      },
      {
        name: 'masque.pdf',
        make: () => handPdf('/OpenAction << /S /J#61vaScript /JS (x) >>'),
        status: 422,
        code: 'DOCUMENT_PDF_ACTIVE',
      },
      {
        name: 'lancement.pdf',
        make: () => handPdf('/OpenAction << /S /Launch /F (cmd.exe) >>'),
        status: 422,
        code: 'DOCUMENT_PDF_ACTIVE',
      },
      {
        name: 'joint.pdf',
        make: () => handPdf('/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>'),
        status: 422,
        code: 'DOCUMENT_PDF_ACTIVE',
      },
      { name: 'compresse.pdf', make: pdfWithCompressedScript, status: 422, code: 'DOCUMENT_PDF_ACTIVE' },
      { name: 'max.txt', make: () => Buffer.alloc(5 * 1024 * 1024, 'a'), status: 201, mime: 'text/plain' },
      { name: 'trop.txt', make: () => Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), status: 413, code: 'DOCUMENT_TOO_LARGE' },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.status}${c.code ? ` ${c.code}` : ''}`, async () => {
        const p = await person();
        const bytes = await c.make();
        const res = await upload(p, c.name, bytes);
        expect(res.statusCode, res.body.slice(0, 300)).toBe(c.status);
        if (c.status === 201) {
          const doc = res.json().document;
          expect(doc.mimeType).toBe(c.mime);
          if (c.fileName) expect(doc.fileName).toBe(c.fileName);
          const back = await file(p, p.profileId, doc.id);
          expect(back.statusCode).toBe(200);
          expect(createHash('sha256').update(back.rawPayload).digest('hex')).toBe(doc.sha256);
          if (c.mime === 'image/jpeg') expect(back.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
          expect((await counts(p.profileId)).rows).toBe(1);
        } else {
          expect(res.json().error.code).toBe(c.code);
          expect(res.json().error.message).toMatch(/[a-zé]/);
          expect(await counts(p.profileId)).toEqual({ rows: 0, intents: 0 });
        }
      });
    }

    it('a PNG is converted: the answer says so, the stored JPEG keeps the size and drops metadata', async () => {
      const p = await person();
      const png = await (
        await import('sharp')
      )
        .default({ create: { width: 300, height: 200, channels: 3, background: '#3366cc' } })
        .withMetadata({ exif: { IFD0: { Artist: 'Marqueur-EXIF' } } })
        .png()
        .toBuffer();
      const res = await upload(p, 'carte.png', png);
      expect(res.json().document).toMatchObject({ converted: true, mimeType: 'image/jpeg', fileName: 'carte.jpg' });
      const back = (await file(p, p.profileId, res.json().document.id)).rawPayload;
      const meta = await (await import('sharp')).default(back).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 300, 200, undefined]);
      expect(back.includes('Marqueur-EXIF')).toBe(false);
    });

    it('a polyglot (a JPEG carrying HTML and a PDF after its end) is stored as the image alone', async () => {
      const p = await person();
      const poly = Buffer.concat([
        await image('jpeg'),
        Buffer.from('<html><script>alert("POLYGLOTTE")</script></html>%PDF-1.4 /JavaScript'),
      ]);
      const res = await upload(p, 'poly.html', poly);
      expect(res.statusCode).toBe(201);
      expect(res.json().document.mimeType).toBe('image/jpeg');
      const back = (await file(p, p.profileId, res.json().document.id)).rawPayload;
      expect(back.includes('POLYGLOTTE')).toBe(false);
    });

    it('a truncated multipart body is refused and leaves nothing', async () => {
      const p = await person();
      const body = multipartBody('coupe.txt', Buffer.from('début du fichier'));
      const cut = body.payload.subarray(0, body.payload.length - 20);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/profiles/${p.profileId}/documents`,
        headers: { ...body.headers, cookie: p.cookie },
        payload: cut,
      });
      expect(res.statusCode).toBe(400);
      expect(await counts(p.profileId)).toEqual({ rows: 0, intents: 0 });
    });

    it('a body announced larger than the limit is refused before it is read, and the connection closed', async () => {
      const p = await person();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/profiles/${p.profileId}/documents`,
        headers: {
          ...csrf,
          cookie: p.cookie,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(6 * 1024 * 1024),
        },
        payload: Buffer.alloc(10),
      });
      expect(res.statusCode).toBe(413);
      expect(res.headers.connection).toBe('close');
    });

    it('../ and NUL in names: the name is cleaned, never a path; the blob is stored under its own key', async () => {
      const p = await person();
      const before = new Set(await t.platform.blobs.keys());
      const res = await upload(p, '../../etc/pass\u0000wd.txt', Buffer.from('contenu'));
      expect(res.statusCode).toBe(201);
      expect(res.json().document.fileName).toBe('passwd.txt');
      const res2 = await upload(p, '..\\..\\windows\\sys.txt', Buffer.from('contenu'));
      expect(res2.json().document.fileName).toBe('sys.txt');
      const added = (await t.platform.blobs.keys()).filter((k) => !before.has(k));
      expect(added).toHaveLength(2);
      for (const k of added) expect(k).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('a request without a file is answered with a clear message', async () => {
      const p = await person();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/profiles/${p.profileId}/documents`,
        headers: { ...csrf, cookie: p.cookie, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('DOCUMENT_NO_FILE');
    });
  });

  it('file answers: inline for PDF and images, attachment otherwise, with RFC 5987 names, nosniff and a strict CSP', async () => {
    const p = await person();
    const pdfDoc = (await upload(p, 'Compte rendu été (1).pdf', await pdf('CR'))).json().document;
    const txt = (await upload(p, 'notes.txt', Buffer.from('<script>alert(1)</script>'))).json().document;
    const a = await file(p, p.profileId, pdfDoc.id);
    expect(a.headers['content-type']).toBe('application/pdf');
    expect(a.headers['content-disposition']).toBe(
      `inline; filename="Compte rendu ete (1).pdf"; filename*=UTF-8''Compte%20rendu%20%C3%A9t%C3%A9%20%281%29.pdf`,
    );
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const b = await file(p, p.profileId, txt.id);
    expect(b.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(b.headers['content-disposition']).toMatch(/^attachment; /);
    const c = await t.app.inject({
      method: 'GET',
      url: `/api/profiles/${p.profileId}/documents/${pdfDoc.id}/file?download=1`,
      headers: { cookie: p.cookie },
    });
    expect(c.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('edit, search, filter, sort, administrative papers and the hide-by-default switch', async () => {
    const p = await person();
    const a = (await upload(p, 'a.txt', Buffer.from('a'))).json().document;
    const b = (await upload(p, 'b.txt', Buffer.from('b'))).json().document;
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/profiles/${p.profileId}/documents/${a.id}`,
      headers: { ...csrf, cookie: p.cookie },
      payload: { title: 'Bilan sanguin', category: 'BIOLOGIE', documentDate: '2025-03-01' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().document).toMatchObject({
      title: 'Bilan sanguin',
      category: 'BIOLOGIE',
      categoryLabel: 'Résultats de biologie',
      documentDate: '2025-03-01',
    });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/profiles/${p.profileId}/documents/${a.id}`,
      headers: { ...csrf, cookie: p.cookie },
      payload: { title: ' ', category: 'NOPE' },
    });
    expect(bad.statusCode).toBe(400);
    const adm = await t.app.inject({
      method: 'PATCH',
      url: `/api/profiles/${p.profileId}/documents/${a.id}`,
      headers: { ...csrf, cookie: p.cookie },
      payload: { category: 'DOC_ADM' },
    });
    expect(adm.statusCode).toBe(400);
    expect(
      (await list(p, p.profileId, '?category=BIOLOGIE')).json().documents.map((d: { id: string }) => d.id),
    ).toEqual([a.id]);
    expect((await list(p, p.profileId, '?q=sanguin')).json().documents.map((d: { id: string }) => d.id)).toEqual([
      a.id,
    ]);
    expect((await list(p, p.profileId, '?q=%25')).json().documents).toEqual([]);
    expect((await list(p, p.profileId, '?sort=date_asc')).json().documents.map((d: { id: string }) => d.id)).toEqual([
      a.id,
      b.id,
    ]);
    expect((await list(p, p.profileId)).json().documents.map((d: { id: string }) => d.id)).toEqual([b.id, a.id]);

    const id = (await upload(p, 'carte-identite.jpg', await image('jpeg'), 'admin')).json().document;
    expect(id).toMatchObject({ space: 'admin', category: 'DOC_ADM' });
    expect((await list(p, p.profileId)).json().documents).toHaveLength(2);
    expect((await list(p, p.profileId, '?space=admin')).json().documents.map((d: { id: string }) => d.id)).toEqual([
      id.id,
    ]);

    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/profiles/${p.profileId}/document-settings`,
      headers: { ...csrf, cookie: p.cookie },
      payload: { hideNewFromProfessionals: true },
    });
    expect(set.json()).toEqual({ hideNewFromProfessionals: true });
    expect((await upload(p, 'c.txt', Buffer.from('c'))).json().document.hiddenFromProfessionals).toBe(true);
    expect((await list(p, p.profileId)).json().settings).toEqual({ hideNewFromProfessionals: true });
    const actions = await t.db.selectFrom('journal').select('action').where('chain_id', '=', p.profileId).execute();
    expect(new Set(actions.map((x) => x.action))).toEqual(
      new Set(['document.create', 'document.update', 'document.list', 'document.settings']),
    );
  });

  it('delete erases the row and the blob', async () => {
    const p = await person();
    const d = (await upload(p, 'a.txt', Buffer.from('a'))).json().document;
    const key = (await t.db.selectFrom('document').select('blob_key').where('id', '=', d.id).executeTakeFirstOrThrow())
      .blob_key;
    expect(await t.platform.blobs.exists(key)).toBe(true);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/profiles/${p.profileId}/documents/${d.id}`,
      headers: { ...csrf, cookie: p.cookie },
    });
    expect(del.statusCode).toBe(204);
    expect(await t.platform.blobs.exists(key)).toBe(false);
    expect((await file(p, p.profileId, d.id)).statusCode).toBe(404);
  });

  it('nobody else gets a byte: another person, and a legal representative for a document hidden from representatives', async () => {
    const minor = await person('2012-05-05');
    const parent = await person();
    const stranger = await person();
    await t.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: minor.profileId, status: 'validated' })
      .execute();
    const secret = Buffer.from(`consultation confidentielle ${randomBytes(8).toString('hex')}`);
    const hidden = (await upload(minor, 'confidentiel.txt', secret)).json().document;
    const shown = (await upload(minor, 'vaccins.txt', Buffer.from('vaccins'))).json().document;
    const hide = await t.app.inject({
      method: 'PATCH',
      url: `/api/profiles/${minor.profileId}/documents/${hidden.id}`,
      headers: { ...csrf, cookie: minor.cookie },
      payload: { hiddenFromRepresentatives: true },
    });
    expect(hide.json().document.hiddenFromRepresentatives).toBe(true);
    expect((await list(minor, minor.profileId)).json().canHideFromRepresentatives).toBe(true);

    // The parent sees the other document, never the hidden one, nor the flag itself.
    const seen = (await list(parent, minor.profileId)).json();
    expect(seen.documents.map((d: { id: string }) => d.id)).toEqual([shown.id]);
    expect(seen.documents[0]).not.toHaveProperty('hiddenFromRepresentatives');
    expect(seen.canHideFromRepresentatives).toBe(false);
    expect((await list(parent, minor.profileId, '?q=confidentiel')).json().documents).toEqual([]);
    const attempts = [
      await file(parent, minor.profileId, hidden.id),
      await t.app.inject({
        method: 'PATCH',
        url: `/api/profiles/${minor.profileId}/documents/${hidden.id}`,
        headers: { ...csrf, cookie: parent.cookie },
        payload: { title: 'x' },
      }),
      await t.app.inject({
        method: 'DELETE',
        url: `/api/profiles/${minor.profileId}/documents/${hidden.id}`,
        headers: { ...csrf, cookie: parent.cookie },
      }),
    ];
    for (const r of attempts) {
      expect(r.statusCode).toBe(404);
      expect(r.rawPayload.includes(secret)).toBe(false);
    }
    // A representative cannot hide from representatives either.
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/profiles/${minor.profileId}/documents/${shown.id}`,
          headers: { ...csrf, cookie: parent.cookie },
          payload: { hiddenFromRepresentatives: true },
        })
      ).statusCode,
    ).toBe(403);
    expect((await file(parent, minor.profileId, shown.id)).statusCode).toBe(200);
    // A minor's space holds no advance directives, whoever files them (R4.5).
    const directives = await t.app.inject({
      method: 'PATCH',
      url: `/api/profiles/${minor.profileId}/documents/${shown.id}`,
      headers: { ...csrf, cookie: parent.cookie },
      payload: { category: 'DIR_ANT' },
    });
    expect(directives.json().error.code).toBe('DIRECTIVES_ADULTS_ONLY');
    const adultDirectives = await t.app.inject({
      method: 'PATCH',
      url: `/api/profiles/${parent.profileId}/documents/${(await upload(parent, 'directives.txt', Buffer.from('mes volontés'))).json().document.id}`,
      headers: { ...csrf, cookie: parent.cookie },
      payload: { category: 'DIR_ANT' },
    });
    expect(adultDirectives.json().document.category).toBe('DIR_ANT');

    // A stranger gets 404 everywhere, even for the document the parent may see.
    for (const r of [
      await list(stranger, minor.profileId),
      await file(stranger, minor.profileId, shown.id),
      await file(stranger, stranger.profileId, shown.id),
      await upload({ profileId: minor.profileId, cookie: stranger.cookie }, 'x.txt', Buffer.from('x')),
      await t.app.inject({
        method: 'DELETE',
        url: `/api/profiles/${minor.profileId}/documents/${shown.id}`,
        headers: { ...csrf, cookie: stranger.cookie },
      }),
    ]) {
      expect(r.statusCode).toBe(404);
      expect(r.rawPayload.includes(secret)).toBe(false);
    }
    expect((await counts(minor.profileId)).rows).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: `/api/profiles/${minor.profileId}/documents` })).statusCode).toBe(
      401,
    );
  });

  it('a caregiver edits a document but does not manage access (R5): hiding from professionals is refused, journaled', async () => {
    const helped = await person();
    const caregiver = await person();
    await t.db
      .insertInto('caregiving')
      .values({
        profile_id: helped.profileId,
        caregiver_id: caregiver.profileId,
        last_name: 'Aidant',
        first_name: 'Camille',
        birth_date: '1970-01-01',
        status: 'accepted',
        ends_on: '2099-01-01',
      })
      .execute();
    const doc = (await upload(helped, 'ordonnance.txt', Buffer.from('ordonnance'))).json().document;
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/profiles/${helped.profileId}/documents/${doc.id}`,
        headers: { ...csrf, cookie: caregiver.cookie },
        payload,
      });
    expect((await patch({ title: 'Ordonnance du Dr Martin' })).statusCode).toBe(200);
    const hide = await patch({ title: 'x', hiddenFromProfessionals: true });
    expect(hide.statusCode).toBe(403);
    const settings = await t.app.inject({
      method: 'PUT',
      url: `/api/profiles/${helped.profileId}/document-settings`,
      headers: { ...csrf, cookie: caregiver.cookie },
      payload: { hideNewFromProfessionals: true },
    });
    expect(settings.statusCode).toBe(403);
    const after = (await list(helped, helped.profileId)).json();
    expect(after.documents[0]).toMatchObject({ title: 'Ordonnance du Dr Martin', hiddenFromProfessionals: false });
    expect(after.settings.hideNewFromProfessionals).toBe(false);
    expect(after.canHideFromProfessionals).toBe(true);
    expect((await list(caregiver, helped.profileId)).json().canHideFromProfessionals).toBe(false);
    const refusals = await t.db
      .selectFrom('journal')
      .select(['actor_kind', 'detail'])
      .where('chain_id', '=', helped.profileId)
      .where('action', '=', 'access.refused')
      .execute();
    expect(refusals.map((r) => [r.actor_kind, r.detail.capability, r.detail.status])).toEqual([
      ['caregiver', 'access:manage', 403],
      ['caregiver', 'access:manage', 403],
    ]);
  });

  it('operator import from a previous record: same rules, author « import », type code to category, idempotent', async () => {
    const p = await person();
    const nir = `2800175${randomBytes(4).readUInt32BE() % 100000000}`.padEnd(15, '0').slice(0, 15);
    await t.db.updateTable('profile').set({ nir }).where('id', '=', p.profileId).execute();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'carnet-import-'));
    await writeFile(path.join(dir, 'cr.pdf'), await pdf('Compte rendu opératoire'));
    await writeFile(path.join(dir, 'faux.txt'), Buffer.from([0, 1, 2, 3]));
    const manifest = path.join(dir, 'manifeste.csv');
    await writeFile(
      manifest,
      `nir;file;title;category;document_date;type_code;import_ref\n${nir};cr.pdf;CR opératoire;;2024-02-03;34874-8;dmp-1\n${nir};faux.txt;Faux;;;;dmp-2\n${nir};../../etc/passwd;Evasion;;;;dmp-3\n`,
    );
    const first = await importDocuments(t.platform, manifest);
    expect([first.imported, first.alreadyThere, first.refused.map((r) => r.line)]).toEqual([1, 0, [3, 4]]);
    const again = await importDocuments(t.platform, manifest);
    expect([again.imported, again.alreadyThere]).toEqual([0, 1]);
    const docs = (await list(p, p.profileId)).json().documents;
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      title: 'CR opératoire',
      category: 'CPT_REND',
      typeCode: '34874-8',
      author: { kind: 'import' },
      documentDate: '2024-02-03',
    });
  });

  it("the demo seed's documents: a professional's with its author and type code, an imported one", async () => {
    await seedDemo(t.platform);
    const marie = await t.db
      .selectFrom('account')
      .select(['id', 'profile_id'])
      .where('username', '=', 'marie.dupont')
      .executeTakeFirstOrThrow();
    const docs = (await list({ cookie: await sessionCookie(t.db, marie.id) }, marie.profile_id)).json().documents;
    expect(
      docs
        .map((d: { title: string; fileName: string; author: unknown; typeCode: string }) => [
          d.title,
          d.fileName,
          d.author,
          d.typeCode,
        ])
        .sort(),
    ).toEqual([
      ['Bilan sanguin', 'bilan-sanguin.pdf', { kind: 'import', name: null }, '11502-2'],
      ['Ordonnance du Dr Martin', 'ordonnance.pdf', { kind: 'professional', name: 'Paul Martin' }, '57833-6'],
    ]);
  });

  it('a planted marker is nowhere in plaintext: not in the blob folder, not in the database', async () => {
    const p = await person();
    const marker = `MARQUEUR-${randomBytes(12).toString('hex')}`;
    expect((await upload(p, 'texte.txt', Buffer.from(`début ${marker} fin`))).statusCode).toBe(201);
    expect((await upload(p, 'doc.pdf', await pdf(marker))).statusCode).toBe(201);
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(path.join(dir, e.name));
        else files.push(path.join(dir, e.name));
      }
    };
    await walk(t.platform.config.BLOB_DIR);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect((await readFile(f)).includes(marker), f).toBe(false);
    const tables = await sql<{
      tablename: string;
    }>`select tablename from pg_tables where schemaname = 'public'`.execute(t.db);
    for (const { tablename } of tables.rows) {
      const hit = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(tablename)} t where t::text like ${'%' + marker + '%'}`.execute(
        t.db,
      );
      expect(hit.rows[0]?.n, tablename).toBe(0);
    }
  });
});
