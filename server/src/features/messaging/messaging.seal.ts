import { openTexts, sealTexts } from '../../platform/sealed.js';

/** Opens a message's (or draft's) sealed subject and body; bound to its id. */
export function openMessage(key: Buffer, id: string, r: { dek: Buffer; subject_enc: Buffer; body_enc: Buffer }) {
  const [subject, body] = openTexts(key, id, r.dek, [r.subject_enc, r.body_enc]);
  return { subject: subject!, body: body! };
}

/** Seals a subject and a body under a fresh key, bound to the record `id`. */
export function sealMessage(key: Buffer, id: string, subject: string, body: string) {
  const s = sealTexts(key, id, [subject, body]);
  return { dek: s.dek, subject_enc: s.parts[0]!, body_enc: s.parts[1]! };
}

/** Opens the subject alone (the list shows no body). */
export function openSubject(key: Buffer, id: string, r: { dek: Buffer; subject_enc: Buffer }): string {
  return openTexts(key, id, r.dek, [r.subject_enc])[0]!;
}
