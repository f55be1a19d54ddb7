import { z } from 'zod';
import { defineRoute } from '../contract.js';
import {
  ConversationList,
  ConversationView,
  DraftInput,
  NotificationSettings,
  ProConversationSummary,
  ProConversationView,
  Recipient,
} from '../messaging.js';

const ProfileParams = z.object({ profileId: z.uuid() });
const IdParams = ProfileParams.extend({ id: z.uuid() });
const ProIdParams = z.object({ id: z.uuid() });
const tags = ['messaging'] as const;
const base = '/api/profiles/:profileId/messaging';
const messages = { profile: 'messages' } as const;
const anId = { id: '6f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f' };
const Page = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
const Sent = z.object({ messageId: z.uuid(), sentAt: z.string() });
const fileErrors = [400, 401, 403, 404, 409, 413, 415, 422] as const;

/**
 * Secure messaging (R9, issue 11). The patient's side acts on `:profileId` with the capability
 * `messages` (the person, a legal representative or a caregiver); the professional's side is
 * `professional` (their session). Sends take multipart/form-data: a `fields` part (JSON, see
 * SendFields / ProSendFields) and `file` parts; without files, JSON of the same fields.
 */
export const messagingRoutes = {
  list: defineRoute({ method: 'GET', path: `${base}/conversations`, operationId: 'listConversations', summary: 'The address, the unread count and one page of conversations', tags, access: messages, params: ProfileParams, query: Page, responses: { 200: ConversationList } }),
  unread: defineRoute({ method: 'GET', path: `${base}/unread`, operationId: 'unreadMessages', summary: 'Unread messages (header, home page)', tags, access: messages, params: ProfileParams, responses: { 200: z.object({ unread: z.number().int() }) } }),
  read: defineRoute({ method: 'GET', path: `${base}/conversations/:id`, operationId: 'readConversation', summary: 'Every message with that professional, oldest first; marks them read', tags, access: messages, params: IdParams, responses: { 200: ConversationView }, example: { params: anId } }),
  recipients: defineRoute({ method: 'GET', path: `${base}/recipients`, operationId: 'messageRecipients', summary: '« Nouveau message »: professionals who wrote and did not end the exchanges', tags, access: messages, params: ProfileParams, responses: { 200: z.object({ recipients: z.array(Recipient) }) } }),
  saveDraft: defineRoute({ method: 'PUT', path: `${base}/conversations/:id/draft`, operationId: 'saveDraft', summary: 'The automatic draft of a reply', tags, access: messages, params: IdParams, body: DraftInput, responses: { 200: z.object({ updatedAt: z.string() }) }, example: { params: anId, body: { subject: 'Re', body: 'Bonjour' } } }),
  deleteDraft: defineRoute({ method: 'DELETE', path: `${base}/conversations/:id/draft`, operationId: 'deleteDraft', summary: 'Delete the draft', tags, access: messages, params: IdParams, responses: { 204: z.null() }, example: { params: anId } }),
  send: defineRoute({ method: 'POST', path: `${base}/conversations/:id/messages`, operationId: 'sendMessage', summary: 'Reply (or a new message) to the professional of this conversation', tags, access: messages, params: IdParams, consumes: ['multipart/form-data'], responses: { 201: Sent }, errors: fileErrors, example: { params: anId } }),
  remove: defineRoute({ method: 'DELETE', path: `${base}/conversations/:id`, operationId: 'deleteConversation', summary: "Delete the person's copy of a conversation", tags, access: messages, params: IdParams, responses: { 204: z.null() }, example: { params: anId } }),
  attachment: defineRoute({ method: 'GET', path: `${base}/attachments/:id`, operationId: 'messageAttachment', summary: 'An attachment: inline for PDF and images, attachment otherwise', tags, access: messages, params: IdParams, query: z.object({ download: z.enum(['1']).optional() }), responses: { 200: z.any() }, example: { params: anId } }),
  saveAttachment: defineRoute({ method: 'POST', path: `${base}/attachments/:id/document`, operationId: 'saveAttachmentToDocuments', summary: '« Ajouter une pièce jointe aux documents de Mon espace santé »', tags, access: { profile: 'health:write' }, params: IdParams, body: z.object({}).strict(), responses: { 201: z.object({ documentId: z.uuid() }) }, errors: fileErrors, example: { params: anId, body: {} } }),
  notificationSettings: defineRoute({ method: 'GET', path: '/api/profiles/:profileId/notification-settings', operationId: 'notificationSettings', summary: 'Notices wanted per kind', tags: ['settings'], access: { profile: 'contacts:manage' }, params: ProfileParams, responses: { 200: NotificationSettings } }),
  saveNotificationSettings: defineRoute({ method: 'PUT', path: '/api/profiles/:profileId/notification-settings', operationId: 'saveNotificationSettings', summary: 'Choose the notices per kind', tags: ['settings'], access: { profile: 'contacts:manage' }, params: ProfileParams, body: NotificationSettings, responses: { 200: NotificationSettings }, example: { body: { messages: true, documents: true, accesses: 'first', agenda: true } } }),

  proList: defineRoute({ method: 'GET', path: '/api/pro/messaging/conversations', operationId: 'proConversations', summary: "The professional's conversations, latest first", tags, access: 'professional', query: Page, responses: { 200: z.object({ conversations: z.array(ProConversationSummary) }) } }),
  proRead: defineRoute({ method: 'GET', path: '/api/pro/messaging/conversations/:id', operationId: 'proReadConversation', summary: "The professional's copy of a conversation; marks replies read", tags, access: 'professional', params: ProIdParams, responses: { 200: ProConversationView }, example: { params: anId } }),
  proSend: defineRoute({ method: 'POST', path: '/api/pro/messaging/messages', operationId: 'proSendMessage', summary: 'Write to a patient found by INS (NIR and birth date)', tags, access: 'professional', consumes: ['multipart/form-data'], responses: { 201: z.object({ conversationId: z.uuid(), messageId: z.uuid() }) }, errors: fileErrors }),
  proEnd: defineRoute({ method: 'POST', path: '/api/pro/messaging/conversations/:id/end', operationId: 'proEndExchanges', summary: 'End the exchanges with this patient (until the professional writes again)', tags, access: 'professional', params: ProIdParams, body: z.object({}).strict(), responses: { 204: z.null() }, example: { params: anId, body: {} } }),
  proAttachment: defineRoute({ method: 'GET', path: '/api/pro/messaging/attachments/:id', operationId: 'proMessageAttachment', summary: 'An attachment of one of the professional\'s conversations', tags, access: 'professional', params: ProIdParams, query: z.object({ download: z.enum(['1']).optional() }), responses: { 200: z.any() }, example: { params: anId } }),
  proSmtpCredential: defineRoute({ method: 'POST', path: '/api/pro/messaging/smtp-credential', operationId: 'proIssueSmtpCredential', summary: 'SMTP credentials for the professional\'s mail software (password shown once)', tags, access: 'professional', body: z.object({}).strict(), responses: { 201: z.object({ username: z.string(), password: z.string(), port: z.number().int() }) }, example: { body: {} } }),
};
