import { grantMessagingAccess, type AccessContext } from './access.js';

/**
 * A professional's context on a patient's messaging (R9, issue 11). MSSanté is a trust space: any known
 * professional may write to a patient's address, whatever the patient's access lists say about the
 * health record (those govern the record, not the mail); the messaging service then refuses a professional
 * the patient blocked. The context opens only what the messaging repository scopes by this professional:
 * their own conversation with that patient, never the record: its purpose is 'messages', which every
 * repository of the record refuses.
 */
export function professionalMessagingAccess(
  pro: { professionalId: string; rpps: string },
  profileId: string,
): AccessContext {
  return grantMessagingAccess(
    { kind: 'professional', professionalId: pro.professionalId, rpps: pro.rpps },
    profileId,
    'professional',
    // Their own exchange, confidential or not; nothing of the documents.
    { hiddenFromRepresentatives: true, hiddenFromProfessionals: false, invisibleToPatient: false },
  );
}
