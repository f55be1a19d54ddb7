import { describe, expect, it } from 'vitest';
import { isValidUsername, judgePassword } from './credentials.js';

describe('password policy', () => {
  it('refuses short, common and personal passwords with French reasons', () => {
    expect(judgePassword('court').ok).toBe(false);
    expect(judgePassword('court').messages[0]).toMatch(/au moins 12 caractères/);
    expect(judgePassword('motdepasse123').ok).toBe(false);
    expect(judgePassword('azertyuiop123').ok).toBe(false);
    expect(judgePassword('marie.dupont-Zebre-9', ['marie.dupont', 'Dupont']).messages[0]).toMatch(
      /ni votre identifiant/,
    );
    expect(judgePassword('x'.repeat(129)).messages.join(' ')).toMatch(/au plus 128/);
  });
  it('accepts long unusual passwords, up to 128 characters', () => {
    expect(judgePassword('Girafe-bleue-sous-la-pluie-7').ok).toBe(true);
    expect(judgePassword('Kq8#vT2!zR9@mW4$'.repeat(8)).ok).toBe(true);
  });
});

describe('username rule', () => {
  it('accepts plain names and refuses others', () => {
    expect(isValidUsername('marie.dupont')).toBe(true);
    expect(isValidUsername('ma')).toBe(false);
    expect(isValidUsername('.marie')).toBe(false);
    expect(isValidUsername('marié')).toBe(false);
    expect(isValidUsername('a'.repeat(65))).toBe(false);
  });
});
