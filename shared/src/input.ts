import { z } from 'zod';

/**
 * The one rule for text people send (issue 14.7): no NUL and no lone UTF-16 surrogate. PostgreSQL refuses
 * both (a NUL in text, a lone surrogate escaped in JSON), and a text column silently turns a lone surrogate
 * into U+FFFD: refused at the door instead, with a French message on the field. With the `u` flag, the class
 * matches only surrogates that are not part of a pair, so emoji and other astral characters pass.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000\uD800-\uDFFF]/u;

export const UNSAFE_TEXT_MESSAGE =
  'Ce texte contient un caractère invalide (caractère nul ou mal encodé) : retirez-le.';

/** True when `s` holds neither NUL nor a lone surrogate. */
export function isSafeText(s: string): boolean {
  return !UNSAFE_TEXT.test(s);
}

/**
 * A string schema carrying the rule; chain `.trim()`, `.min()`, `.max()`… after it. Every schema of free text
 * (server bodies, queries, params; web forms) starts from this one.
 */
export function text(params?: { error?: string }): z.ZodString {
  return z.string(params).refine(isSafeText, UNSAFE_TEXT_MESSAGE);
}

/** A calendar date « AAAA-MM-JJ » that exists: 2023-02-30, 2026-13-01 and year 0000 are refused. */
export function isoDate(messages: { required?: string; shape?: string; invalid?: string } = {}) {
  const invalid = messages.invalid ?? 'Cette date n’existe pas.';
  return z
    .string({ error: messages.required ?? 'Saisissez une date.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, messages.shape ?? 'Date attendue (AAAA-MM-JJ).')
    .refine(isRealDate, invalid);
}

/** True when « AAAA-MM-JJ » names a day of the calendar PostgreSQL stores (years 0001 to 9999). */
export function isRealDate(s: string): boolean {
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s.slice(0, 10)) && s.slice(0, 4) !== '0000';
}

/** A local date and time to the minute, « AAAA-MM-JJTHH:MM », whose day and time exist. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'Date et heure attendues (AAAA-MM-JJTHH:MM).')
  .refine(isRealDate, 'Cette date n’existe pas.');
