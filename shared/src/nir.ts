/**
 * NIR (numéro d'inscription au répertoire, the social security number that is also the INS matricule).
 * Source: shared/reference/README.md (ANS / INSEE): 15 characters — sex (1), year (2), month (2),
 * department (2, or 2A/2B for Corsica), commune (3), order (3), key (2); key = 97 − (body mod 97),
 * computed with 2A → 19 and 2B → 18. Temporary numbers (NNP) start with 7 or 8: not an INS.
 */
export type NirProblem = 'format' | 'sex' | 'month' | 'temporary' | 'key';

const NIR_RE = /^([1-478])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})$/;

/** Removes spaces and dots people type, and upper-cases the Corsican A/B. */
export function normalizeNir(input: string): string {
  return input.replace(/[\s.-]/g, '').toUpperCase();
}

/** The NIR's key for a 13-character body. */
export function nirKey(body: string): number {
  const numeric = body.replace('2A', '19').replace('2B', '18');
  // 13 digits are below 2^53: the double is exact, and so is its remainder (BigInt cost 3 µs a call).
  return 97 - (Number(numeric) % 97);
}

/** Checks a normalized NIR; returns the first problem found, or null when it is a valid INS NIR. */
export function nirProblem(nir: string): NirProblem | null {
  const m = NIR_RE.exec(nir);
  if (!m) return 'format';
  const [, sex, , month] = m;
  if (sex === '7' || sex === '8') return 'temporary';
  if (sex !== '1' && sex !== '2') return 'sex';
  const mm = Number(month);
  // 01–12, and 20–42 or 50+ for incomplete civil records (accepted, per the reference's note).
  if (!((mm >= 1 && mm <= 12) || (mm >= 20 && mm <= 42) || mm >= 50)) return 'month';
  if (Number(m[7]) !== nirKey(nir.slice(0, 13))) return 'key';
  return null;
}

export function isValidNir(nir: string): boolean {
  return nirProblem(normalizeNir(nir)) === null;
}

/** Carte Vitale serial number: card with photo, 11 digits; card without photo, 8 to 13 digits. */
export function isValidVitaleSerial(serial: string): boolean {
  return /^\d{8,13}$/.test(serial);
}

/** Normalizes a French mobile or any E.164 number to E.164 (+33…); null when it is not a phone number. */
export function normalizePhone(input: string): string | null {
  const s = input.replace(/[\s.()-]/g, '');
  if (/^0[1-9]\d{8}$/.test(s)) return `+33${s.slice(1)}`;
  if (/^\+[1-9]\d{7,14}$/.test(s)) return s;
  if (/^00[1-9]\d{7,14}$/.test(s)) return `+${s.slice(2)}`;
  return null;
}

/** Shows a phone number as "06 •• •• •• 78" (masked, for the channel choice). */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+33') ? `0${e164.slice(3)}` : e164;
  return `${national.slice(0, 2)} •• •• •• ${national.slice(-2)}`;
}

/** Shows an e-mail as "m•••@example.org". */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••${local.length > 3 ? local.slice(-1) : ''}@${domain}`;
}

export { ageOn } from './age.js';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date 'YYYY-MM-DD' (no 31 February), not in the future. */
export function isPastDate(value: string, today: Date = new Date()): boolean {
  if (!DATE_RE.test(value)) return false;
  // Arithmetic rather than a Date parsed and printed back (a million lines of an enrolment file: 1.2 s).
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (y < 1890 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[m - 1]!)) return false;
  return Date.UTC(y, m - 1, d) <= today.getTime();
}
