/**
 * The one age rule (R4.6): a person is a minor until their 18th birthday. Every check of majority, in
 * the browser, in services and in SQL (`server/src/platform/age.sql.ts`), goes through this file.
 */
export const MAJORITY_AGE = 18;

/** Whole years between a birth date 'YYYY-MM-DD' and `today` (UTC calendar days). */
export function ageOn(birthDate: string, today: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

/** True before the 18th birthday. */
export function isMinor(birthDate: string, today: Date = new Date()): boolean {
  return ageOn(birthDate, today) < MAJORITY_AGE;
}
