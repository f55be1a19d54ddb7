import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { sql } from 'kysely';
import { defineScenario, type ResultRow } from '../lib/types.js';
import { sessionCookie } from '../../server/test/sessions.js';
import { createPatient, createProfessional, seedInbox } from '../../server/test/messaging.js';
import { pdf } from '../../server/test/documents.js';
import { authorize } from '../../server/src/platform/profile-access.js';
import * as repo from '../../server/src/features/messaging/messaging.repo.js';
import { intakeCertificate, startSmtpIntake } from '../../server/src/features/messaging/messaging.smtp.js';
import { issueSmtpCredential } from '../../server/src/features/messaging/messaging.pro.service.js';

const CONVERSATIONS = 500;
const PER_CONVERSATION = 20;
const SMALL_CONVERSATIONS = 3;

/**
 * The inbox of one person holding 10,000 messages (500 professionals × 20), listed over HTTP — first page,
 * a far page — each p99 against the same list of a small inbox (3 conversations of 2 messages) measured in
 * this run; the unread count and one conversation of 20 messages against the bare Fastify baseline; the
 * plan of the list's very statement is logged (EXPLAIN ANALYZE). Then SMTP intake: mails with a 100 kB PDF
 * sent by nodemailer (4 pooled, authenticated STARTTLS connections) and filed, against mailparser alone
 * parsing the same raw mail in the same run.
 */
export default defineScenario({
  name: 'messaging',
  description: 'inbox list of 10,000 messages (p99) vs a small inbox; SMTP intake mails/s vs raw mailparser',
  async run(ctx) {
    const { db, messageKey } = ctx.platform;
    const patient = await createPatient(db, { firstName: 'Banc', lastName: 'Essai' });
    const small = await createPatient(db, { firstName: 'Petite', lastName: 'Boite' });
    ctx.log(`seeding ${CONVERSATIONS * PER_CONVERSATION} messages in one inbox, ${SMALL_CONVERSATIONS * 2} in another`);
    await seedInbox(db, messageKey, patient.profileId, {
      conversations: CONVERSATIONS,
      perConversation: PER_CONVERSATION,
      prefix: 'Bench',
    });
    await seedInbox(db, messageKey, small.profileId, {
      conversations: SMALL_CONVERSATIONS,
      perConversation: 2,
      prefix: 'Petit',
    });
    // Other people's inboxes beside them (9 × 500 conversations of 2 messages), so the planner sees a table where
    // one person's rows are few, as in any real deployment (alone, 503 rows fit in 10 pages and it scans them).
    for (let i = 0; i < 9; i++) {
      const other = await createPatient(db, { lastName: `Autre${i}` });
      await seedInbox(db, messageKey, other.profileId, {
        conversations: 500,
        perConversation: 2,
        prefix: `Autre${i}-`,
      });
    }
    // As autovacuum leaves a settled table: statistics and the visibility map (index-only scans need it).
    await sql`vacuum (analyze) conversation, message, message_draft, professional`.execute(db);
    const access = await authorize(db, { sessionId: 'bench', ...patient }, patient.profileId, 'messages');
    const plan = await repo.patientPage(db, access, 180, 20).explain('text', sql`analyze`);
    ctx.log(`plan of the list's statement (page 10):\n${plan.map((r) => `    ${String(r['QUERY PLAN'])}`).join('\n')}`);

    const list = (p: { profileId: string }) => `/api/profiles/${p.profileId}/messaging/conversations`;
    const headers = { cookie: await sessionCookie(db, patient.accountId) };
    const baseline = await ctx.baseline();
    const rows: ResultRow[] = [];
    const reference = await ctx.http({
      label: `GET conversations, small inbox (${SMALL_CONVERSATIONS} conversations, ${SMALL_CONVERSATIONS * 2} messages)`,
      path: list(small),
      headers: { cookie: await sessionCookie(db, small.accountId) },
    });
    rows.push({ measurement: reference, ratio: ctx.ratio(reference, baseline), versus: 'baseline' });
    const versus = 'p99 of the small inbox';
    for (const [label, path] of [
      ['GET conversations, page 1 (10,000 messages)', list(patient)],
      ['GET conversations, page 10 (10,000 messages)', `${list(patient)}?page=10`],
    ] as const) {
      const m = await ctx.http({ label, path, headers });
      rows.push({ measurement: m, ratio: m.p99Ms / reference.p99Ms, versus });
    }
    const firstId = (await ctx.app.inject({ url: list(patient), headers })).json().conversations[0].id as string;
    for (const [label, path] of [
      ['GET unread count (10,000 messages)', `/api/profiles/${patient.profileId}/messaging/unread`],
      ['GET one conversation (20 messages)', `${list(patient)}/${firstId}`],
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
