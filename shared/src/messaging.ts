import { z } from 'zod';

/** « Je renseigne le sujet de mon message (limite à 80 caractères) », counted as people see characters. */
export const MAX_SUBJECT_CHARS = 80;
export const MAX_BODY_CHARS = 20_000;
/** Each attachment follows the documents' limit; a message carries at most 10 MB of attachments, 10 files. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_MESSAGE_ATTACHMENTS_BYTES = 10 * 1024 * 1024;
export const MAX_MESSAGE_FILES = 10;
export const CONVERSATIONS_PAGE_SIZE = 20;

/** Characters as people see them (grapheme clusters: « é » typed as e + accent, 👩‍⚕️ count one each). */
export function visibleLength(text: string): number {
  const seg = new Intl.Segmenter('fr', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of seg.segment(text)) n++;
  return n;
}

export const Subject = z
  .string()
  .trim()
  .min(1, { error: 'Saisissez un objet.' })
  .refine((s) => visibleLength(s) <= MAX_SUBJECT_CHARS, { error: "L'objet fait au plus 80 caractères." });
export const Body = z.string().max(MAX_BODY_CHARS, { error: 'Le message fait au plus 20 000 caractères.' });

export const ProfessionalRef = z.object({ id: z.uuid(), name: z.string() });

export const ConversationSummary = z.object({
  id: z.uuid(),
  professional: ProfessionalRef,
  /** « Nom de l'expéditeur du dernier message de la conversation ». */
  lastSender: z.string(),
  subject: z.string(),
  lastAt: z.string(),
  hasAttachments: z.boolean(),
  unread: z.number().int(),
  hasDraft: z.boolean(),
  /** Set when this professional ended the exchanges. */
  endedAt: z.string().nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationList = z.object({
  /** The address to give professionals, or null when the space has no INS matricule (NIR). */
  address: z.string().nullable(),
  unread: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
  conversations: z.array(ConversationSummary),
});

export const AttachmentView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  /** Shown in the page (PDF, JPEG); otherwise « pas visible »: the notice and a download. */
  viewable: z.boolean(),
  /** Passes the Documents' content rules: « Ajouter une pièce jointe aux documents de Mon espace santé ». */
  compatible: z.boolean(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const MessageView = z.object({
  id: z.uuid(),
  direction: z.enum(['to_patient', 'to_professional']),
  /** Who wrote it, as shown: the professional, or the person (or whoever wrote on their behalf). */
  from: z.string(),
  subject: z.string(),
  body: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  /** « Ce message a été rédigé par X, l'aidant de Y. » when someone wrote on the person's behalf. */
  onBehalfNote: z.string().nullable(),
  attachments: z.array(AttachmentView),
});
export type MessageView = z.infer<typeof MessageView>;

/** A file of the device kept with a draft (stored encrypted like an attachment). */
export const DraftFile = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
});
export type DraftFile = z.infer<typeof DraftFile>;

/** The automatic draft, with the attachments chosen so far (documents by reference, the synthesis as a flag). */
export const Draft = z.object({
  subject: z.string(),
  body: z.string(),
  updatedAt: z.string(),
  documents: z.array(z.object({ id: z.uuid(), title: z.string() })),
  synthesis: z.boolean(),
  files: z.array(DraftFile),
});

export const ConversationView = z.object({
  id: z.uuid(),
  professional: ProfessionalRef,
  confidential: z.boolean(),
  endedAt: z.string().nullable(),
  messages: z.array(MessageView),
  draft: Draft.nullable(),
});
export type ConversationView = z.infer<typeof ConversationView>;

export const Recipient = z.object({ conversationId: z.uuid(), professional: ProfessionalRef });

export const DraftInput = z.object({
  subject: z.string().max(400),
  body: Body,
  documentIds: z.array(z.uuid()).max(MAX_MESSAGE_FILES).default([]),
  synthesis: z.boolean().default(false),
});

/** What the reply form sends besides its files (multipart fields, or JSON when there is no file). */
export const SendFields = z.object({
  subject: Subject,
  body: Body,
  /** Documents of the space (health or administrative papers) to attach. */
  documentIds: z.array(z.uuid()).max(MAX_MESSAGE_FILES).default([]),
  /** « mon Profil Médical »: the synthesis PDF of these sections is generated and attached. */
  synthesis: z.boolean().default(false),
  /** Files of the device already stored with the draft (they become the message's attachments). */
  draftFileIds: z.array(z.uuid()).max(MAX_MESSAGE_FILES).default([]),
});

/** A professional's message: to a patient found by INS (NIR and birth date), or in one of their conversations. */
export const ProSendFields = z
  .object({
    nir: z
      .string()
      .regex(/^[0-9]{13}[0-9]{2}$|^[0-9]{5}[AB][0-9]{7}[0-9]{2}$/i, { error: 'Saisissez un NIR de 15 caractères.' })
      .optional(),
    birthDate: z.iso.date({ error: 'Saisissez une date de naissance valide.' }).optional(),
    conversationId: z.uuid().optional(),
    subject: Subject,
    body: Body,
    confidential: z.boolean().default(false),
  })
  .refine((f) => f.conversationId || (f.nir && f.birthDate), {
    error: 'Saisissez le NIR et la date de naissance du patient.',
    path: ['nir'],
  });

export const ProConversationSummary = z.object({
  id: z.uuid(),
  patient: z.object({ name: z.string(), address: z.string().nullable() }),
  lastAt: z.string().nullable(),
  unread: z.number().int(),
  endedAt: z.string().nullable(),
  confidential: z.boolean(),
});

export const ProConversationView = z.object({
  id: z.uuid(),
  patient: z.object({ name: z.string(), address: z.string().nullable() }),
  confidential: z.boolean(),
  endedAt: z.string().nullable(),
  messages: z.array(MessageView),
});

export const NotificationSettings = z.object({
  messages: z.boolean(),
  documents: z.boolean(),
  accesses: z.enum(['first', 'every', 'never']),
  agenda: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;
