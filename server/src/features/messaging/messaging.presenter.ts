import type { AttachmentView, DraftFile, MessageView } from '../../../../shared/src/messaging.js';

/** How a professional is named to patients: « Dr » before a physician's name (profession code 10). */
export function professionalName(p: { pro_first_name: string; pro_last_name: string; pro_profession: string }): string {
  return `${p.pro_profession === '10' ? 'Dr ' : ''}${p.pro_first_name} ${p.pro_last_name}`;
}

/** A person's name as shown in messages: used first name and birth name. */
export function personName(p: { used_first_name: string; birth_name: string }): string {
  return `${p.used_first_name} ${p.birth_name}`;
}

/** « Ce message a été rédigé par X, l'aidant de Y. » (and its wording for a legal representative). */
export function onBehalfNote(relation: string | null, author: string | null, onBehalfOf: string | null): string | null {
  if (!author || !onBehalfOf) return null;
  if (relation === 'caregiver') return `Ce message a été rédigé par ${author}, l'aidant de ${onBehalfOf}.`;
  if (relation === 'representative')
    return `Ce message a été rédigé par ${author}, représentant légal de ${onBehalfOf}.`;
  return null;
}

/** Shown in the page: PDF and JPEG (every PNG is stored as JPEG); other formats get the notice and a download. */
export function viewable(mimeType: string): boolean {
  return mimeType === 'application/pdf' || mimeType === 'image/jpeg';
}

export function presentAttachment(a: {
  id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  compatible: boolean;
}): AttachmentView {
  return {
    id: a.id,
    fileName: a.file_name,
    mimeType: a.mime_type,
    sizeBytes: a.size_bytes,
    viewable: viewable(a.mime_type),
    compatible: a.compatible,
  };
}

export function presentMessage(
  m: {
    id: string;
    direction: 'to_patient' | 'to_professional';
    sent_at: Date;
    read_at: Date | null;
    author_relation: string | null;
    author_name: string | null;
    on_behalf_of_name: string | null;
  },
  text: { subject: string; body: string },
  professional: string,
  attachments: AttachmentView[],
): MessageView {
  return {
    id: m.id,
    direction: m.direction,
    from: m.direction === 'to_patient' ? professional : (m.author_name ?? ''),
    subject: text.subject,
    body: text.body,
    sentAt: m.sent_at.toISOString(),
    readAt: m.read_at?.toISOString() ?? null,
    onBehalfNote: onBehalfNote(m.author_relation, m.author_name, m.on_behalf_of_name),
    attachments,
  };
}

/** A device file kept with a draft. */
export function presentDraftFile(f: {
  id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
}): DraftFile {
  return { id: f.id, fileName: f.file_name, mimeType: f.mime_type, sizeBytes: f.size_bytes };
}
