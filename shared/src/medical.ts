import { z } from 'zod';
import { isoDate, text as safeText } from './input.js';

/**
 * Vaccines of the French vaccination calendar, for the picker (list from ../reference/README.md, drawn from
 * the Ministry of Health's « calendrier des vaccinations »). Combined products cover several of these:
 * one line per valence given.
 */
export const vaccines = [
  'Diphtérie',
  'Tétanos',
  'Poliomyélite',
  'Coqueluche',
  'Haemophilus influenzae b',
  'Hépatite B',
  'Pneumocoque',
  'Méningocoques ACWY',
  'Méningocoque B',
  'Méningocoque C',
  'ROR (rougeole, oreillons, rubéole)',
  'BCG',
  'Rotavirus',
  'Papillomavirus (HPV)',
  'Grippe',
  'Zona',
  'COVID-19',
  'VRS',
  'Hépatite A',
  'Varicelle',
  'Fièvre jaune',
] as const;

const IsoDate = isoDate();
const text = (label: string, max = 200) =>
  safeText({ error: `Saisissez ${label}.` })
    .trim()
    .min(1, `Saisissez ${label}.`)
    .max(max, `${max} caractères au plus.`);
const optText = (max = 500) =>
  safeText()
    .trim()
    .max(max, `${max} caractères au plus.`)
    .optional()
    .transform((s) => s || undefined);
const optDate = IsoDate.optional().or(z.literal('').transform(() => undefined));

export const Condition = z
  .object({
    name: text('le nom de la maladie ou du sujet de santé'),
    since: optDate,
    note: optText(),
  })
  .strict();

export const frequencies = {
  daily: 'Tous les jours',
  severalDaily: 'Plusieurs fois par jour',
  weekly: 'Chaque semaine',
  monthly: 'Chaque mois',
  asNeeded: 'Si besoin',
  other: 'Autre',
} as const;
export const Treatment = z
  .object({
    name: text('le nom du traitement'),
    dose: optText(100),
    frequency: z
      .enum(Object.keys(frequencies) as [keyof typeof frequencies, ...(keyof typeof frequencies)[]])
      .optional(),
    startDate: optDate,
    endDate: optDate,
    conditionId: z
      .uuid('Maladie inconnue.')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .strict()
  .refine((t) => !t.startDate || !t.endDate || t.endDate >= t.startDate, {
    message: 'La date de fin ne peut pas précéder la date de début.',
    path: ['endDate'],
  });

export const severities = { mild: 'Légère', moderate: 'Modérée', severe: 'Sévère' } as const;
export const Allergy = z
  .object({
    substance: text('la substance'),
    reaction: optText(200),
    severity: z.enum(Object.keys(severities) as [keyof typeof severities, ...(keyof typeof severities)[]]).optional(),
  })
  .strict();

export const Vaccination = z
  .object({
    vaccine: z.enum(vaccines, { error: 'Choisissez un vaccin de la liste.' }),
    date: IsoDate,
    doseNumber: z
      .number()
      .int('Saisissez un nombre entier.')
      .min(1, 'Le numéro de dose va de 1 à 10.')
      .max(10, 'Le numéro de dose va de 1 à 10.')
      .optional(),
    batch: optText(40),
    vaccinator: optText(120),
  })
  .strict();

export const contactRoles = {
  emergency: "Personne à prévenir en cas d'urgence",
  trusted: 'Personne de confiance',
  caregiver: 'Aidant',
  other: 'Autre contact',
} as const;
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{6,20}$/, 'Numéro de téléphone invalide (chiffres, espaces, points, tirets).');
export const Contact = z
  .object({
    role: z.enum(Object.keys(contactRoles) as [keyof typeof contactRoles, ...(keyof typeof contactRoles)[]], {
      error: 'Choisissez le type de contact.',
    }),
    name: text('le nom du contact', 120),
    relation: optText(80),
    phone: Phone.optional().or(z.literal('').transform(() => undefined)),
    phone2: Phone.optional().or(z.literal('').transform(() => undefined)),
    email: z
      .email('Adresse e-mail invalide.')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    address: optText(300),
  })
  .strict()
  .refine((c) => c.phone || c.email || c.address, {
    message: 'Indiquez au moins un téléphone, une adresse e-mail ou une adresse postale.',
    path: ['phone'],
  });

/** The lists of the medical profile, each with its schema, its path segment and its interface labels. */
export const itemKinds = {
  conditions: {
    schema: Condition,
    section: 'Maladies et sujets de santé',
    one: 'une maladie ou un autre sujet de santé',
    title: (d: Record<string, unknown>) => String(d.name),
  },
  treatments: {
    schema: Treatment,
    section: 'Traitements',
    one: 'un traitement',
    title: (d: Record<string, unknown>) => String(d.name),
  },
  allergies: {
    schema: Allergy,
    section: 'Allergies',
    one: 'une allergie',
    title: (d: Record<string, unknown>) => String(d.substance),
  },
  vaccinations: {
    schema: Vaccination,
    section: 'Vaccinations',
    one: 'une vaccination',
    title: (d: Record<string, unknown>) => String(d.vaccine),
  },
  contacts: {
    schema: Contact,
    section: 'Entourage',
    one: 'un contact',
    title: (d: Record<string, unknown>) => String(d.name),
  },
} as const;
export type ItemKind = keyof typeof itemKinds;
export const ItemKind = z.enum(Object.keys(itemKinds) as [ItemKind, ...ItemKind[]]);
export type ItemData<K extends ItemKind> = z.infer<(typeof itemKinds)[K]['schema']>;

/** An item as the API shows it: its data as validated, plus id and dates. */
export const ItemView = z.object({
  id: z.uuid(),
  kind: ItemKind,
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ItemView = z.infer<typeof ItemView>;

export const donationStances = {
  favorable: 'Je suis favorable au don de mes organes et tissus après ma mort',
  opposed: "Je m'oppose au don de mes organes et tissus (inscription au registre national des refus à faire aussi)",
  undecided: "Je n'ai pas encore pris position",
} as const;
export const DonationStance = z.enum(
  Object.keys(donationStances) as [keyof typeof donationStances, ...(keyof typeof donationStances)[]],
);

/** « Volontés »: advance directives written in a form (adults only) and the organ donation stance. */
export const WishesInput = z
  .object({
    directives: safeText().trim().max(10000, '10 000 caractères au plus.').nullable().optional(),
    donationStance: DonationStance.nullable().optional(),
    donationNote: safeText().trim().max(1000, '1 000 caractères au plus.').nullable().optional(),
  })
  .strict();
export const WishesView = z.object({
  directives: z.string().nullable(),
  directivesUpdatedAt: z.string().nullable(),
  donationStance: DonationStance.nullable(),
  donationNote: z.string().nullable(),
  /** False for a minor: advance directives are for adults only (R4.5). */
  directivesAllowed: z.boolean(),
});
export type WishesView = z.infer<typeof WishesView>;

/** A line of the care history (reimbursed care imported by the operator). */
export const CareEventView = z.object({
  id: z.uuid(),
  date: z.string(),
  kind: z.string(),
  professional: z.string().nullable(),
  amount: z.number().nullable(),
  reimbursed: z.number().nullable(),
});
export type CareEventView = z.infer<typeof CareEventView>;
export const CareQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  kind: safeText().max(100).optional(),
});

/** Sections a synthesis PDF may hold, in the order printed. */
export const synthesisSections = {
  conditions: 'Maladies et sujets de santé',
  treatments: 'Traitements',
  allergies: 'Allergies',
  vaccinations: 'Vaccinations',
  measures: 'Mesures de santé',
  contacts: 'Entourage',
  wishes: 'Volontés',
  care: 'Historique de soins',
} as const;
export type SynthesisSection = keyof typeof synthesisSections;
export const SynthesisSection = z.enum(Object.keys(synthesisSections) as [SynthesisSection, ...SynthesisSection[]]);

/** Whole years between a birth date and today (or `on`): the one age rule of age.ts. */
export { ageOn as ageInYears } from './age.js';
