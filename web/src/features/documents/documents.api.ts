import { http, ApiError } from '../../api';
import type { DocumentList, DocumentPatch, DocumentView, Space } from '../../../../shared/src/documents.js';

const base = (profileId: string) => `/api/profiles/${profileId}/documents`;

export interface ListQuery {
  space: Space;
  category?: string;
  q?: string;
  sort: 'date_desc' | 'date_asc';
}

/** Calls of the documents page, always for the open profile. */
export const documentsApi = {
  list(profileId: string, query: ListQuery, signal?: AbortSignal) {
    const params = new URLSearchParams({ space: query.space, sort: query.sort });
    if (query.category) params.set('category', query.category);
    if (query.q?.trim()) params.set('q', query.q.trim());
    return http.get<DocumentList>(`${base(profileId)}?${params}`, signal);
  },
  update: (profileId: string, id: string, patch: DocumentPatch) => http.patch<{ document: DocumentView }>(`${base(profileId)}/${id}`, patch),
  remove: (profileId: string, id: string) => http.delete<void>(`${base(profileId)}/${id}`),
  settings: (profileId: string, hideNewFromProfessionals: boolean) => http.put<{ hideNewFromProfessionals: boolean }>(`/api/profiles/${profileId}/document-settings`, { hideNewFromProfessionals }),
  fileUrl: (profileId: string, id: string, download = false) => `${base(profileId)}/${id}/file${download ? '?download=1' : ''}`,

  /** Uploads one file with XMLHttpRequest, which reports progress (fetch does not, for uploads). */
  upload(profileId: string, space: Space, file: File, onProgress: (fraction: number) => void): Promise<DocumentView> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${base(profileId)}?space=${space}`);
      xhr.setRequestHeader('x-carnet-csrf', '1');
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.'));
      xhr.onload = () => {
        let json: { document?: DocumentView; error?: { code: string; message: string } } | undefined;
        try {
          json = JSON.parse(xhr.responseText);
        } catch {
          json = undefined;
        }
        if (xhr.status === 201 && json?.document) resolve(json.document);
        else reject(new ApiError(xhr.status, json?.error?.code ?? 'INTERNAL', json?.error?.message ?? 'Une erreur technique est survenue. Réessayez dans quelques instants.'));
      };
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  },
};
