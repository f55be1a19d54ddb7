import { z } from 'zod';
import { isoDate, text } from './input.js';

/**
 * Document categories shown to patients: the real service's codes and labels (R7.4). DOC_ADM, the
 * administrative papers, lives in a space of its own.
 */
export const healthCategories = {
  SYNTHESE: 'Ma santé en résumé',
  ORD_SOIN: 'Ordonnances et soins',
  RADIO_SC: 'Radio, écho, scanner, IRM',
  BIOLOGIE: 'Résultats de biologie',
  CPT_REND: 'Comptes rendus',
  DEPISTAG: 'Prévention et dépistages',
  CERT_MED: 'Certificats médicaux',
  SYNTH_PML: 'Synthèse médicale',
  DIR_ANT: 'Directives anticipées',
  QUEST_SANTE: 'Questionnaire santé',
  AUTR_DOC: 'Autres documents',
} as const;
export const ADMIN_CATEGORY = 'DOC_ADM';
export const categoryLabels: Record<string, string> = {
  ...healthCategories,
  [ADMIN_CATEGORY]: 'Pièces administratives',
};

export type HealthCategory = keyof typeof healthCategories;
export const HealthCategory = z.enum(Object.keys(healthCategories) as [HealthCategory, ...HealthCategory[]]);
export const Category = z.enum([...HealthCategory.options, ADMIN_CATEGORY]);
export const Space = z.enum(['health', 'admin']);
export type Space = z.infer<typeof Space>;

/**
 * CI-SIS type codes (LOINC) of professionals' documents and the patient category each is filed under.
 * The mapping is Carnet's own (the reference leaves it to the project): see docs/architecture.md.
 */
export const typeCodes: Record<string, { label: string; category: HealthCategory | typeof ADMIN_CATEGORY }> = {
  '11488-4': { label: 'CR ou fiche de consultation ou de visite', category: 'CPT_REND' },
  '11490-0': { label: "Lettre de liaison à la sortie d'un établissement de soins", category: 'CPT_REND' },
  '11502-2': { label: "CR d'examens biologiques", category: 'BIOLOGIE' },
  '18748-4': { label: "CR d'imagerie médicale", category: 'RADIO_SC' },
  '34112-3': { label: 'CR hospitalier (séjour)', category: 'CPT_REND' },
  '34874-8': { label: 'CR opératoire', category: 'CPT_REND' },
  '15507-7': { label: 'CR de passage aux urgences', category: 'CPT_REND' },
  '77436-4': { label: "CR d'anesthésie", category: 'CPT_REND' },
  '34749-2': { label: 'CR de consultation pré-anesthésique', category: 'CPT_REND' },
  '60568-3': { label: "CR d'anatomie et de cytologie pathologiques", category: 'BIOLOGIE' },
  '18761-7': { label: 'Note de transfert', category: 'CPT_REND' },
  '68817-6': { label: "Bilan de santé et de prévention de l'enfant", category: 'DEPISTAG' },
  '57833-6': { label: 'Prescription de produits de santé', category: 'ORD_SOIN' },
  '57832-8': { label: 'Prescription de soins', category: 'ORD_SOIN' },
  '57828-6': { label: 'Prescription (autre)', category: 'ORD_SOIN' },
  '60591-5': { label: 'Synthèse médicale', category: 'SYNTH_PML' },
  '60593-1': { label: 'Dispensation médicamenteuse', category: 'ORD_SOIN' },
  '87273-9': { label: 'Note de vaccination', category: 'DEPISTAG' },
  '11369-6': { label: 'Historique des vaccinations', category: 'DEPISTAG' },
  '89601-9': { label: 'Certificat médical', category: 'CERT_MED' },
  '96349-6': { label: "Lettre d'adressage", category: 'CPT_REND' },
  '85208-7': { label: 'CR de télémédecine', category: 'CPT_REND' },
  '51851-4': { label: 'Document administratif', category: ADMIN_CATEGORY },
  '74465-6': { label: 'Questionnaire patient', category: 'QUEST_SANTE' },
};

/** The formats accepted, decided from the content; PNG is converted and stored as JPEG. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const acceptedFormats = ['JPG', 'PDF', 'PNG', 'TXT', 'RTF', 'TIF'] as const;
export const acceptAttribute =
  '.jpg,.jpeg,.pdf,.png,.txt,.rtf,.tif,.tiff,image/jpeg,image/png,image/tiff,application/pdf,text/plain,application/rtf';

export const DocumentView = z.object({
  id: z.uuid(),
  title: z.string(),
  category: Category,
  categoryLabel: z.string(),
  space: Space,
  documentDate: z.string().nullable(),
  author: z.object({ kind: z.enum(['patient', 'professional', 'import']), name: z.string().nullable() }),
  typeCode: z.string().nullable(),
  mimeType: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  hiddenFromProfessionals: z.boolean(),
  /** Only sent to the profile's own person: a representative never sees such documents at all. */
  hiddenFromRepresentatives: z.boolean().optional(),
  createdAt: z.string(),
  /** Set on an upload whose PNG was converted to JPEG. */
  converted: z.boolean().optional(),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const DocumentList = z.object({
  documents: z.array(DocumentView),
  settings: z.object({ hideNewFromProfessionals: z.boolean() }),
  /**
   * Whether the viewer may mark documents invisible to legal representatives (a minor's own profile viewed by… nobody
   * but the minor).
   */
  canHideFromRepresentatives: z.boolean(),
  /** Whether the viewer may hide documents from professionals (managing access: not a caregiver, R5). */
  canHideFromProfessionals: z.boolean(),
});
export type DocumentList = z.infer<typeof DocumentList>;

export const DocumentQuery = z.object({
  space: Space.default('health'),
  category: Category.optional(),
  q: text().max(200).optional(),
  sort: z.enum(['date_desc', 'date_asc']).default('date_desc'),
});

const documentDate = isoDate({ required: 'Saisissez une date valide.', shape: 'Saisissez une date valide.' });
export const DocumentPatch = z
  .object({
    title: text()
      .trim()
      .min(1, { error: 'Saisissez un titre.' })
      .max(200, { error: 'Le titre fait au plus 200 caractères.' }),
    category: Category,
    documentDate: documentDate.nullable(),
    hiddenFromProfessionals: z.boolean(),
    hiddenFromRepresentatives: z.boolean(),
  })
  .partial();
export type DocumentPatch = z.infer<typeof DocumentPatch>;

export const DocumentSettingsPatch = z.object({ hideNewFromProfessionals: z.boolean() });

/** Upload answer: the stored document(s). */
export const UploadResult = z.object({ document: DocumentView });
