import { contactRoles, frequencies, severities, vaccines, type ItemKind } from '../../../../shared/src/medical.js';
import { glucoseMoments, measureKinds, type MeasureKind, type MeasureValue } from '../../../../shared/src/measures.js';
import type { IntlShape } from 'react-intl';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  notSpecified: { id: 'medical.fields.notSpecified', defaultMessage: '— Non précisé —' },
  chooseVaccine: { id: 'medical.fields.chooseVaccine', defaultMessage: '— Choisir un vaccin —' },
  choose: { id: 'medical.fields.choose', defaultMessage: '— Choisir —' },
  conditionName: { id: 'medical.fields.conditions.name', defaultMessage: 'Maladie ou sujet de santé' },
  conditionNameHint: {
    id: 'medical.fields.conditions.nameHint',
    defaultMessage: 'Par exemple : asthme, grossesse, diabète de type 2',
  },
  conditionSince: { id: 'medical.fields.conditions.since', defaultMessage: 'Depuis le (facultatif)' },
  conditionNote: { id: 'medical.fields.conditions.note', defaultMessage: 'Précisions (facultatif)' },
  treatmentName: { id: 'medical.fields.treatments.name', defaultMessage: 'Nom du traitement' },
  treatmentNameHint: { id: 'medical.fields.treatments.nameHint', defaultMessage: 'Par exemple : Doliprane 1000 mg' },
  treatmentDose: { id: 'medical.fields.treatments.dose', defaultMessage: 'Dose (facultatif)' },
  treatmentDoseHint: { id: 'medical.fields.treatments.doseHint', defaultMessage: 'Par exemple : 1 comprimé' },
  treatmentFrequency: { id: 'medical.fields.treatments.frequency', defaultMessage: 'Fréquence (facultatif)' },
  treatmentStart: { id: 'medical.fields.treatments.startDate', defaultMessage: 'Date de début (facultatif)' },
  treatmentEnd: { id: 'medical.fields.treatments.endDate', defaultMessage: 'Date de fin (facultatif)' },
  treatmentCondition: {
    id: 'medical.fields.treatments.conditionId',
    defaultMessage: 'Pour la maladie (facultatif)',
  },
  allergySubstance: { id: 'medical.fields.allergies.substance', defaultMessage: 'Substance' },
  allergySubstanceHint: {
    id: 'medical.fields.allergies.substanceHint',
    defaultMessage: 'Par exemple : pénicilline, arachide, pollen',
  },
  allergyReaction: { id: 'medical.fields.allergies.reaction', defaultMessage: 'Réaction (facultatif)' },
  allergyReactionHint: {
    id: 'medical.fields.allergies.reactionHint',
    defaultMessage: 'Par exemple : urticaire, œdème',
  },
  allergySeverity: { id: 'medical.fields.allergies.severity', defaultMessage: 'Sévérité (facultatif)' },
  vaccine: { id: 'medical.fields.vaccinations.vaccine', defaultMessage: 'Vaccin' },
  vaccinationDate: { id: 'medical.fields.vaccinations.date', defaultMessage: 'Date de la vaccination' },
  doseNumber: { id: 'medical.fields.vaccinations.doseNumber', defaultMessage: 'Numéro de dose (facultatif)' },
  batch: { id: 'medical.fields.vaccinations.batch', defaultMessage: 'Numéro de lot (facultatif)' },
  vaccinator: { id: 'medical.fields.vaccinations.vaccinator', defaultMessage: 'Vacciné par (facultatif)' },
  vaccinatorHint: {
    id: 'medical.fields.vaccinations.vaccinatorHint',
    defaultMessage: 'Par exemple : Dr Martin, pharmacie du Centre',
  },
  contactRole: { id: 'medical.fields.contacts.role', defaultMessage: 'Type de contact' },
  contactName: { id: 'medical.fields.contacts.name', defaultMessage: 'Nom et prénom' },
  contactRelation: { id: 'medical.fields.contacts.relation', defaultMessage: 'Lien avec vous (facultatif)' },
  contactRelationHint: { id: 'medical.fields.contacts.relationHint', defaultMessage: 'Par exemple : sœur, voisin' },
  contactPhone: { id: 'medical.fields.contacts.phone', defaultMessage: 'Téléphone' },
  contactPhone2: { id: 'medical.fields.contacts.phone2', defaultMessage: 'Autre téléphone (facultatif)' },
  contactEmail: { id: 'medical.fields.contacts.email', defaultMessage: 'Adresse e-mail (facultatif)' },
  contactAddress: { id: 'medical.fields.contacts.address', defaultMessage: 'Adresse postale (facultatif)' },
});

/** « — Non précisé — », the empty choice of an optional list. */
export const notSpecified = m.notSpecified;

// The labels of the shared lists' values (shared/src/medical.ts and measures.ts keep the same French, for the
// server's texts and the synthesis PDF).
const labels = defineMessages({
  daily: { id: 'medical.frequency.daily', defaultMessage: 'Tous les jours' },
  severalDaily: { id: 'medical.frequency.severalDaily', defaultMessage: 'Plusieurs fois par jour' },
  weekly: { id: 'medical.frequency.weekly', defaultMessage: 'Chaque semaine' },
  monthly: { id: 'medical.frequency.monthly', defaultMessage: 'Chaque mois' },
  asNeeded: { id: 'medical.frequency.asNeeded', defaultMessage: 'Si besoin' },
  otherFrequency: { id: 'medical.frequency.other', defaultMessage: 'Autre' },
  mild: { id: 'medical.severity.mild', defaultMessage: 'Légère' },
  moderate: { id: 'medical.severity.moderate', defaultMessage: 'Modérée' },
  severe: { id: 'medical.severity.severe', defaultMessage: 'Sévère' },
  emergency: { id: 'medical.contactRole.emergency', defaultMessage: "Personne à prévenir en cas d'urgence" },
  trusted: { id: 'medical.contactRole.trusted', defaultMessage: 'Personne de confiance' },
  caregiver: { id: 'medical.contactRole.caregiver', defaultMessage: 'Aidant' },
  otherContact: { id: 'medical.contactRole.other', defaultMessage: 'Autre contact' },
  fasting: { id: 'medical.glucoseMoment.fasting', defaultMessage: 'À jeun' },
  postprandial: { id: 'medical.glucoseMoment.postprandial', defaultMessage: 'Après un repas' },
  random: { id: 'medical.glucoseMoment.random', defaultMessage: 'À un autre moment' },
  weight: { id: 'medical.measure.weight', defaultMessage: 'Poids' },
  height: { id: 'medical.measure.height', defaultMessage: 'Taille' },
  bmi: { id: 'medical.measure.bmi', defaultMessage: 'IMC' },
  waist: { id: 'medical.measure.waist', defaultMessage: 'Tour de taille' },
  temperature: { id: 'medical.measure.temperature', defaultMessage: 'Température' },
  glucose: { id: 'medical.measure.glucose', defaultMessage: 'Glycémie' },
  bloodPressure: { id: 'medical.measure.bloodPressure', defaultMessage: 'Tension artérielle' },
  pain: { id: 'medical.measure.pain', defaultMessage: 'Niveau de douleur' },
  heartRate: { id: 'medical.measure.heartRate', defaultMessage: 'Fréquence cardiaque' },
  steps: { id: 'medical.measure.steps', defaultMessage: 'Nombre de pas' },
  headCircumference: { id: 'medical.measure.headCircumference', defaultMessage: 'Périmètre crânien' },
});

export const frequencyLabels: Record<keyof typeof frequencies, Message> = {
  daily: labels.daily,
  severalDaily: labels.severalDaily,
  weekly: labels.weekly,
  monthly: labels.monthly,
  asNeeded: labels.asNeeded,
  other: labels.otherFrequency,
};
export const severityLabels: Record<keyof typeof severities, Message> = {
  mild: labels.mild,
  moderate: labels.moderate,
  severe: labels.severe,
};
export const contactRoleLabels: Record<keyof typeof contactRoles, Message> = {
  emergency: labels.emergency,
  trusted: labels.trusted,
  caregiver: labels.caregiver,
  other: labels.otherContact,
};
export const glucoseMomentLabels: Record<keyof typeof glucoseMoments, Message> = {
  fasting: labels.fasting,
  postprandial: labels.postprandial,
  random: labels.random,
};
/** The name of each measure (shared measureKinds' `label`). */
export const measureLabels: Record<MeasureKind, Message> = {
  weight: labels.weight,
  height: labels.height,
  bmi: labels.bmi,
  waist: labels.waist,
  temperature: labels.temperature,
  glucose: labels.glucose,
  bloodPressure: labels.bloodPressure,
  pain: labels.pain,
  heartRate: labels.heartRate,
  steps: labels.steps,
  headCircumference: labels.headCircumference,
};

const formats = defineMessages({
  euros: { id: 'medical.format.euros', defaultMessage: '{amount} €' },
  steps: { id: 'medical.format.steps', defaultMessage: '{value} pas' },
});

/** "2025-04-01" (or a date-time) as people read it: « 1 avril 2025 » (shared frenchDay, in the chosen language). */
export function formatDay(intl: IntlShape, iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  return intl.formatDate(new Date(`${iso.slice(0, 10)}T12:00:00Z`), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** An amount in euros: « 30,00 € » (shared euros). */
export function formatEuros(intl: IntlShape, n: number | null): string {
  if (n === null) return '';
  const amount = intl.formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return intl.formatMessage(formats.euros, { amount });
}

/** A measured value as people read it: « 72,5 kg », « 120/80 mmHg », « 8/10 » (shared formatMeasure). */
export function formatMeasureValue(
  intl: IntlShape,
  v: Pick<MeasureValue, 'kind' | 'value' | 'systolic' | 'diastolic'>,
): string {
  const meta = measureKinds[v.kind];
  const unit = meta.display === '/10' ? meta.display : ` ${meta.display}`;
  if (v.kind === 'bloodPressure') return `${v.systolic}/${v.diastolic}${unit}`;
  if (v.value === null) return '';
  const value = intl.formatNumber(v.value, { maximumFractionDigits: meta.decimals }).replace(/\u202f/g, '\u00a0');
  return meta.display ? `${value}${unit}` : intl.formatMessage(formats.steps, { value });
}

const line = defineMessages({
  since: { id: 'medical.line.since', defaultMessage: 'depuis le {date}' },
  start: { id: 'medical.line.start', defaultMessage: 'du {date}' },
  end: { id: 'medical.line.end', defaultMessage: 'au {date}' },
  forCondition: { id: 'medical.line.forCondition', defaultMessage: 'pour : {condition}' },
  allergySeverity: { id: 'medical.line.severity', defaultMessage: 'sévérité {severity}' },
  dose: { id: 'medical.line.dose', defaultMessage: 'dose {dose}' },
  batch: { id: 'medical.line.batch', defaultMessage: 'lot {batch}' },
  vaccinator: { id: 'medical.line.vaccinator', defaultMessage: 'par {vaccinator}' },
});

const join = (...parts: unknown[]) =>
  parts.filter((p) => p !== undefined && p !== null && p !== '' && p !== false).join(' · ');

/**
 * One line describing an entry of a list, « Asthme · depuis le 1 avril 2025 »: shared itemLine (which the synthesis
 * PDF keeps), in the chosen language.
 */
export function formatItemLine(
  intl: IntlShape,
  kind: ItemKind,
  x: Record<string, unknown>,
  conditionNames: ReadonlyMap<string, string> = new Map(),
): string {
  const day = (iso: unknown) => formatDay(intl, iso);
  const label = (labels: Record<string, Message>, value: unknown) =>
    typeof value === 'string' && Object.hasOwn(labels, value) ? intl.formatMessage(labels[value]!) : undefined;
  switch (kind) {
    case 'conditions':
      return join(x.name, x.since && intl.formatMessage(line.since, { date: day(x.since) }), x.note);
    case 'treatments': {
      const condition = typeof x.conditionId === 'string' ? conditionNames.get(x.conditionId) : undefined;
      return join(
        x.name,
        x.dose,
        label(frequencyLabels, x.frequency),
        x.startDate && intl.formatMessage(line.start, { date: day(x.startDate) }),
        x.endDate && intl.formatMessage(line.end, { date: day(x.endDate) }),
        condition && intl.formatMessage(line.forCondition, { condition }),
      );
    }
    case 'allergies': {
      const severity = label(severityLabels, x.severity);
      return join(
        x.substance,
        x.reaction,
        severity && intl.formatMessage(line.allergySeverity, { severity: severity.toLocaleLowerCase(intl.locale) }),
      );
    }
    case 'vaccinations':
      return join(
        x.vaccine,
        day(x.date),
        x.doseNumber && intl.formatMessage(line.dose, { dose: String(x.doseNumber) }),
        x.batch && intl.formatMessage(line.batch, { batch: String(x.batch) }),
        x.vaccinator && intl.formatMessage(line.vaccinator, { vaccinator: String(x.vaccinator) }),
      );
    case 'contacts':
      return join(label(contactRoleLabels, x.role), x.name, x.relation, x.phone, x.phone2, x.email, x.address);
  }
}

/** One field of an entry's form; `options` makes it a list (value → label: a message, or a name shown as is). */
export interface Field {
  name: string;
  label: Message;
  type: 'text' | 'textarea' | 'date' | 'number' | 'email' | 'tel' | 'select';
  required?: boolean;
  hint?: Message;
  options?: Record<string, Message | string>;
  autoComplete?: string;
}

const none = { '': m.notSpecified };

/** The fields of each list's form, matching the shared schemas of shared/src/medical.ts. */
export const itemFields: Record<ItemKind, Field[]> = {
  conditions: [
    { name: 'name', label: m.conditionName, type: 'text', required: true, hint: m.conditionNameHint },
    { name: 'since', label: m.conditionSince, type: 'date' },
    { name: 'note', label: m.conditionNote, type: 'textarea' },
  ],
  treatments: [
    { name: 'name', label: m.treatmentName, type: 'text', required: true, hint: m.treatmentNameHint },
    { name: 'dose', label: m.treatmentDose, type: 'text', hint: m.treatmentDoseHint },
    { name: 'frequency', label: m.treatmentFrequency, type: 'select', options: { ...none, ...frequencyLabels } },
    { name: 'startDate', label: m.treatmentStart, type: 'date' },
    { name: 'endDate', label: m.treatmentEnd, type: 'date' },
    { name: 'conditionId', label: m.treatmentCondition, type: 'select', options: none },
  ],
  allergies: [
    { name: 'substance', label: m.allergySubstance, type: 'text', required: true, hint: m.allergySubstanceHint },
    { name: 'reaction', label: m.allergyReaction, type: 'text', hint: m.allergyReactionHint },
    { name: 'severity', label: m.allergySeverity, type: 'select', options: { ...none, ...severityLabels } },
  ],
  vaccinations: [
    {
      name: 'vaccine',
      label: m.vaccine,
      type: 'select',
      required: true,
      // The vaccines' names are the values the API takes, shown as they are.
      options: { '': m.chooseVaccine, ...Object.fromEntries(vaccines.map((v) => [v, v])) },
    },
    { name: 'date', label: m.vaccinationDate, type: 'date', required: true },
    { name: 'doseNumber', label: m.doseNumber, type: 'number' },
    { name: 'batch', label: m.batch, type: 'text' },
    { name: 'vaccinator', label: m.vaccinator, type: 'text', hint: m.vaccinatorHint },
  ],
  contacts: [
    {
      name: 'role',
      label: m.contactRole,
      type: 'select',
      required: true,
      options: { '': m.choose, ...contactRoleLabels },
    },
    { name: 'name', label: m.contactName, type: 'text', required: true, autoComplete: 'off' },
    { name: 'relation', label: m.contactRelation, type: 'text', hint: m.contactRelationHint },
    { name: 'phone', label: m.contactPhone, type: 'tel', autoComplete: 'off' },
    { name: 'phone2', label: m.contactPhone2, type: 'tel', autoComplete: 'off' },
    { name: 'email', label: m.contactEmail, type: 'email', autoComplete: 'off' },
    { name: 'address', label: m.contactAddress, type: 'textarea' },
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
