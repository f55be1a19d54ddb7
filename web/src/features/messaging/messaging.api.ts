import { useEffect, useState } from 'react';
import { api } from '../../api';
import { call, hrefOf } from '../../client';
import { messagingRoutes as r } from '../../../../shared/src/routes/messaging.routes.js';
import { routeUrl, type CallOutput, type RouteDef } from '../../../../shared/src/contract.js';
import type { NotificationSettings } from '../../../../shared/src/messaging.js';

export type ConversationList = CallOutput<typeof r.list>;
export type Conversation = CallOutput<typeof r.read>;
export type Recipients = CallOutput<typeof r.recipients>['recipients'];
export type ProConversation = CallOutput<typeof r.proRead>;

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

/** What the composer sends besides the device's files. */
export interface Outgoing {
  subject: string;
  body: string;
  documentIds: string[];
  synthesis: boolean;
  draftFileIds: string[];
}

/** The messaging API, always for the open profile; typed by the shared contract. */
export const messagingApi = {
  list: (profileId: string, page: number, signal?: AbortSignal) =>
    call(r.list, { params: { profileId }, query: { page } }, signal),
  unread: (profileId: string, signal?: AbortSignal) => call(r.unread, { params: { profileId } }, signal),
  read: (profileId: string, id: string, signal?: AbortSignal) => call(r.read, { params: { profileId, id } }, signal),
  recipients: (profileId: string, signal?: AbortSignal) => call(r.recipients, { params: { profileId } }, signal),
  saveDraft: (
    profileId: string,
    id: string,
    body: { subject: string; body: string; documentIds: string[]; synthesis: boolean },
  ) => call(r.saveDraft, { params: { profileId, id }, body }),
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
  send: (
    fields: {
      nir?: string;
      birthDate?: string;
      conversationId?: string;
      subject: string;
      body: string;
      confidential: boolean;
    },
    files: File[],
  ) => callForm(r.proSend, {}, fields, files),
  end: (id: string) => call(r.proEnd, { params: { id }, body: {} }),
  attachmentUrl: (id: string) => hrefOf(r.proAttachment, { params: { id }, query: { download: '1' } }),
  smtpCredential: () => call(r.proSmtpCredential, { body: {} }),
};

/** Tells the header and the home page that the unread count may have changed. */
export function unreadChanged(): void {
  window.dispatchEvent(new Event('carnet:unread'));
}

/** The open profile's unread messages (header, home page), refreshed when a conversation is read. */
export function useUnread(profileId: string | null, refreshKey?: string): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    if (!profileId) return;
    const controller = new AbortController();
    const load = () =>
      messagingApi.unread(profileId, controller.signal).then(
        (r) => setUnread(r.unread),
        () => {},
      );
    void load();
    window.addEventListener('carnet:unread', load);
    return () => {
      controller.abort();
      window.removeEventListener('carnet:unread', load);
    };
  }, [profileId, refreshKey]);
  return unread;
}
