import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from 'smtp-server';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { verifyPassword } from '../../platform/passwords.js';
import { MAX_MESSAGE_ATTACHMENTS_BYTES } from '../../../../shared/src/messaging.js';
import * as repo from './messaging.repo.js';
import { refuseIfBlocked, sendAsProfessional, type Deps } from './messaging.pro.service.js';

/** An SMTP message may carry 10 MB of attachments; base64 adds a third, headers and text a little more. */
export const SMTP_MAX_BYTES = Math.ceil(MAX_MESSAGE_ATTACHMENTS_BYTES * 1.4) + 512 * 1024;

interface ProUser {
  professionalId: string;
  rpps: string;
  mssante: string | null;
}

/** An SMTP answer with its code (smtp-server sends `responseCode` and the message). */
function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * How the messaging's refusals read over SMTP (ASCII, the code first, so a mail client shows something useful).
 * Permanent (5xx) for every rule; 554 after DATA, 550 at RCPT TO (554 is not a reply to RCPT, RFC 5321 4.3.2).
 */
function fromAppError(err: unknown, stage: 'rcpt' | 'data' = 'data'): Error {
  if (!(err instanceof AppError)) return smtpError(451, '4.3.0 Erreur temporaire, reessayez plus tard');
  const ascii = err.message.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
  const code =
    err.code === 'MESSAGE_TOO_LARGE' || err.code === 'DOCUMENT_TOO_LARGE' || err.code === 'MESSAGE_TOO_MANY_FILES'
      ? 552
      : err.code === 'MESSAGING_UNKNOWN_PATIENT' || stage === 'rcpt'
        ? 550
        : 554;
  const enhanced =
    err.code === 'MESSAGING_PRO_BLOCKED' ? '5.7.1' : code === 552 ? '5.3.4' : code === 550 ? '5.1.1' : '5.6.0';
  return smtpError(code, `${enhanced} ${err.code}: ${ascii}`);
}

/** The NIR of `<INS>@<MESSAGING_DOMAIN>`, or null for any other address. */
export function nirOfAddress(address: string, domain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== domain) return null;
  const local = address.slice(0, at);
  return /^([0-9]{13}|[0-9]{5}[AB][0-9]{7})[0-9]{2}$/i.test(local) ? local.toUpperCase() : null;
}

/** The endpoint's certificate: SMTP_INTAKE_CERT/KEY, or outside production one generated once under DATA_DIR. */
export async function intakeCertificate(
  config: Pick<Config, 'SMTP_INTAKE_CERT' | 'SMTP_INTAKE_KEY' | 'DATA_DIR' | 'NODE_ENV'>,
) {
  if (config.SMTP_INTAKE_CERT && config.SMTP_INTAKE_KEY) {
    return {
      cert: await readFile(config.SMTP_INTAKE_CERT, 'utf8'),
      key: await readFile(config.SMTP_INTAKE_KEY, 'utf8'),
    };
  }
  if (config.NODE_ENV === 'production')
    throw new Error('SMTP_INTAKE_CERT and SMTP_INTAKE_KEY are required in production');
  const certFile = path.join(config.DATA_DIR, 'smtp-intake.crt');
  const keyFile = path.join(config.DATA_DIR, 'smtp-intake.key');
  if (existsSync(certFile) && existsSync(keyFile))
    return { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8') };
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]);
  await mkdir(config.DATA_DIR, { recursive: true });
  await writeFile(keyFile, pems.private, { mode: 0o600 });
  await writeFile(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private };
}

/**
 * The professionals' SMTP endpoint (MSSanté-like): STARTTLS required before AUTH (PLAIN or LOGIN, the
 * credentials issued in the portal), one recipient `<INS>@<MESSAGING_DOMAIN>` per message naming an open
 * space, MAIL FROM the professional's own MSSanté address when the directory has one, the size announced
 * (SIZE) and enforced; the mail parsed with mailparser and filed through sendAsProfessional — the portal's
 * rules (subject, attachments' content rules, a blocked professional refused — already at RCPT TO, with
 * 550 5.7.1, journaled). `X-MSS-MES: FIN` ends the exchanges.
 */
export async function startSmtpIntake(deps: Deps, opts: { port: number; host?: string; cert: string; key: string }) {
  const domain = deps.config.MESSAGING_DOMAIN;
  const server = new SMTPServer({
    name: 'carnet',
    banner: 'Carnet messagerie de sante',
    key: opts.key,
    cert: opts.cert,
    secure: false,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: false,
    authOptional: false,
    size: SMTP_MAX_BYTES,
    disabledCommands: [],
    logger: false,
    maxClients: 50,
    async onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, cb) {
      try {
        const found = auth.username ? await repo.findSmtpCredential(deps.db, auth.username) : undefined;
        const ok = found ? await verifyPassword(found.password_hash, auth.password ?? '') : false;
        if (!found || !ok) return cb(smtpError(535, '5.7.8 Identifiants refuses'));
        const user: ProUser = { professionalId: found.id, rpps: found.rpps, mssante: found.mssante_address };
        cb(null, { user });
      } catch {
        cb(smtpError(454, '4.7.0 Authentification momentanement impossible'));
      }
    },
    onMailFrom(address, session, cb) {
      const user = session.user as unknown as ProUser;
      if (user.mssante && address.address.toLowerCase() !== user.mssante.toLowerCase()) {
        return cb(smtpError(553, "5.7.1 L'expediteur doit etre votre adresse MSSante"));
      }
      cb();
    },
    async onRcptTo(address, session, cb) {
      if (session.envelope.rcptTo.length >= 1) return cb(smtpError(452, '4.5.3 Un seul destinataire par message'));
      const nir = nirOfAddress(address.address, domain);
      const found = nir ? await repo.findPatientByIns(deps.db, nir).catch(() => undefined) : undefined;
      if (!found) return cb(smtpError(550, '5.1.1 Destinataire inconnu'));
      // A professional the patient blocked is refused before sending the mail (and again at DATA, by the rules).
      const user = session.user as unknown as ProUser;
      try {
        await refuseIfBlocked(deps, { professionalId: user.professionalId, rpps: user.rpps }, found.id, 'smtp');
      } catch (err) {
        return cb(fromAppError(err, 'rcpt'));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded)
          return cb(smtpError(552, '5.3.4 Message trop volumineux (10 Mo de pieces jointes au plus)'));
        fileMail(deps, session, Buffer.concat(chunks)).then(
          () => cb(),
          (err: unknown) => cb(fromAppError(err)),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Parses one mail and files it in the recipient's inbox. */
export async function fileMail(deps: Deps, session: SMTPServerSession, raw: Buffer) {
  const user = session.user as unknown as ProUser;
  const nir = nirOfAddress(session.envelope.rcptTo[0]!.address, deps.config.MESSAGING_DOMAIN)!;
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  const end =
    String(mail.headers.get('x-mss-mes') ?? '')
      .trim()
      .toUpperCase() === 'FIN';
  await sendAsProfessional(
    deps,
    { professionalId: user.professionalId, rpps: user.rpps },
    {
      nir,
      subject: mail.subject?.trim() || '(sans objet)',
      body: (mail.text ?? '').trim(),
      confidential: false,
      files: mail.attachments.map((a) => ({ bytes: a.content, name: a.filename, source: 'smtp' as const })),
      source: 'smtp',
      end,
      smtpMessageId: mail.messageId,
    },
  );
}
