import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import { containsPersonalDetails, PERSONAL_DETAILS_RULE } from './password-rules.js';

export { containsPersonalDetails, PERSONAL_DETAILS_RULE };

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/**
 * zxcvbn score (0–4) a password must reach: 3 = "safely unguessable" against an online attack with throttling and more.
 */
export const PASSWORD_MIN_SCORE = 3;

let scorer: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  // The same scorer in the browser meter and on the server: common passwords, French words and names,
  // French translations of the feedback, azerty keyboard patterns.
  scorer ??= new ZxcvbnFactory({
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary },
  });
  return scorer;
}

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  /** French sentences for the person, first the blocking ones. */
  messages: string[];
}

/** Judges a new password: 12 to 128 characters, not common, not built on the person's own details. */
export function judgePassword(password: string, userInputs: string[] = []): PasswordVerdict {
  const messages: string[] = [];
  if (password.length < PASSWORD_MIN)
    messages.push(`Le mot de passe doit contenir au moins ${PASSWORD_MIN} caractères.`);
  if (password.length > PASSWORD_MAX)
    messages.push(`Le mot de passe doit contenir au plus ${PASSWORD_MAX} caractères.`);
  if (containsPersonalDetails(password, userInputs)) messages.push(PERSONAL_DETAILS_RULE);
  // zxcvbn's cost grows with length; 128 characters are plenty to judge.
  const result = zxcvbn().check(password.slice(0, PASSWORD_MAX), userInputs.filter(Boolean));
  if (result.score < PASSWORD_MIN_SCORE && !messages.length) {
    messages.push('Ce mot de passe est trop facile à deviner.');
    if (result.feedback.warning) messages.push(result.feedback.warning);
    messages.push(...result.feedback.suggestions);
  }
  return { ok: messages.length === 0, score: result.score, messages };
}

export const USERNAME_RULE =
  'De 3 à 64 caractères : lettres sans accent, chiffres, point, tiret ou tiret bas, en commençant par une lettre ou un chiffre.';

/** A username: 3–64 characters, [a-z0-9._-], starting with a letter or digit; compared without case. */
export function isValidUsername(username: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(username);
}
