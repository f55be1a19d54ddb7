import { useQuery } from '@tanstack/react-query';
import { ApiError, apiMessages } from '../../api';
import { call, hrefOf } from '../../client';
import { documentsRoutes as r } from '../../../../shared/src/routes/documents.routes.js';
import type { CallInput, CallOutput } from '../../../../shared/src/contract.js';
import type { ADMIN_CATEGORY, DocumentPatch, HealthCategory, Space } from '../../../../shared/src/documents.js';
import { defineMessages, type Message } from '../../i18n/messages';
import { profileKey, sameProfile, useInvalidate } from '../../query';

/** The categories' names (the same French as shared/src/documents.ts's categoryLabels), by code. */
export const categoryMessages = defineMessages({
  SYNTHESE: { id: 'documents.category.SYNTHESE', defaultMessage: 'Ma santé en résumé' },
  ORD_SOIN: { id: 'documents.category.ORD_SOIN', defaultMessage: 'Ordonnances et soins' },
  RADIO_SC: { id: 'documents.category.RADIO_SC', defaultMessage: 'Radio, écho, scanner, IRM' },
  BIOLOGIE: { id: 'documents.category.BIOLOGIE', defaultMessage: 'Résultats de biologie' },
  CPT_REND: { id: 'documents.category.CPT_REND', defaultMessage: 'Comptes rendus' },
  DEPISTAG: { id: 'documents.category.DEPISTAG', defaultMessage: 'Prévention et dépistages' },
  CERT_MED: { id: 'documents.category.CERT_MED', defaultMessage: 'Certificats médicaux' },
  SYNTH_PML: { id: 'documents.category.SYNTH_PML', defaultMessage: 'Synthèse médicale' },
  DIR_ANT: { id: 'documents.category.DIR_ANT', defaultMessage: 'Directives anticipées' },
  QUEST_SANTE: { id: 'documents.category.QUEST_SANTE', defaultMessage: 'Questionnaire santé' },
  AUTR_DOC: { id: 'documents.category.AUTR_DOC', defaultMessage: 'Autres documents' },
  DOC_ADM: { id: 'documents.category.DOC_ADM', defaultMessage: 'Pièces administratives' },
}) satisfies Record<HealthCategory | typeof ADMIN_CATEGORY, Message>;

export type ListQuery = NonNullable<CallInput<typeof r.list>['query']> & {
  sort: 'date_desc' | 'date_asc';
  space: Space;
};
type DocumentView = CallOutput<typeof r.update>['document'];

/** Calls of the documents page, always for the open profile; typed by the shared contract. */
export const documentsApi = {
  list: (profileId: string, query: ListQuery, signal?: AbortSignal) =>
    call(r.list, { params: { profileId }, query: { ...query, q: query.q?.trim() || undefined } }, signal),
  update: (profileId: string, id: string, patch: DocumentPatch) =>
    call(r.update, { params: { profileId, id }, body: patch }),
  remove: (profileId: string, id: string) => call(r.remove, { params: { profileId, id } }),
  settings: (profileId: string, hideNewFromProfessionals: boolean) =>
    call(r.settings, { params: { profileId }, body: { hideNewFromProfessionals } }),
  fileUrl: (profileId: string, id: string, download = false) =>
    hrefOf(r.file, { params: { profileId, id }, query: download ? { download: '1' } : {} }),

  /** Uploads one file with XMLHttpRequest, which reports progress (fetch does not, for uploads). */
  upload(profileId: string, space: Space, file: File, onProgress: (fraction: number) => void): Promise<DocumentView> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', hrefOf(r.upload, { params: { profileId }, query: { space } }));
      xhr.setRequestHeader('x-carnet-csrf', '1');
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK', apiMessages.network));
      xhr.onload = () => {
        let json: { document?: DocumentView; error?: { code: string; message: string } } | undefined;
        try {
          json = JSON.parse(xhr.responseText);
        } catch {
          json = undefined;
        }
        if (xhr.status === 201 && json?.document) resolve(json.document);
        else
          reject(
            new ApiError(xhr.status, json?.error?.code ?? 'INTERNAL', json?.error?.message ?? apiMessages.unexpected),
          );
      };
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  },
};

/** Query keys of the documents: all under `['profile', profileId, 'documents']`. */
export const documentsKeys = {
  all: (profileId: string) => profileKey(profileId, 'documents'),
  list: (profileId: string, query: ListQuery) => profileKey(profileId, 'documents', 'list', query),
};

/** One space's documents, filtered and sorted. */
export const useDocuments = (profileId: string, query: ListQuery) =>
  useQuery({
    queryKey: documentsKeys.list(profileId, query),
    queryFn: ({ signal }) => documentsApi.list(profileId, query, signal),
    placeholderData: sameProfile(profileId),
  });

/** After a change: every documents query of the profile is read again. */
export function useDocumentsChanged(profileId: string): () => Promise<void> {
  const invalidate = useInvalidate();
  return () => invalidate(documentsKeys.all(profileId));
}
