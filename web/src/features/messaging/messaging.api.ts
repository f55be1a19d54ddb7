import { useCallback, useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api';
import { call, hrefOf } from '../../client';
import { messagingRoutes as r } from '../../../../shared/src/routes/messaging.routes.js';
import { routeUrl, type CallOutput, type RouteDef } from '../../../../shared/src/contract.js';
import type { DraftInput, NotificationSettings, ProSendFields, SendFields } from '../../../../shared/src/messaging.js';
import { profileKey, proKey, sameProfile, useInvalidate } from '../../query';

export type Conversation = CallOutput<typeof r.read>;
export type RestoredDraft = NonNullable<Conversation['draft']>;
export type Recipients = CallOutput<typeof r.recipients>['recipients'];
export type SmtpCredential = CallOutput<typeof r.proSmtpCredential>;

/** A send with files: multipart, the fields as JSON in a `fields` part, then `file` parts. */
function callForm<D extends RouteDef>(
  def: D,
  params: Record<string, string>,
  fields: unknown,
  files: File[],
): Promise<CallOutput<D>> {
  const form = new FormData();
  form.append('fields', JSON.stringify(fields));
  for (const f of files) form.append('file', f, f.name);
  return api<CallOutput<D>>(routeUrl(def.path, params), { method: def.method, body: form });
}

/** What the composer sends besides the device's files (the `fields` part; the send route takes multipart). */
export type Outgoing = z.input<typeof SendFields>;

/** The messaging API, always for the open profile; typed by the shared contract. */
export const messagingApi = {
  list: (profileId: string, page: number, signal?: AbortSignal) =>
    call(r.list, { params: { profileId }, query: { page } }, signal),
  unread: (profileId: string, signal?: AbortSignal) => call(r.unread, { params: { profileId } }, signal),
  read: (profileId: string, id: string, signal?: AbortSignal) => call(r.read, { params: { profileId, id } }, signal),
  recipients: (profileId: string, signal?: AbortSignal) => call(r.recipients, { params: { profileId } }, signal),
  saveDraft: (profileId: string, id: string, body: z.input<typeof DraftInput>) =>
    call(r.saveDraft, { params: { profileId, id }, body }),
  deleteDraft: (profileId: string, id: string) => call(r.deleteDraft, { params: { profileId, id } }),
  addDraftFile: (profileId: string, id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<CallOutput<typeof r.addDraftFile>>(routeUrl(r.addDraftFile.path, { profileId, id }), {
      method: 'POST',
      body: form,
    });
  },
  removeDraftFile: (profileId: string, id: string, fileId: string) =>
    call(r.removeDraftFile, { params: { profileId, id, fileId } }),
  send: (profileId: string, id: string, out: Outgoing, files: File[]) =>
    callForm(r.send, { profileId, id }, out, files),
  remove: (profileId: string, id: string) => call(r.remove, { params: { profileId, id } }),
  attachmentUrl: (profileId: string, id: string, download = false) =>
    hrefOf(r.attachment, { params: { profileId, id }, query: download ? { download: '1' } : {} }),
  saveAttachment: (profileId: string, id: string) => call(r.saveAttachment, { params: { profileId, id }, body: {} }),
  notificationSettings: (profileId: string, signal?: AbortSignal) =>
    call(r.notificationSettings, { params: { profileId } }, signal),
  saveNotificationSettings: (profileId: string, body: NotificationSettings) =>
    call(r.saveNotificationSettings, { params: { profileId }, body }),
};

/** The professional's side (/pro/messagerie). */
export const proMessagingApi = {
  list: (signal?: AbortSignal) => call(r.proList, { query: { page: 1 } }, signal),
  read: (id: string, signal?: AbortSignal) => call(r.proRead, { params: { id } }, signal),
  send: (fields: z.input<typeof ProSendFields>, files: File[]) => callForm(r.proSend, {}, fields, files),
  end: (id: string) => call(r.proEnd, { params: { id }, body: {} }),
  attachmentUrl: (id: string) => hrefOf(r.proAttachment, { params: { id }, query: { download: '1' } }),
  smtpCredential: () => call(r.proSmtpCredential, { body: {} }),
};

/**
 * Query keys of the messaging: all under `['profile', profileId, 'messaging']`, so that a late answer for one
 * profile can never be shown for another. The professional's side lives under `['pro', 'messaging']`.
 */
export const messagingKeys = {
  all: (profileId: string) => profileKey(profileId, 'messaging'),
  lists: (profileId: string) => profileKey(profileId, 'messaging', 'list'),
  list: (profileId: string, page: number) => profileKey(profileId, 'messaging', 'list', page),
  unread: (profileId: string) => profileKey(profileId, 'messaging', 'unread'),
  conversation: (profileId: string, id: string) => profileKey(profileId, 'messaging', 'conversation', id),
  recipients: (profileId: string) => profileKey(profileId, 'messaging', 'recipients'),
  pro: proKey('messaging'),
  proList: proKey('messaging', 'list'),
  proConversation: (id: string) => proKey('messaging', 'conversation', id),
};

/** The address, the unread count and one page of conversations. */
export function useConversations(profileId: string, page: number) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: messagingKeys.list(profileId, page),
    queryFn: ({ signal }) => messagingApi.list(profileId, page, signal),
    placeholderData: sameProfile(profileId),
  });
  // The list carries the unread count: the header's badge takes it rather than asking again.
  const unread = query.isPlaceholderData ? undefined : query.data?.unread;
  useEffect(() => {
    if (unread !== undefined) queryClient.setQueryData(messagingKeys.unread(profileId), { unread });
  }, [queryClient, profileId, unread]);
  return query;
}

/**
 * A conversation. Reading it marks its messages read on the server, so the unread count and the list are
 * invalidated once it arrives. Not kept after the page leaves (gcTime 0): the reply form starts from the
 * draft as the server has it now, never from a copy read before the last automatic save.
 */
export function useConversation(profileId: string, id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: messagingKeys.conversation(profileId, id),
    queryFn: async ({ signal }) => {
      const c = await messagingApi.read(profileId, id, signal);
      void queryClient.invalidateQueries({ queryKey: messagingKeys.unread(profileId) });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.lists(profileId) });
      return c;
    },
    gcTime: 0,
  });
}

/** « Nouveau message »: the professionals one may write to. */
export const useRecipients = (profileId: string) =>
  useQuery({
    queryKey: messagingKeys.recipients(profileId),
    queryFn: ({ signal }) => messagingApi.recipients(profileId, signal),
  });

/**
 * The open profile's unread messages: one query shared by the header's badge and the home page (R12), read
 * again when a conversation is read, a message sent or a conversation deleted (they invalidate it).
 */
export function useUnread(profileId: string | null): number | null {
  const query = useQuery({
    queryKey: messagingKeys.unread(profileId ?? ''),
    queryFn: ({ signal }) => messagingApi.unread(profileId!, signal),
    enabled: profileId !== null,
  });
  return query.data?.unread ?? null;
}

/** After a send or a deletion: the list, the unread count and the open conversation are read again. */
export function useMessagingChanged(profileId: string): () => Promise<void> {
  const invalidate = useInvalidate();
  return useCallback(() => invalidate(messagingKeys.all(profileId)), [invalidate, profileId]);
}

/** After a draft is saved, changed or deleted: the list's « Brouillon » tag is read again when shown. */
export function useDraftChanged(profileId: string): () => Promise<void> {
  const invalidate = useInvalidate();
  return useCallback(() => invalidate(messagingKeys.lists(profileId)), [invalidate, profileId]);
}

/** The professional's conversations (portal). */
export const useProConversations = () =>
  useQuery({ queryKey: messagingKeys.proList, queryFn: ({ signal }) => proMessagingApi.list(signal) });

/** One of the professional's conversations; reading it marks the replies read, so the list is invalidated. */
export function useProConversation(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: messagingKeys.proConversation(id),
    queryFn: async ({ signal }) => {
      const c = await proMessagingApi.read(id, signal);
      void queryClient.invalidateQueries({ queryKey: messagingKeys.proList });
      return c;
    },
  });
}
