import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness.js';
import { proSessionCookie, sessionCookie } from '../../../test/sessions.js';
import { createPatient, createProfessional, sendForm } from '../../../test/messaging.js';
import { handPdf, pdf } from '../../../test/documents.js';
import { startSmtpServer, waitFor } from '../../../test/receivers.js';
import { startOutboxWorker } from '../../platform/outbox.js';
import { transportsFrom } from '../../platform/notify.js';
import { intakeCertificate, startSmtpIntake } from './messaging.smtp.js';
import { startRelayWorker } from './messaging.relay.js';

let t: Awaited<ReturnType<typeof testApp>>;
let intake: Awaited<ReturnType<typeof startSmtpIntake>>;
let tls: { cert: string; key: string };
let receiver: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  receiver = await startSmtpServer();
  // The same real receiver gets the patients' replies (relay) and the e-mail notices (outbox).
  t = await testApp({ MESSAGING_RELAY_URL: receiver.url, SMTP_URL: receiver.url });
  tls = await intakeCertificate(t.platform.config);
  // Port 0: the system picks a free one.
  intake = await startSmtpIntake(t.platform, { port: 0, ...tls });
});
afterAll(async () => {
  await intake?.close();
  await t?.close();
  await receiver?.close();
});

const csrf = { 'x-carnet-csrf': '1' };

async function credentials(proId: string) {
  const cookie = await proSessionCookie(t.db, proId);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/pro/messaging/smtp-credential',
    headers: { cookie, ...csrf },
    payload: {},
  });
  expect(r.statusCode).toBe(201);
  return r.json() as { username: string; password: string };
}

function client(auth: { user: string; pass: string }) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: intake.port,
    secure: false,
    requireTLS: true,
    tls: { ca: tls.cert, servername: 'localhost' },
    auth,
  });
}

async function setup() {
  const patient = await createPatient(t.db, { firstName: 'Julie', lastName: 'Martin' });
  const pro = await createProfessional(t.db, { firstName: 'Anne', lastName: 'Thomas' });
  const c = await credentials(pro.id);
  const to = `${patient.nir.toLowerCase()}@${t.platform.config.MESSAGING_DOMAIN}`;
  return { patient, pro, to, mailer: client({ user: c.username, pass: c.password }) };
}

describe('SMTP intake (MSSanté-like), with nodemailer as a real client', () => {
  it('files an authenticated mail with its attachment in the patient inbox and sends the notice', async () => {
    const { patient, pro, to, mailer } = await setup();
    const info = await mailer.sendMail({
      from: pro.mssante_address!,
      to,
      subject: 'Compte rendu',
      text: 'Bonjour, ci-joint le compte rendu.',
      attachments: [{ filename: 'cr.pdf', content: await pdf('Compte rendu') }],
    });
    expect(info.accepted).toEqual([to]);
    const cookie = await sessionCookie(t.db, patient.accountId);
    const list = (
      await t.app.inject({ url: `/api/profiles/${patient.profileId}/messaging/conversations`, headers: { cookie } })
    ).json();
    expect(list.conversations[0]).toMatchObject({
      subject: 'Compte rendu',
      lastSender: 'Dr Anne Thomas',
      hasAttachments: true,
      unread: 1,
    });
    const c = (
      await t.app.inject({
        url: `/api/profiles/${patient.profileId}/messaging/conversations/${list.conversations[0].id}`,
        headers: { cookie },
      })
    ).json();
    expect(c.messages[0].body).toBe('Bonjour, ci-joint le compte rendu.');
    expect(c.messages[0].attachments[0]).toMatchObject({ fileName: 'cr.pdf', compatible: true });
    expect(
      await t.db.selectFrom('outbox_message').select('kind').where('recipient', '=', patient.email).execute(),
    ).toEqual([{ kind: 'new-message' }]);
  });

  it('refuses a wrong password and an unknown user (535), and AUTH before STARTTLS', async () => {
    const { pro, to } = await setup();
    await expect(
      client({ user: pro.rpps, pass: 'pas-le-bon' }).sendMail({
        from: pro.mssante_address!,
        to,
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 535 });
    await expect(
      client({ user: '99999999999', pass: 'x' }).sendMail({ from: 'a@b.fr', to, subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 535 });
    const plain = nodemailer.createTransport({
      host: '127.0.0.1',
      port: intake.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: pro.rpps, pass: 'x' },
    });
    await expect(plain.sendMail({ from: pro.mssante_address!, to, subject: 'x', text: 'x' })).rejects.toMatchObject({
      responseCode: 538,
    });
  });

  it('refuses an unknown recipient and a foreign sender address', async () => {
    const { pro, mailer, to } = await setup();
    await expect(
      mailer.sendMail({
        from: pro.mssante_address!,
        to: `123456789012345@${t.platform.config.MESSAGING_DOMAIN}`,
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      mailer.sendMail({ from: pro.mssante_address!, to: 'quelquun@ailleurs.fr', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(mailer.sendMail({ from: 'usurpateur@mssante.fr', to, subject: 'x', text: 'x' })).rejects.toMatchObject(
      { responseCode: 553 },
    );
  });

  it('refuses an oversize mail (552) and a hostile attachment (554), filing nothing', async () => {
    const { patient, pro, mailer, to } = await setup();
    const big = Buffer.alloc(11 * 1024 * 1024, 'a');
    await expect(
      mailer.sendMail({
        from: pro.mssante_address!,
        to,
        subject: 'Gros',
        text: 'x',
        attachments: [
          { filename: 'a.txt', content: big.subarray(0, 5 * 1024 * 1024) },
          { filename: 'b.txt', content: big.subarray(0, 5 * 1024 * 1024) },
          { filename: 'c.txt', content: big.subarray(0, 1024 * 1024) },
        ],
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const hostile = handPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>');
    const err = await mailer
      .sendMail({
        from: pro.mssante_address!,
        to,
        subject: 'PJ',
        text: 'x',
        attachments: [{ filename: 'ordonnance.pdf', content: hostile }],
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ responseCode: 554 });
    expect(String((err as Error).message)).toContain('DOCUMENT_PDF_ACTIVE');
    expect(await t.db.selectFrom('message').select('id').where('profile_id', '=', patient.profileId).execute()).toEqual(
      [],
    );
  });

  it('refuses a professional the patient blocked at RCPT TO (550 5.7.1, permanent), journaled, nothing filed', async () => {
    const { patient, pro, mailer, to } = await setup();
    await t.db
      .insertInto('professional_access')
      .values({ profile_id: patient.profileId, professional_id: pro.id, status: 'blocked' })
      .execute();
    const err = await mailer
      .sendMail({
        from: pro.mssante_address!,
        to,
        subject: 'Suivi',
        text: 'Bonjour',
        attachments: [{ filename: 'cr.pdf', content: await pdf('Compte rendu') }],
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    expect(String((err as Error).message)).toMatch(/550 5\.7\.1 MESSAGING_PRO_BLOCKED/);
    const refused = await t.db
      .selectFrom('journal')
      .select(['action', 'actor_kind', 'actor_id', 'detail'])
      .where('chain_id', '=', patient.profileId)
      .where('action', '=', 'message.refused')
      .execute();
    expect(refused).toEqual([
      {
        action: 'message.refused',
        actor_kind: 'professional',
        actor_id: pro.id,
        detail: { code: 'MESSAGING_PRO_BLOCKED', source: 'smtp' },
      },
    ]);
    expect(await t.db.selectFrom('message').select('id').where('profile_id', '=', patient.profileId).execute()).toEqual(
      [],
    );
    expect(
      await t.db.selectFrom('outbox_message').select('id').where('recipient', '=', patient.email).execute(),
    ).toEqual([]);
    // Unblocked, the same professional is filed again (the refusal is the block, not the professional).
    await t.db
      .updateTable('professional_access')
      .set({ status: 'authorized' })
      .where('profile_id', '=', patient.profileId)
      .execute();
    const ok = await mailer.sendMail({ from: pro.mssante_address!, to, subject: 'Suivi', text: 'Bonjour' });
    expect(ok.accepted).toEqual([to]);
  });

  it("the patient's e-mail notice of a mail filed over SMTP is the seed's text and carries nothing of the mail", async () => {
    const { patient, pro, mailer, to } = await setup();
    await startOutboxWorker(t.db, t.platform.queue, transportsFrom(t.platform.config), { pollingIntervalSeconds: 0.5 });
    await mailer.sendMail({
      from: `Dr Anne Thomas <${pro.mssante_address!}>`,
      to,
      subject: 'Résultats de votre biopsie',
      text: 'Bonjour, la biopsie montre une tumeur bénigne.',
      attachments: [{ filename: 'biopsie-anatomopathologie.pdf', content: await pdf('Biopsie') }],
    });
    await waitFor(() => receiver.mails.some((m) => m.to.includes(patient.email)), 20_000, 'the notice');
    const notice = receiver.mails.find((m) => m.to.includes(patient.email))!;
    expect(notice.subject).toBe('Nouveau message dans Mon espace santé');
    expect(notice.text).toContain(
      'Un professionnel de santé vous a envoyé un nouveau message dans Mon espace santé.\n\n' +
        'Pour le consulter, connectez-vous dès à présent.',
    );
    expect(notice.text).toContain(`${t.platform.config.PUBLIC_URL}/connexion`);
    // Nothing of the message: subject, body, attachment (nor its name), the professional's name or addresses.
    expect(notice.raw).not.toMatch(/multipart|Content-Disposition/i);
    for (const leak of ['biopsie', 'tumeur', 'Résultats', 'anatomopathologie', '.pdf', 'Anne', 'Thomas']) {
      expect(`${notice.subject}\n${notice.text}`.toLowerCase()).not.toContain(leak.toLowerCase());
      expect(notice.raw.toLowerCase()).not.toContain(leak.toLowerCase());
    }
    for (const leak of [pro.mssante_address!, pro.rpps])
      expect(notice.raw.toLowerCase()).not.toContain(leak.toLowerCase());
  });

  it('honours X-MSS-MES: FIN, and a reply leaves by SMTP to the professional with its attachment', async () => {
    const { patient, pro, mailer, to } = await setup();
    await mailer.sendMail({ from: pro.mssante_address!, to, subject: 'Suivi', text: 'Comment allez-vous ?' });
    const cookie = await sessionCookie(t.db, patient.accountId);
    const id = (
      await t.app.inject({ url: `/api/profiles/${patient.profileId}/messaging/conversations`, headers: { cookie } })
    ).json().conversations[0].id;
    await startRelayWorker(t.platform);
    const form = sendForm({ subject: 'Re: Suivi', body: 'Très bien, merci.' }, [
      { name: 'tension.pdf', bytes: await pdf('Tension 12/8') },
    ]);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/profiles/${patient.profileId}/messaging/conversations/${id}/messages`,
      headers: { ...form.headers, cookie },
      payload: form.payload,
    });
    expect(reply.statusCode).toBe(201);
    await waitFor(() => receiver.mails.some((m) => m.to.includes(pro.mssante_address!)), 20_000, 'the relayed reply');
    const out = receiver.mails.find((m) => m.to.includes(pro.mssante_address!))!;
    expect(out.from).toBe(to);
    expect(out.raw).toMatch(new RegExp(`^X-MSS-INS: ${patient.nir}\r$`, 'im'));
    expect(out.raw).toMatch(/filename=tension\.pdf/);
    await waitFor(
      async () =>
        (
          await t.db
            .selectFrom('message')
            .select('relay_status')
            .where('direction', '=', 'to_professional')
            .where('profile_id', '=', patient.profileId)
            .executeTakeFirst()
        )?.relay_status === 'sent',
    );

    await mailer.sendMail({
      from: pro.mssante_address!,
      to,
      subject: 'Fin',
      text: 'Je mets fin à nos échanges.',
      headers: { 'X-MSS-MES': 'FIN' },
    });
    const list = (
      await t.app.inject({ url: `/api/profiles/${patient.profileId}/messaging/conversations`, headers: { cookie } })
    ).json();
    expect(list.conversations[0].endedAt).not.toBeNull();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/profiles/${patient.profileId}/messaging/conversations/${id}/messages`,
      headers: { cookie, ...csrf },
      payload: { subject: 'Re', body: 'Mais…' },
    });
    expect(refused.json().error.code).toBe('MESSAGING_ENDED');
  });
});
