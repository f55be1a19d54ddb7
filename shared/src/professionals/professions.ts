/**
 * Labels of the professions of the TRE_G15 code system (« Profession », OID 1.2.250.1.71.1.2.7, ANS
 * nomenclatures of the RPPS; list from ../shared/reference/README.md). Only the codes Carnet meets; an
 * unknown code shows as « Professionnel de santé ».
 */
export const professions: Readonly<Record<string, string>> = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '26': 'Audioprothésiste',
  '28': 'Opticien-lunetier',
  '40': 'Chirurgien-dentiste',
  '50': 'Sage-femme',
  '60': 'Infirmier',
  '70': 'Masseur-kinésithérapeute',
  '80': 'Pédicure-podologue',
  '91': 'Orthophoniste',
  '92': 'Orthoptiste',
  '93': 'Psychologue',
  '94': 'Ergothérapeute',
  '95': 'Diététicien',
  '96': 'Psychomotricien',
  '98': 'Manipulateur ERM',
};

/** The French label of a TRE_G15 profession code. */
export function professionLabel(code: string): string {
  return professions[code] ?? 'Professionnel de santé';
}
