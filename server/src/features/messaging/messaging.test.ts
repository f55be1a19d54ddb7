import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { createPerson, proSessionCookie, sessionCookie } from '../../../test/sessions.js';
import { createPatient, createProfessional, sendForm } from '../../../test/messaging.js';
import { handPdf, image, multipartBody, pdf } from '../../../test/documents.js';
import { makeNir } from '../../../test/identity.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

const csrf = { 'x-carnet-csrf': '1' };

async function setup() {
  const patient = await createPatient(t.db, { firstName: 'Inaya', lastName: 'Martin' });
  const cookie = await sessionCookie(t.db, patient.accountId);
  const pro = await createProfessional(t.db, { firstName: 'Jean', lastName: 'Dupond' });
  const proCookie = await proSessionCookie(t.db, pro.id);
  return { patient, cookie, pro, proCookie };
}

async function proWrites(
  proCookie: string,
  nir: string,
  birthDate: string,
  over: Record<string, unknown> = {},
  files: Parameters<typeof sendForm>[1] = [],
) {
  const form = sendForm(
    { nir, birthDate, subject: 'Votre diabète', body: 'Bonjour, voici vos résultats.', ...over },
    files,
  );
  return t.app.inject({
    method: 'POST',
    url: '/api/pro/messaging/messages',
    headers: { ...form.headers, cookie: proCookie },
    payload: form.payload,
  });
}

const base = (profileId: string) => `/api/profiles/${profileId}/messaging`;

describe('messaging: a professional writes, the patient reads (R9.1, R9.6)', () => {
  it('files the message, lists it with the address, unread dot and « Documents attachés », notifies without content', async () => {
    const { patient, cookie, pro, proCookie } = await setup();
    const sent = await proWrites(proCookie, patient.nir, patient.birthDate, {}, [
      { name: 'résultats.pdf', bytes: await pdf('Glycémie 1,02 g/L') },
    ]);
    expect(sent.statusCode).toBe(201);

    const list = await t.app.inject({ url: `${base(patient.profileId)}/conversations`, headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const l = list.json();
    expect(l.address).toBe(`${patient.nir.toLowerCase()}@patient.carnet.localhost`);
    expect(l.unread).toBe(1);
    expect(l.conversations).toHaveLength(1);
    expect(l.conversations[0]).toMatchObject({
      lastSender: 'Dr Jean Dupond',
      subject: 'Votre diabète',
      hasAttachments: true,
      unread: 1,
      hasDraft: false,
      endedAt: null,
    });

    const mail = await t.db.selectFrom('outbox_message').selectAll().where('recipient', '=', patient.email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain(
      'Un professionnel de santé vous a envoyé un nouveau message dans Mon espace santé.',
    );
    expect(mail[0]!.body).toContain('Pour le consulter, connectez-vous dès à présent.');
    expect(`${mail[0]!.subject} ${mail[0]!.body}`).not.toMatch(/diabète|résultats|Dupond|Glycémie/);

    const read = await t.app.inject({
      url: `${base(patient.profileId)}/conversations/${l.conversations[0].id}`,
      headers: { cookie },
    });
    expect(read.statusCode).toBe(200);
    const c = read.json();
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]).toMatchObject({
      direction: 'to_patient',
      from: 'Dr Jean Dupond',
      subject: 'Votre diabète',
      body: 'Bonjour, voici vos résultats.',
    });
    expect(c.messages[0].attachments[0]).toMatchObject({
      fileName: 'résultats.pdf',
      mimeType: 'application/pdf',
      viewable: true,
      compatible: true,
    });
    const after = await t.app.inject({ url: `${base(patient.profileId)}/unread`, headers: { cookie } });
    expect(after.json()).toEqual({ unread: 0 });

    const file = await t.app.inject({
      url: `${base(patient.profileId)}/attachments/${c.messages[0].attachments[0].id}`,
      headers: { cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');

    const lines = await t.db
      .selectFrom('journal')
      .select(['action', 'actor_kind'])
      .where('chain_id', '=', patient.profileId)
      .execute();
    const actions = lines.map((x) => `${x.actor_kind}:${x.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'professional:message.send',
        'patient:message.list',
        'patient:message.read',
        'patient:message.attachment.read',
      ]),
    );
    expect(pro.id).toBeTruthy();
  });

  it('keeps subject and body sealed at rest: no plaintext in the row, a copied body does not open elsewhere', async () => {
    const { patient, cookie, proCookie } = await setup();
    await proWrites(proCookie, patient.nir, patient.birthDate, {
      subject: 'Objet très secret',
      body: 'Corps très secret',
    });
    const rows = await t.db.selectFrom('message').selectAll().where('profile_id', '=', patient.profileId).execute();
    const raw = JSON.stringify(
      rows.map((r) => [r.subject_enc.toString('latin1'), r.body_enc.toString('latin1'), r.dek.toString('latin1')]),
    );
    expect(raw).not.toContain('secret');
    // Swapping a body onto another message of the same key space fails the binding (AES-GCM AAD = message id).
    await proWrites(proCookie, patient.nir, patient.birthDate, { subject: 'Deux', body: 'Autre' });
    const two = await t.db
      .selectFrom('message')
      .selectAll()
      .where('profile_id', '=', patient.profileId)
      .orderBy('sent_at')
      .execute();
    await t.db
      .updateTable('message')
      .set({ body_enc: two[0]!.body_enc, dek: two[0]!.dek })
      .where('id', '=', two[1]!.id)
      .execute();
    const conv = two[0]!.conversation_id;
    const read = await t.app.inject({ url: `${base(patient.profileId)}/conversations/${conv}`, headers: { cookie } });
    expect(read.statusCode).toBe(500);
  });
});

describe('messaging: the rules of writing', () => {
  it('counts the subject as people see it: 80 emoji pass, 81 letters are refused with a stable code', async () => {
    const { patient, proCookie } = await setup();
    const ok = await proWrites(proCookie, patient.nir, patient.birthDate, { subject: '👩‍⚕️'.repeat(80) });
    expect(ok.statusCode).toBe(201);
    const tooLong = await proWrites(proCookie, patient.nir, patient.birthDate, { subject: 'a'.repeat(81) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('MESSAGE_SUBJECT_TOO_LONG');
  });

  it('finds the patient by the exact INS: a wrong birth date or an unknown NIR is refused', async () => {
    const { patient, proCookie } = await setup();
    const wrong = await proWrites(proCookie, patient.nir, '1980-01-02');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('MESSAGING_UNKNOWN_PATIENT');
    const unknown = await proWrites(proCookie, makeNir('1', '1970-03-03'), '1970-03-03');
    expect(unknown.json().error.code).toBe('MESSAGING_UNKNOWN_PATIENT');
    const signedOut = await t.app.inject({
      method: 'POST',
      url: '/api/pro/messaging/messages',
      headers: csrf,
      payload: {},
    });
    expect(signedOut.statusCode).toBe(401);
  });

  it('refuses a professional the patient blocked (professional_access.status = blocked), and journals it', async () => {
    const { patient, pro, proCookie } = await setup();
    await t.db
      .insertInto('professional_access')
      .values({ profile_id: patient.profileId, professional_id: pro.id, status: 'blocked' })
      .execute();
    const r = await proWrites(proCookie, patient.nir, patient.birthDate);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('MESSAGING_PRO_BLOCKED');
    expect(
      await t.db.selectFrom('message').select('id').where('profile_id', '=', patient.profileId).execute(),
    ).toHaveLength(0);
    const refused = await t.db
      .selectFrom('journal')
      .select('action')
      .where('chain_id', '=', patient.profileId)
      .where('action', '=', 'message.refused')
      .execute();
    expect(refused).toHaveLength(1);
  });

  it('applies the content rules to attachments: active PDF and executables refused, Word kept as download only', async () => {
    const { patient, cookie, proCookie } = await setup();
    const js = await proWrites(proCookie, patient.nir, patient.birthDate, {}, [
      { name: 'a.pdf', bytes: handPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>') },
    ]);
    expect(js.statusCode).toBe(422);
    expect(js.json().error.code).toBe('DOCUMENT_PDF_ACTIVE');
    const exe = await proWrites(proCookie, patient.nir, patient.birthDate, {}, [
      { name: 'setup.pdf', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]) },
    ]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('MESSAGE_ATTACHMENT_FORMAT');
    // Refused files leave no blob behind: every blob belongs to a stored attachment or document.
    const referenced = (await t.db.selectFrom('message_attachment').select('blob_key').execute()).map(
      (r) => r.blob_key,
    );
    const docs = (await t.db.selectFrom('document').select('blob_key').execute()).map((r) => r.blob_key);
    expect((await t.platform.blobs.keys()).filter((k) => !referenced.includes(k) && !docs.includes(k))).toEqual([]);
    // A .doc (OLE compound file) is accepted, not compatible with Documents.
    const cfb = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    const doc = await proWrites(proCookie, patient.nir, patient.birthDate, {}, [{ name: 'courrier.doc', bytes: cfb }]);
    expect(doc.statusCode).toBe(201);
    const c = (
      await t.app.inject({
        url: `${base(patient.profileId)}/conversations/${doc.json().conversationId}`,
        headers: { cookie },
      })
    ).json();
    const att = c.messages[0].attachments[0];
    expect(att).toMatchObject({ fileName: 'courrier.doc', compatible: false, viewable: false });
    const save = await t.app.inject({
      method: 'POST',
      url: `${base(patient.profileId)}/attachments/${att.id}/document`,
      headers: { cookie, ...csrf },
      payload: {},
    });
    expect(save.statusCode).toBe(409);
    expect(save.json().error.code).toBe('MESSAGE_ATTACHMENT_INCOMPATIBLE');
    const dl = await t.app.inject({ url: `${base(patient.profileId)}/attachments/${att.id}`, headers: { cookie } });
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('limits a message to 10 MB of attachments with a clear French error; no blob or intent is left', async () => {
    const { patient, proCookie } = await setup();
    const before = (await t.platform.blobs.keys()).length;
    const big = Buffer.alloc(4 * 1024 * 1024, 'a');
    const r = await proWrites(
      proCookie,
      patient.nir,
      patient.birthDate,
      {},
      [1, 2, 3].map((i) => ({ name: `${i}.txt`, bytes: big })),
    );
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatchObject({ code: 'MESSAGE_TOO_LARGE', message: expect.stringContaining('10 Mo') });
    expect((await t.platform.blobs.keys()).length).toBe(before);
    expect(await t.db.selectFrom('message_upload').select('blob_key').execute()).toHaveLength(0);
  });
});

describe('messaging: the patient replies (R9.3–R9.5, R9.7, R9.8)', () => {
  it('drafts automatically, restores, deletes; replies with a device file, a document and the synthesis', async () => {
    const { patient, cookie, proCookie } = await setup();
    const { conversationId } = (await proWrites(proCookie, patient.nir, patient.birthDate)).json();
    const draft = await t.app.inject({
      method: 'PUT',
      url: `${base(patient.profileId)}/conversations/${conversationId}/draft`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re: Votre diabète', body: 'Merci doc' },
    });
    expect(draft.statusCode).toBe(200);
    const list = (await t.app.inject({ url: `${base(patient.profileId)}/conversations`, headers: { cookie } })).json();
    expect(list.conversations[0].hasDraft).toBe(true);
    const back = (
      await t.app.inject({ url: `${base(patient.profileId)}/conversations/${conversationId}`, headers: { cookie } })
    ).json();
    expect(back.draft).toMatchObject({ subject: 'Re: Votre diabète', body: 'Merci doc' });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `${base(patient.profileId)}/conversations/${conversationId}/draft`,
      headers: { cookie, ...csrf },
    });
    expect(del.statusCode).toBe(204);
    expect(
      (
        await t.app.inject({ url: `${base(patient.profileId)}/conversations/${conversationId}`, headers: { cookie } })
      ).json().draft,
    ).toBeNull();

    const up = multipartBody('ordonnance.png', await image('png'), 'image/png');
    const docId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/profiles/${patient.profileId}/documents`,
        headers: { ...up.headers, cookie },
        payload: up.payload,
      })
    ).json().document.id;
    const form = sendForm(
      { subject: 'Re: Votre diabète', body: 'Voici mes documents.', documentIds: [docId], synthesis: true },
      [{ name: 'photo.jpg', bytes: await image('jpeg') }],
    );
    const sent = await t.app.inject({
      method: 'POST',
      url: `${base(patient.profileId)}/conversations/${conversationId}/messages`,
      headers: { ...form.headers, cookie },
      payload: form.payload,
    });
    expect(sent.statusCode).toBe(201);

    const proView = (
      await t.app.inject({ url: `/api/pro/messaging/conversations/${conversationId}`, headers: { cookie: proCookie } })
    ).json();
    expect(proView.messages).toHaveLength(2);
    const reply = proView.messages[1];
    expect(reply).toMatchObject({
      direction: 'to_professional',
      from: 'Inaya MARTIN',
      body: 'Voici mes documents.',
      onBehalfNote: null,
    });
    expect(reply.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      'photo.jpg',
      'ordonnance.jpg',
      'synthese-profil-medical.pdf',
    ]);
    const pdfFile = await t.app.inject({
      url: `/api/pro/messaging/attachments/${reply.attachments[2].id}`,
      headers: { cookie: proCookie },
    });
    expect(pdfFile.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a compatible attachment is copied into Documents', async () => {
    const { patient, cookie, proCookie } = await setup();
    const { conversationId } = (
      await proWrites(proCookie, patient.nir, patient.birthDate, {}, [{ name: 'bilan.pdf', bytes: await pdf('Bilan') }])
    ).json();
    const c = (
      await t.app.inject({ url: `${base(patient.profileId)}/conversations/${conversationId}`, headers: { cookie } })
    ).json();
    const save = await t.app.inject({
      method: 'POST',
      url: `${base(patient.profileId)}/attachments/${c.messages[0].attachments[0].id}/document`,
      headers: { cookie, ...csrf },
      payload: {},
    });
    expect(save.statusCode).toBe(201);
    const docs = (
      await t.app.inject({ url: `/api/profiles/${patient.profileId}/documents`, headers: { cookie } })
    ).json().documents;
    expect(docs.map((d: { fileName: string }) => d.fileName)).toContain('bilan.pdf');
  });

  it('end of exchanges: shown, reply refused with a stable code, recipients empty, lifted when the professional writes again', async () => {
    const { patient, cookie, proCookie } = await setup();
    const { conversationId } = (await proWrites(proCookie, patient.nir, patient.birthDate)).json();
    expect(
      (await t.app.inject({ url: `${base(patient.profileId)}/recipients`, headers: { cookie } })).json().recipients,
    ).toHaveLength(1);
    const end = await t.app.inject({
      method: 'POST',
      url: `/api/pro/messaging/conversations/${conversationId}/end`,
      headers: { cookie: proCookie, ...csrf },
      payload: {},
    });
    expect(end.statusCode).toBe(204);
    const list = (await t.app.inject({ url: `${base(patient.profileId)}/conversations`, headers: { cookie } })).json();
    expect(list.conversations[0].endedAt).not.toBeNull();
    const reply = await t.app.inject({
      method: 'POST',
      url: `${base(patient.profileId)}/conversations/${conversationId}/messages`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re', body: 'Encore une question' },
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.code).toBe('MESSAGING_ENDED');
    expect(
      (await t.app.inject({ url: `${base(patient.profileId)}/recipients`, headers: { cookie } })).json().recipients,
    ).toEqual([]);
    await proWrites(proCookie, patient.nir, patient.birthDate, { subject: 'Reprise' });
    const again = await t.app.inject({
      method: 'POST',
      url: `${base(patient.profileId)}/conversations/${conversationId}/messages`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re', body: 'Merci' },
    });
    expect(again.statusCode).toBe(201);
  });

  it('after an end of exchanges a draft is still saved and restored; its sending is refused and the draft kept', async () => {
    const { patient, cookie, proCookie } = await setup();
    const { conversationId } = (await proWrites(proCookie, patient.nir, patient.birthDate)).json();
    const url = `${base(patient.profileId)}/conversations/${conversationId}`;
    await t.app.inject({
      method: 'POST',
      url: `/api/pro/messaging/conversations/${conversationId}/end`,
      headers: { cookie: proCookie, ...csrf },
      payload: {},
    });
    const draft = await t.app.inject({
      method: 'PUT',
      url: `${url}/draft`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re: Votre diabète', body: 'Pour quand vous reprendrez' },
    });
    expect(draft.statusCode).toBe(200);
    const sent = await t.app.inject({
      method: 'POST',
      url: `${url}/messages`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re: Votre diabète', body: 'Pour quand vous reprendrez' },
    });
    expect(sent.json().error.code).toBe('MESSAGING_ENDED');
    const back = (await t.app.inject({ url, headers: { cookie } })).json();
    expect(back.endedAt).not.toBeNull();
    expect(back.draft).toMatchObject({ subject: 'Re: Votre diabète', body: 'Pour quand vous reprendrez' });
    expect(back.messages).toHaveLength(1);
  });

  it('a blocked professional still reads their own past conversation in the portal, but cannot write in it', async () => {
    const { patient, cookie, pro, proCookie } = await setup();
    const { conversationId } = (
      await proWrites(proCookie, patient.nir, patient.birthDate, {}, [{ name: 'cr.pdf', bytes: await pdf('CR') }])
    ).json();
    const conv = (
      await t.app.inject({ url: `${base(patient.profileId)}/conversations/${conversationId}`, headers: { cookie } })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: `${base(patient.profileId)}/conversations/${conversationId}/messages`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re', body: 'Merci docteur' },
    });
    await t.db
      .insertInto('professional_access')
      .values({ profile_id: patient.profileId, professional_id: pro.id, status: 'blocked' })
      .execute();
    const view = await t.app.inject({
      url: `/api/pro/messaging/conversations/${conversationId}`,
      headers: { cookie: proCookie },
    });
    expect(view.statusCode).toBe(200);
    expect(view.json().messages.map((m: { body: string }) => m.body)).toEqual([
      'Bonjour, voici vos résultats.',
      'Merci docteur',
    ]);
    const file = await t.app.inject({
      url: `/api/pro/messaging/attachments/${conv.messages[0].attachments[0].id}`,
      headers: { cookie: proCookie },
    });
    expect(file.statusCode).toBe(200);
    const form = sendForm({ conversationId, subject: 'Suite', body: 'Et ensuite' });
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/pro/messaging/messages',
      headers: { ...form.headers, cookie: proCookie },
      payload: form.payload,
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('MESSAGING_PRO_BLOCKED');
    const end = await t.app.inject({
      method: 'POST',
      url: `/api/pro/messaging/conversations/${conversationId}/end`,
      headers: { cookie: proCookie, ...csrf },
      payload: {},
    });
    expect(end.statusCode).toBe(204);
  });

  it('deleting a conversation removes the patient’s copy only', async () => {
    const { patient, cookie, proCookie } = await setup();
    const { conversationId } = (await proWrites(proCookie, patient.nir, patient.birthDate)).json();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `${base(patient.profileId)}/conversations/${conversationId}`,
      headers: { cookie, ...csrf },
    });
    expect(del.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `${base(patient.profileId)}/conversations`, headers: { cookie } })).json()
        .conversations,
    ).toEqual([]);
    expect(
      (await t.app.inject({ url: `${base(patient.profileId)}/conversations/${conversationId}`, headers: { cookie } }))
        .statusCode,
    ).toBe(404);
    const proView = (
      await t.app.inject({ url: `/api/pro/messaging/conversations/${conversationId}`, headers: { cookie: proCookie } })
    ).json();
    expect(proView.messages).toHaveLength(1);
  });

  it('pages the list (20 a page) and orders by the latest message', async () => {
    const { patient, cookie } = await setup();
    for (let i = 0; i < 22; i++) {
      const p = await createProfessional(t.db, { lastName: `Page${String(i).padStart(2, '0')}` });
      await proWrites(await proSessionCookie(t.db, p.id), patient.nir, patient.birthDate, { subject: `Sujet ${i}` });
    }
    const one = (await t.app.inject({ url: `${base(patient.profileId)}/conversations`, headers: { cookie } })).json();
    expect(one).toMatchObject({ total: 22, pageCount: 2, page: 1 });
    expect(one.conversations[0].subject).toBe('Sujet 21');
    const two = (
      await t.app.inject({ url: `${base(patient.profileId)}/conversations?page=2`, headers: { cookie } })
    ).json();
    expect(two.conversations.map((c: { subject: string }) => c.subject)).toEqual(['Sujet 1', 'Sujet 0']);
  });
});

describe('messaging: others acting for the person', () => {
  it('a caregiver writes on behalf, and the message says so', async () => {
    const { patient, proCookie } = await setup();
    const helper = await createPerson(t.db, { firstName: 'Paul', lastName: 'Aidant' });
    await t.db
      .insertInto('caregiving')
      .values({
        profile_id: patient.profileId,
        last_name: 'AIDANT',
        first_name: 'Paul',
        birth_date: '1980-01-01',
        ends_on: '2099-01-01',
        status: 'accepted',
        caregiver_id: helper.profileId,
      })
      .execute();
    const { conversationId } = (await proWrites(proCookie, patient.nir, patient.birthDate)).json();
    const cookie = await sessionCookie(t.db, helper.accountId);
    const r = await t.app.inject({
      method: 'POST',
      url: `${base(patient.profileId)}/conversations/${conversationId}/messages`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re', body: 'Pour elle' },
    });
    expect(r.statusCode).toBe(201);
    const proView = (
      await t.app.inject({ url: `/api/pro/messaging/conversations/${conversationId}`, headers: { cookie: proCookie } })
    ).json();
    expect(proView.messages[1].onBehalfNote).toBe("Ce message a été rédigé par Paul AIDANT, l'aidant de Inaya MARTIN.");
  });

  it("a minor's confidential exchange is hidden from the representatives; the others they read", async () => {
    const parent = await createPatient(t.db, { firstName: 'Mère', lastName: 'Parent' });
    const child = await createPatient(t.db, { firstName: 'Léa', lastName: 'Parent', birthDate: '2015-06-01' });
    await t.db.updateTable('profile').set({ email: null }).where('id', '=', child.profileId).execute();
    await t.db
      .insertInto('representation')
      .values({ representative_id: parent.profileId, profile_id: child.profileId, status: 'validated' })
      .execute();
    const a = await createProfessional(t.db, { lastName: 'Pediatre' });
    const b = await createProfessional(t.db, { lastName: 'Planning' });
    await proWrites(await proSessionCookie(t.db, a.id), child.nir, child.birthDate, { subject: 'Vaccins' });
    const secret = (
      await proWrites(await proSessionCookie(t.db, b.id), child.nir, child.birthDate, {
        subject: 'Consultation',
        confidential: true,
      })
    ).json();
    const cookie = await sessionCookie(t.db, parent.accountId);
    const list = (await t.app.inject({ url: `${base(child.profileId)}/conversations`, headers: { cookie } })).json();
    expect(list.conversations.map((c: { subject: string }) => c.subject)).toEqual(['Vaccins']);
    expect(list.unread).toBe(1);
    expect(
      (
        await t.app.inject({
          url: `${base(child.profileId)}/conversations/${secret.conversationId}`,
          headers: { cookie },
        })
      ).statusCode,
    ).toBe(404);
    // Notified once, for the exchange that is not confidential (the child has no e-mail of their own).
    expect(
      await t.db.selectFrom('outbox_message').select('id').where('recipient', '=', parent.email).execute(),
    ).toHaveLength(1);
  });

  it('another professional cannot read or end a conversation that is not theirs', async () => {
    const { patient, proCookie } = await setup();
    const { conversationId } = (await proWrites(proCookie, patient.nir, patient.birthDate)).json();
    const other = await proSessionCookie(t.db, (await createProfessional(t.db)).id);
    expect(
      (await t.app.inject({ url: `/api/pro/messaging/conversations/${conversationId}`, headers: { cookie: other } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/pro/messaging/conversations/${conversationId}/end`,
          headers: { cookie: other, ...csrf },
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('messaging: the professional writes in one of their conversations', () => {
  it('by conversation id from the portal; another professional is told it does not exist', async () => {
    const { patient, cookie, proCookie } = await setup();
    const { conversationId } = (await proWrites(proCookie, patient.nir, patient.birthDate)).json();
    const form = sendForm({ conversationId, subject: 'Suite', body: 'Et ensuite' });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/pro/messaging/messages',
      headers: { ...form.headers, cookie: proCookie },
      payload: form.payload,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().conversationId).toBe(conversationId);
    expect(
      (
        await t.app.inject({ url: `${base(patient.profileId)}/conversations/${conversationId}`, headers: { cookie } })
      ).json().messages,
    ).toHaveLength(2);
    const other = await proSessionCookie(t.db, (await createProfessional(t.db)).id);
    const f2 = sendForm({ conversationId, subject: 'Intrus', body: 'x' });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/pro/messaging/messages',
      headers: { ...f2.headers, cookie: other },
      payload: f2.payload,
    });
    expect(refused.statusCode).toBe(404);
    const missing = sendForm({ subject: 'Sans patient', body: 'x' });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/pro/messaging/messages',
      headers: { ...missing.headers, cookie: proCookie },
      payload: missing.payload,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('notification settings (R11)', () => {
  it('reads defaults, saves, and honours « messages » off: no e-mail', async () => {
    const { patient, cookie, proCookie } = await setup();
    const url = `/api/profiles/${patient.profileId}/notification-settings`;
    expect((await t.app.inject({ url, headers: { cookie } })).json()).toEqual({
      messages: true,
      documents: true,
      accesses: 'first',
      agenda: true,
    });
    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie, ...csrf },
      payload: { messages: false, documents: true, accesses: 'every', agenda: false },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: { cookie } })).json()).toEqual({
      messages: false,
      documents: true,
      accesses: 'every',
      agenda: false,
    });
    await proWrites(proCookie, patient.nir, patient.birthDate);
    expect(
      await t.db.selectFrom('outbox_message').select('id').where('recipient', '=', patient.email).execute(),
    ).toHaveLength(0);
  });
});
