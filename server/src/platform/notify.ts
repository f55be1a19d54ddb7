import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface Delivery {
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
}

/** Where a message goes: a real SMTP server, an SMS provider, or the development mailbox. */
export interface Transport {
  /** Name written on the message once sent: 'smtp', 'sms-http', 'dev-mailbox'. */
  readonly name: string;
  /** True when the message stays readable in the database (dev mailbox); real deliveries are redacted. */
  readonly keepsBody: boolean;
  send(d: Delivery): Promise<void>;
}

export const devMailbox: Transport = { name: 'dev-mailbox', keepsBody: true, async send() {} };

/** E-mail over SMTP with nodemailer (SMTP_URL: smtp://user:pass@host:port or smtps://…). */
export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    keepsBody: false,
    async send(d) {
      await transporter.sendMail({ from, to: d.to, subject: d.subject ?? '', text: d.text });
    },
  };
}

/** SMS through an HTTP provider: POST JSON {to, text} with a bearer token; any non-2xx answer is a failure to retry. */
export function httpSmsTransport(url: string, token: string): Transport {
  return {
    name: 'sms-http',
    keepsBody: false,
    async send(d) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to: d.to, text: d.text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS provider answered ${res.status}`);
    },
  };
}

/** Picks the transport of each channel from the configuration. */
export function transportsFrom(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'SMS_URL' | 'SMS_TOKEN'>,
): Record<'email' | 'sms', Transport> {
  return {
    email: config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : devMailbox,
    sms: config.SMS_URL ? httpSmsTransport(config.SMS_URL, config.SMS_TOKEN) : devMailbox,
  };
}
