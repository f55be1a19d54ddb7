import { contactRoles, frequencies, severities, vaccines, type ItemKind } from '../../../../shared/src/medical.js';

/** One field of an entry's form; `options` makes it a list (value → label). */
export interface Field {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'number' | 'email' | 'tel' | 'select';
  required?: boolean;
  hint?: string;
  options?: Record<string, string>;
  autoComplete?: string;
}

const none = { '': '— Non précisé —' };

/** The fields of each list's form, in French, matching the shared schemas of shared/src/medical.ts. */
export const itemFields: Record<ItemKind, Field[]> = {
  conditions: [
    {
      name: 'name',
      label: 'Maladie ou sujet de santé',
      type: 'text',
      required: true,
      hint: 'Par exemple : asthme, grossesse, diabète de type 2',
    },
    { name: 'since', label: 'Depuis le (facultatif)', type: 'date' },
    { name: 'note', label: 'Précisions (facultatif)', type: 'textarea' },
  ],
  treatments: [
    { name: 'name', label: 'Nom du traitement', type: 'text', required: true, hint: 'Par exemple : Doliprane 1000 mg' },
    { name: 'dose', label: 'Dose (facultatif)', type: 'text', hint: 'Par exemple : 1 comprimé' },
    { name: 'frequency', label: 'Fréquence (facultatif)', type: 'select', options: { ...none, ...frequencies } },
    { name: 'startDate', label: 'Date de début (facultatif)', type: 'date' },
    { name: 'endDate', label: 'Date de fin (facultatif)', type: 'date' },
    { name: 'conditionId', label: 'Pour la maladie (facultatif)', type: 'select', options: none },
  ],
  allergies: [
    {
      name: 'substance',
      label: 'Substance',
      type: 'text',
      required: true,
      hint: 'Par exemple : pénicilline, arachide, pollen',
    },
    { name: 'reaction', label: 'Réaction (facultatif)', type: 'text', hint: 'Par exemple : urticaire, œdème' },
    { name: 'severity', label: 'Sévérité (facultatif)', type: 'select', options: { ...none, ...severities } },
  ],
  vaccinations: [
    {
      name: 'vaccine',
      label: 'Vaccin',
      type: 'select',
      required: true,
      options: { '': '— Choisir un vaccin —', ...Object.fromEntries(vaccines.map((v) => [v, v])) },
    },
    { name: 'date', label: 'Date de la vaccination', type: 'date', required: true },
    { name: 'doseNumber', label: 'Numéro de dose (facultatif)', type: 'number' },
    { name: 'batch', label: 'Numéro de lot (facultatif)', type: 'text' },
    {
      name: 'vaccinator',
      label: 'Vacciné par (facultatif)',
      type: 'text',
      hint: 'Par exemple : Dr Martin, pharmacie du Centre',
    },
  ],
  contacts: [
    {
      name: 'role',
      label: 'Type de contact',
      type: 'select',
      required: true,
      options: { '': '— Choisir —', ...contactRoles },
    },
    { name: 'name', label: 'Nom et prénom', type: 'text', required: true, autoComplete: 'off' },
    { name: 'relation', label: 'Lien avec vous (facultatif)', type: 'text', hint: 'Par exemple : sœur, voisin' },
    { name: 'phone', label: 'Téléphone', type: 'tel', autoComplete: 'off' },
    { name: 'phone2', label: 'Autre téléphone (facultatif)', type: 'tel', autoComplete: 'off' },
    { name: 'email', label: 'Adresse e-mail (facultatif)', type: 'email', autoComplete: 'off' },
    { name: 'address', label: 'Adresse postale (facultatif)', type: 'textarea' },
  ],
};

/** Form values (strings) → the request body: empty fields left out, numbers as numbers. */
export function toBody(kind: ItemKind, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of itemFields[kind]) {
    const v = values[f.name]?.trim();
    if (!v) continue;
    body[f.name] = f.type === 'number' ? Number(v) : v;
  }
  return body;
}
