import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { proSessionCookie, sessionCookie } from '../../../test/sessions.js';
import { createPatient, createProfessional, sendForm } from '../../../test/messaging.js';
import { image, multipartBody, pdf } from '../../../test/documents.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

const csrf = { 'x-carnet-csrf': '1' };
const base = (profileId: string) => `/api/profiles/${profileId}/messaging`;

/** A patient a professional wrote to; the conversation's URLs. */
async function conversation() {
  const patient = await createPatient(t.db, { firstName: 'Inaya', lastName: 'Martin' });
  const cookie = await sessionCookie(t.db, patient.accountId);
  const pro = await createProfessional(t.db, { firstName: 'Jean', lastName: 'Dupond' });
  const proCookie = await proSessionCookie(t.db, pro.id);
  const form = sendForm({ nir: patient.nir, birthDate: patient.birthDate, subject: 'Votre diabète', body: 'Bonjour' });
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/pro/messaging/messages',
    headers: { ...form.headers, cookie: proCookie },
    payload: form.payload,
  });
  const id: string = sent.json().conversationId;
  const url = `${base(patient.profileId)}/conversations/${id}`;
  return { patient, cookie, proCookie, id, url };
}

async function addFile(url: string, cookie: string, name: string, bytes: Buffer) {
  const up = multipartBody(name, bytes);
  return t.app.inject({
    method: 'POST',
    url: `${url}/draft/files`,
    headers: { ...up.headers, cookie },
    payload: up.payload,
  });
}

async function uploadDocument(profileId: string, cookie: string) {
  const up = multipartBody('ordonnance.png', await image('png'), 'image/png');
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/profiles/${profileId}/documents`,
    headers: { ...up.headers, cookie },
    payload: up.payload,
  });
  return r.json().document as { id: string; title: string };
}

const counts = async () => ({
  blobs: (await t.platform.blobs.keys()).length,
  intents: (await t.db.selectFrom('message_upload').select('blob_key').execute()).length,
  draftFiles: (await t.db.selectFrom('message_draft_file').select('id').execute()).length,
});

describe('messaging: a reply draft keeps its chosen attachments (issue 11, item 4)', () => {
  it('restores the text, the chosen document, the synthesis and the device files; sending moves the files', async () => {
    const { patient, cookie, proCookie, url } = await conversation();
    const doc = await uploadDocument(patient.profileId, cookie);
    const saved = await t.app.inject({
      method: 'PUT',
      url: `${url}/draft`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re: Votre diabète', body: 'Voici', documentIds: [doc.id], synthesis: true },
    });
    expect(saved.statusCode).toBe(200);
    const file = await addFile(url, cookie, 'photo.jpg', await image('jpeg'));
    expect(file.statusCode).toBe(201);
    expect(file.json()).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });

    // The person leaves and comes back: everything chosen is there.
    const back = (await t.app.inject({ url, headers: { cookie } })).json();
    expect(back.draft).toMatchObject({
      subject: 'Re: Votre diabète',
      body: 'Voici',
      documents: [{ id: doc.id, title: doc.title }],
      synthesis: true,
      files: [{ id: file.json().id, fileName: 'photo.jpg' }],
    });

    const before = await counts();
    const form = sendForm({
      subject: 'Re: Votre diabète',
      body: 'Voici',
      documentIds: back.draft.documents.map((d: { id: string }) => d.id),
      synthesis: back.draft.synthesis,
      draftFileIds: back.draft.files.map((f: { id: string }) => f.id),
    });
    const sent = await t.app.inject({
      method: 'POST',
      url: `${url}/messages`,
      headers: { ...form.headers, cookie },
      payload: form.payload,
    });
    expect(sent.statusCode).toBe(201);
    const after = await counts();
    // The draft's file became the message's attachment (same blob), the document and synthesis were added.
    expect(after.draftFiles).toBe(before.draftFiles - 1);
    expect(after.blobs).toBe(before.blobs + 2);
    expect(after.intents).toBe(0);
    const pro = (
      await t.app.inject({ url: `/api/pro/messaging/conversations/${back.id}`, headers: { cookie: proCookie } })
    ).json();
    const reply = pro.messages[1];
    expect(reply.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      'photo.jpg',
      'ordonnance.jpg',
      'synthese-profil-medical.pdf',
    ]);
    const got = await t.app.inject({
      url: `/api/pro/messaging/attachments/${reply.attachments[0].id}`,
      headers: { cookie: proCookie },
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('image/jpeg');
    expect((await t.app.inject({ url, headers: { cookie } })).json().draft).toBeNull();
  });

  it('a file alone makes the draft; removing it and deleting the draft leave no blob behind', async () => {
    const { cookie, url } = await conversation();
    const before = await counts();
    const a = await addFile(url, cookie, 'a.pdf', await pdf('Compte rendu A'));
    const b = await addFile(url, cookie, 'b.pdf', await pdf('Compte rendu B'));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const list = (await t.app.inject({ url: base(url.split('/')[3]!) + '/conversations', headers: { cookie } })).json();
    expect(list.conversations[0].hasDraft).toBe(true);
    expect((await t.app.inject({ url, headers: { cookie } })).json().draft).toMatchObject({
      subject: '',
      body: '',
      files: [{ fileName: 'a.pdf' }, { fileName: 'b.pdf' }],
    });
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `${url}/draft/files/${a.json().id}`,
      headers: { cookie, ...csrf },
    });
    expect(gone.statusCode).toBe(204);
    expect((await counts()).blobs).toBe(before.blobs + 1);
    const del = await t.app.inject({ method: 'DELETE', url: `${url}/draft`, headers: { cookie, ...csrf } });
    expect(del.statusCode).toBe(204);
    expect(await counts()).toEqual(before);
  });

  it('refuses a hostile file and an eleventh file, with their codes, storing nothing', async () => {
    const { cookie, url } = await conversation();
    const before = await counts();
    const exe = await addFile(url, cookie, 'facture.exe', Buffer.from('MZ\x90\x00binary'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('MESSAGE_ATTACHMENT_FORMAT');
    expect(await counts()).toEqual(before);
    for (let i = 0; i < 10; i++)
      expect((await addFile(url, cookie, `f${i}.txt`, Buffer.from(`note ${i}`))).statusCode).toBe(201);
    const eleventh = await addFile(url, cookie, 'f10.txt', Buffer.from('note 10'));
    expect(eleventh.json().error.code).toBe('MESSAGE_TOO_MANY_FILES');
    const del = await t.app.inject({ method: 'DELETE', url: `${url}/draft`, headers: { cookie, ...csrf } });
    expect(del.statusCode).toBe(204);
    expect(await counts()).toEqual(before);
  });

  it('deleting the conversation takes the draft and its files with it', async () => {
    const { cookie, url } = await conversation();
    const before = await counts();
    expect((await addFile(url, cookie, 'a.pdf', await pdf('A'))).statusCode).toBe(201);
    const del = await t.app.inject({ method: 'DELETE', url, headers: { cookie, ...csrf } });
    expect(del.statusCode).toBe(204);
    expect(await counts()).toEqual(before);
  });
});
