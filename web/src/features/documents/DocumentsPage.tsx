import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { healthCategories, type DocumentView, type Space } from '../../../../shared/src/documents.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { documentsApi, documentsKeys, useDocuments, useDocumentsChanged, type ListQuery } from './documents.api';
import { shownError } from '../../query';
import { UploadZone } from './UploadZone';
import { DocumentForm } from './DocumentForm';
import { DocumentTable } from './DocumentTable';

/** « Documents » (R7): health documents and administrative papers of the open profile. */
export function DocumentsPage() {
  const { profile } = useActiveProfile();
  const [query, setQuery] = useState<ListQuery>({ space: 'health', sort: 'date_desc' });
  const [pending, setPending] = useState<DocumentView[]>([]);
  const [editing, setEditing] = useState<DocumentView | null>(null);
  // A confirmation shows beside its document (`id`), or above the list when the document is gone.
  const [notice, setNotice] = useState<{ id: string | null; text: string } | null>(null);
  const { error: actionError, run } = useAction();
  const noticeRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const list = useDocuments(profile.id, query);
  const data = list.data;
  const error = actionError ?? shownError(list.error);
  const load = useDocumentsChanged(profile.id);
  useEffect(() => {
    if (notice && !notice.id) noticeRef.current?.focus();
  }, [notice]);

  const saved = (d: DocumentView, message: string, gone = false) => {
    setPending((p) => p.filter((x) => x.id !== d.id));
    setEditing(null);
    setNotice({ id: gone ? null : d.id, text: message });
    void load();
  };
  // The guide's order is file → information → « Félicitations »: an uploaded file (kept safe on the server)
  // joins the list once its information is saved; « Annuler » takes it back.
  const cancelUpload = async (d: DocumentView) => {
    const ok = await run(async () => {
      await documentsApi.remove(profile.id, d.id);
      return true;
    });
    if (ok) saved(d, `L'ajout de « ${d.fileName} » est annulé.`, true);
  };
  const listed = data?.documents.filter((d) => !pending.some((p) => p.id === d.id)) ?? [];
  const space = query.space;
  return (
    <Page
      title="Documents"
      lead="Vos documents de santé : ordonnances, résultats d'analyses, comptes rendus, imagerie…"
    >
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mb-2w')} aria-label="Espaces">
        {(['health', 'admin'] as Space[]).map((s) => (
          <li key={s}>
            <button
              type="button"
              aria-pressed={space === s}
              className={fr.cx('fr-btn', space === s ? undefined : 'fr-btn--secondary')}
              onClick={() => setQuery({ space: s, sort: query.sort })}
            >
              {s === 'health' ? 'Documents de santé' : 'Pièces administratives'}
            </button>
          </li>
        ))}
      </ul>
      <UploadZone
        profileId={profile.id}
        space={space}
        onUploaded={(d) => {
          setNotice(null);
          setPending((p) => [...p, d]);
          void load();
        }}
      />
      {pending[0] && !editing && (
        <DocumentForm
          key={pending[0].id}
          profileId={profile.id}
          doc={pending[0]}
          canHideFromRepresentatives={data?.canHideFromRepresentatives ?? false}
          canHideFromProfessionals={data?.canHideFromProfessionals ?? false}
          onSaved={(d) => saved(d, 'Félicitations, Mon document est ajouté!')}
          onCancel={() => void cancelUpload(pending[0]!)}
        />
      )}
      {editing && (
        <DocumentForm
          key={editing.id}
          profileId={profile.id}
          doc={editing}
          canHideFromRepresentatives={data?.canHideFromRepresentatives ?? false}
          canHideFromProfessionals={data?.canHideFromProfessionals ?? false}
          onSaved={(d) => saved(d, 'Les informations du document sont enregistrées.')}
          onCancel={() => setEditing(null)}
        />
      )}

      <h2 className={fr.cx('fr-h4')}>{space === 'health' ? 'Mes documents de santé' : 'Mes pièces administratives'}</h2>
      {data?.canHideFromProfessionals && (
        <ToggleSwitch
          label="Masquer par défaut aux professionnels de santé les nouveaux documents"
          checked={data.settings.hideNewFromProfessionals}
          onChange={(checked) =>
            run(() => documentsApi.settings(profile.id, checked)).then((r) => {
              if (!r) return;
              queryClient.setQueryData(documentsKeys.list(profile.id, query), { ...data, settings: r });
              void load();
            })
          }
          showCheckedHint={false}
          className={fr.cx('fr-mb-3w')}
        />
      )}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}>
        {space === 'health' && (
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Select
              label="Catégorie"
              nativeSelectProps={{
                value: query.category ?? '',
                onChange: (e) =>
                  setQuery({ ...query, category: (e.target.value || undefined) as ListQuery['category'] }),
              }}
            >
              <option value="">Toutes les catégories</option>
              {Object.entries(healthCategories).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Input
            label="Rechercher par titre"
            nativeInputProps={{
              type: 'search',
              value: query.q ?? '',
              onChange: (e) => setQuery({ ...query, q: e.target.value }),
            }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label="Trier par date"
            nativeSelectProps={{
              value: query.sort,
              onChange: (e) => setQuery({ ...query, sort: e.target.value as ListQuery['sort'] }),
            }}
          >
            <option value="date_desc">Les plus récents d'abord</option>
            <option value="date_asc">Les plus anciens d'abord</option>
          </Select>
        </div>
      </div>
      <FormError error={error} />
      {notice && !notice.id && (
        <div ref={noticeRef} tabIndex={-1}>
          <Notice>{notice.text}</Notice>
        </div>
      )}
      {data && (
        <DocumentTable
          profileId={profile.id}
          documents={listed}
          notice={notice?.id ? { id: notice.id, text: notice.text } : null}
          onEdit={(d) => {
            setNotice(null);
            setEditing(d);
          }}
          onToggleHidden={
            data.canHideFromProfessionals
              ? (d) =>
                  run(() =>
                    documentsApi.update(profile.id, d.id, { hiddenFromProfessionals: !d.hiddenFromProfessionals }),
                  ).then(
                    (r) =>
                      r &&
                      saved(
                        r.document,
                        r.document.hiddenFromProfessionals
                          ? 'Le document est masqué aux professionnels de santé.'
                          : "Le document n'est plus masqué aux professionnels de santé.",
                      ),
                  )
              : undefined
          }
          onDelete={async (d) => {
            const ok = await run(async () => {
              await documentsApi.remove(profile.id, d.id);
              return true;
            });
            if (ok) saved(d, `« ${d.title} » est supprimé.`, true);
          }}
        />
      )}
    </Page>
  );
}
