import data from './professions.json' with { type: 'json' };

/**
 * Labels of the professions of the TRE_G15 code system (« Profession », OID 1.2.250.1.71.1.2.7); the data
 * and its source are in professions.json (the same file the professionals' portal ships its matrix with).
 * An unknown code shows as « Professionnel de santé ».
 */
export const professions: Readonly<Record<string, string>> = data.professions;

/** The French label of a TRE_G15 profession code. */
export function professionLabel(code: string): string {
  return professions[code] ?? 'Professionnel de santé';
}
