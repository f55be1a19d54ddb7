import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { sql } from 'kysely';
import { defineScenario, type ResultRow } from '../lib/types.js';
import { sessionCookie } from '../../server/test/sessions.js';
import { createPatient, createProfessional } from '../../server/test/messaging.js';
import { pdf } from '../../server/test/documents.js';
import { sealMessage } from '../../server/src/features/messaging/messaging.seal.js';
import { intakeCertificate, startSmtpIntake } from '../../server/src/features/messaging/messaging.smtp.js';
import { issueSmtpCredential } from '../../server/src/features/messaging/messaging.pro.service.js';

const CONVERSATIONS = 500;
const PER_CONVERSATION = 20;

/**
 * The inbox of one person holding 10,000 messages (500 professionals × 20), listed over HTTP — first page,
 * a far page, the unread count, one conversation of 20 messages — against the bare Fastify baseline; the
 * plan of the list query is logged (EXPLAIN ANALYZE). Then SMTP intake: mails with a 100 kB PDF sent by
 * nodemailer (4 pooled, authenticated STARTTLS connections) and filed, against mailparser alone parsing
 * the same raw mail in the same run.
 */
export default defineScenario({
  name: 'messaging',
  description: 'inbox of 10,000 messages (p99) vs baseline; SMTP intake mails/s vs raw mailparser',
  async run(ctx) {
    const { db, messageKey } = ctx.platform;
    const patient = await createPatient(db, { firstName: 'Banc', lastName: 'Essai' });
    const cookie = await sessionCookie(db, patient.accountId);
    ctx.log(`seeding ${CONVERSATIONS * PER_CONVERSATION} messages`);
    const start = Date.now() - CONVERSATIONS * PER_CONVERSATION * 60_000;
    for (let c = 0; c < CONVERSATIONS; c++) {
      const pro = await createProfessional(db, { lastName: `Bench${String(c).padStart(3, '0')}` });
      const conversationId = randomUUID();
      await db
        .insertInto('conversation')
        .values({ id: conversationId, profile_id: patient.profileId, professional_id: pro.id })
        .execute();
      const rows = [];
      for (let m = 0; m < PER_CONVERSATION; m++) {
        const id = randomUUID();
        const at = new Date(start + (c * PER_CONVERSATION + m) * 60_000);
        const toPatient = m % 2 === 0;
        rows.push({
          id,
          conversation_id: conversationId,
          profile_id: patient.profileId,
          direction: toPatient ? ('to_patient' as const) : ('to_professional' as const),
          ...sealMessage(messageKey, id, `Objet ${c}-${m}`, `Corps du message ${c}-${m} `.repeat(20)),
          sent_at: at,
          read_at: toPatient && m < PER_CONVERSATION - 2 ? at : null,
          source: 'portal' as const,
          author_name: toPatient ? null : 'Banc ESSAI',
        });
      }
      await db.insertInto('message').values(rows).execute();
      const last = rows[rows.length - 1]!;
      await db
        .updateTable('conversation')
        .set({
          patient_last_message_id: last.id,
          patient_last_at: last.sent_at,
          patient_unread: 1,
          pro_last_at: last.sent_at,
        })
        .where('id', '=', conversationId)
        .execute();
    }
    await sql`analyze conversation, message`.execute(db);
    const plan = await sql<{ 'QUERY PLAN': string }>`explain analyze
      select c.id, m.subject_enc from conversation c
      join professional p on p.id = c.professional_id join message m on m.id = c.patient_last_message_id
      where c.profile_id = ${patient.profileId} and c.patient_last_at is not null and c.confidential = false
      order by c.patient_last_at desc, c.id desc limit 20 offset 180`.execute(db);
    ctx.log(`plan of the list query (page 10):\n${plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);

    const base = `/api/profiles/${patient.profileId}/messaging`;
    const headers = { cookie };
    const baseline = await ctx.baseline();
    const rows: ResultRow[] = [];
    const firstId = (await ctx.app.inject({ url: `${base}/conversations`, headers })).json().conversations[0]
      .id as string;
    for (const [label, path] of [
      ['GET conversations, page 1 (10,000 messages)', `${base}/conversations`],
      ['GET conversations, page 10', `${base}/conversations?page=10`],
      ['GET unread count', `${base}/unread`],
      ['GET one conversation (20 messages)', `${base}/conversations/${firstId}`],
    ] as const) {
      const m = await ctx.http({ label, path, headers });
      rows.push({ measurement: m, ratio: ctx.ratio(m, baseline), versus: 'baseline' });
    }

    // SMTP intake against raw parsing of the same mail.
    const tls = await intakeCertificate(ctx.platform.config);
    const intake = await startSmtpIntake(ctx.platform, { port: 0, ...tls });
    try {
      const pro = await createProfessional(db, { lastName: 'Smtp' });
      const cred = await issueSmtpCredential(ctx.platform, { professionalId: pro.id, rpps: pro.rpps });
      const attachment = await pdf('Compte rendu '.repeat(2000));
      const mail = {
        from: pro.mssante_address!,
        to: `${patient.nir.toLowerCase()}@${ctx.platform.config.MESSAGING_DOMAIN}`,
        subject: 'Compte rendu de consultation',
        text: 'Bonjour, veuillez trouver le compte rendu ci-joint.\n'.repeat(10),
        attachments: [{ filename: 'compte-rendu.pdf', content: attachment }],
      };
      const raw = await new Promise<Buffer>((resolve, reject) =>
        nodemailer
          .createTransport({ streamTransport: true, buffer: true })
          .sendMail(mail, (err, info) => (err ? reject(err) : resolve(info.message as Buffer))),
      );
      ctx.log(
        `SMTP mail of ${(raw.length / 1024).toFixed(0)} kB (attachment ${(attachment.length / 1024).toFixed(0)} kB)`,
      );
      const parse = await ctx.rate('mailparser simpleParser (raw, same mail)', () => simpleParser(raw), {
        unit: 'mails/s',
      });
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: intake.port,
        secure: false,
        requireTLS: true,
        tls: { ca: tls.cert, servername: 'localhost' },
        auth: { user: cred.username, pass: cred.password },
        pool: true,
        maxConnections: 4,
        maxMessages: Infinity,
      });
      const filed = await ctx.rate(
        'SMTP intake: STARTTLS+AUTH, parse, rules, blob, row, journal',
        () => transport.sendMail(mail),
        { concurrency: 4, unit: 'mails/s' },
      );
      transport.close();
      rows.push(
        { measurement: parse },
        { measurement: filed, ratio: ctx.ratio(filed, parse), versus: 'raw mailparser' },
      );
    } finally {
      await intake.close();
    }
    return rows;
  },
});
