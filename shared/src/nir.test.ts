import { describe, expect, it } from 'vitest';
import {
  ageOn,
  isPastDate,
  isValidVitaleSerial,
  maskEmail,
  maskPhone,
  nirKey,
  nirProblem,
  normalizeNir,
  normalizePhone,
} from './nir.js';

describe('NIR', () => {
  it('computes the key as 97 − body mod 97', () => {
    expect(nirKey('2850675108046')).toBe(26);
    expect(nirProblem('285067510804626')).toBeNull();
  });
  it('refuses a wrong key', () => {
    expect(nirProblem('285067510804627')).toBe('key');
  });
  it('handles Corsica: 2A counts as 19 and 2B as 18', () => {
    const bodyA = '18502' + '2A' + '004123';
    const keyA = 97 - Number(BigInt('1850219004123') % 97n);
    expect(nirKey(bodyA)).toBe(keyA);
    expect(nirProblem(bodyA + String(keyA).padStart(2, '0'))).toBeNull();
    const bodyB = '18502' + '2B' + '004123';
    const keyB = 97 - Number(BigInt('1850218004123') % 97n);
    expect(nirProblem(bodyB + String(keyB).padStart(2, '0'))).toBeNull();
    expect(nirProblem(bodyA + String(keyB).padStart(2, '0'))).toBe('key');
  });
  it('refuses temporary numbers, bad sex digits, months and formats', () => {
    const withKey = (body: string) => body + String(nirKey(body)).padStart(2, '0');
    expect(nirProblem(withKey('7850675108046'))).toBe('temporary');
    expect(nirProblem(withKey('3850675108046'))).toBe('sex');
    expect(nirProblem(withKey('2851375108046'))).toBe('month');
    expect(nirProblem(withKey('2853075108046'))).toBeNull(); // incomplete civil record
    expect(nirProblem('28506751080')).toBe('format');
    expect(normalizeNir('2 85 06 75 108 046 26')).toBe('285067510804626');
  });
});

describe('contact and card formats', () => {
  it('normalizes French phone numbers to E.164 and masks them', () => {
    expect(normalizePhone('06 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhone('+33612345678')).toBe('+33612345678');
    expect(normalizePhone('12345')).toBeNull();
    expect(maskPhone('+33612345678')).toBe('06 •• •• •• 78');
    expect(maskEmail('marie.dupont@example.org')).toBe('m•••t@example.org');
  });
  it('accepts 8 to 13 digits for a Carte Vitale serial', () => {
    expect(isValidVitaleSerial('12345678901')).toBe(true);
    expect(isValidVitaleSerial('1234567')).toBe(false);
    expect(isValidVitaleSerial('12345678901234')).toBe(false);
    expect(isValidVitaleSerial('1234567890a')).toBe(false);
  });
  it('computes ages and checks dates', () => {
    expect(ageOn('2008-11-23', new Date('2026-11-22T12:00:00Z'))).toBe(17);
    expect(ageOn('2008-11-22', new Date('2026-11-22T12:00:00Z'))).toBe(18);
    expect(isPastDate('2023-02-29')).toBe(false);
    expect(isPastDate('2999-01-01')).toBe(false);
    expect(isPastDate('1985-06-14')).toBe(true);
    expect(isPastDate('2024-02-29')).toBe(true);
    expect(isPastDate('2000-02-29')).toBe(true);
    expect(isPastDate('1900-02-29')).toBe(false);
    expect(isPastDate('1985-04-31')).toBe(false);
    expect(isPastDate('1985-13-01')).toBe(false);
    expect(isPastDate('1985-00-10')).toBe(false);
    expect(isPastDate('1985-01-00')).toBe(false);
    expect(isPastDate('1889-12-31')).toBe(false);
    expect(isPastDate('1890-01-01')).toBe(true);
    expect(isPastDate('1985-6-14')).toBe(false);
    const now = new Date('2026-11-22T00:00:00Z');
    expect(isPastDate('2026-11-22', now)).toBe(true);
    expect(isPastDate('2026-11-23', new Date('2026-11-22T23:59:59Z'))).toBe(false);
  });
});
