import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { useIntl } from 'react-intl';
import {
  healthCategories,
  type DocumentView,
  type HealthCategory,
  type Space,
} from '../../../../shared/src/documents.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { defineMessages } from '../../i18n/messages';
import {
  categoryMessages,
  documentsApi,
  documentsKeys,
  useDocuments,
  useDocumentsChanged,
  type ListQuery,
} from './documents.api';
import { shownError } from '../../query';
import { UploadZone } from './UploadZone';
import { DocumentForm } from './DocumentForm';
import { DocumentTable } from './DocumentTable';

const m = defineMessages({
  uploadCancelled: { id: 'documents.page.uploadCancelled', defaultMessage: "L'ajout de « {fileName} » est annulé." },
  title: { id: 'documents.page.title', defaultMessage: 'Documents' },
  lead: {
    id: 'documents.page.lead',
    defaultMessage: "Vos documents de santé : ordonnances, résultats d'analyses, comptes rendus, imagerie…",
  },
  spaces: { id: 'documents.page.spaces', defaultMessage: 'Espaces' },
  healthSpace: { id: 'documents.page.healthSpace', defaultMessage: 'Documents de santé' },
  adminSpace: { id: 'documents.page.adminSpace', defaultMessage: 'Pièces administratives' },
  added: { id: 'documents.page.added', defaultMessage: 'Félicitations, Mon document est ajouté!' },
  saved: { id: 'documents.page.saved', defaultMessage: 'Les informations du document sont enregistrées.' },
  healthHeading: { id: 'documents.page.healthHeading', defaultMessage: 'Mes documents de santé' },
  adminHeading: { id: 'documents.page.adminHeading', defaultMessage: 'Mes pièces administratives' },
  hideNew: {
    id: 'documents.page.hideNew',
    defaultMessage: 'Masquer par défaut aux professionnels de santé les nouveaux documents',
  },
  category: { id: 'documents.page.category', defaultMessage: 'Catégorie' },
  allCategories: { id: 'documents.page.allCategories', defaultMessage: 'Toutes les catégories' },
  search: { id: 'documents.page.search', defaultMessage: 'Rechercher par titre' },
  sort: { id: 'documents.page.sort', defaultMessage: 'Trier par date' },
  newestFirst: { id: 'documents.page.newestFirst', defaultMessage: "Les plus récents d'abord" },
  oldestFirst: { id: 'documents.page.oldestFirst', defaultMessage: "Les plus anciens d'abord" },
  hidden: { id: 'documents.page.hidden', defaultMessage: 'Le document est masqué aux professionnels de santé.' },
  unhidden: {
    id: 'documents.page.unhidden',
    defaultMessage: "Le document n'est plus masqué aux professionnels de santé.",
  },
  deleted: { id: 'documents.page.deleted', defaultMessage: '« {title} » est supprimé.' },
});

const sorts = [
  { value: 'date_desc', label: m.newestFirst },
  { value: 'date_asc', label: m.oldestFirst },
] as const satisfies { value: ListQuery['sort']; label: unknown }[];

/** « Documents » (R7): health documents and administrative papers of the open profile. */
export function DocumentsPage() {
  const intl = useIntl();
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
    if (ok) saved(d, intl.formatMessage(m.uploadCancelled, { fileName: d.fileName }), true);
  };
  const listed = data?.documents.filter((d) => !pending.some((p) => p.id === d.id)) ?? [];
  const space = query.space;
  const isHealth = space === 'health';
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <ul
        className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mb-2w')}
        aria-label={intl.formatMessage(m.spaces)}
      >
        {(['health', 'admin'] as Space[]).map((s) => (
          <li key={s}>
            <button
              type="button"
              aria-pressed={space === s}
              className={fr.cx('fr-btn', space === s ? undefined : 'fr-btn--secondary')}
              onClick={() => setQuery({ space: s, sort: query.sort })}
            >
              {intl.formatMessage(s === 'health' ? m.healthSpace : m.adminSpace)}
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
          onSaved={(d) => saved(d, intl.formatMessage(m.added))}
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
          onSaved={(d) => saved(d, intl.formatMessage(m.saved))}
          onCancel={() => setEditing(null)}
        />
      )}

      <h2 className={fr.cx('fr-h4')}>{intl.formatMessage(isHealth ? m.healthHeading : m.adminHeading)}</h2>
      {data?.canHideFromProfessionals && (
        <ToggleSwitch
          label={intl.formatMessage(m.hideNew)}
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
        {isHealth && (
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Select
              label={intl.formatMessage(m.category)}
              nativeSelectProps={{
                value: query.category ?? '',
                onChange: (e) =>
                  setQuery({ ...query, category: (e.target.value || undefined) as ListQuery['category'] }),
              }}
            >
              <option value="">{intl.formatMessage(m.allCategories)}</option>
              {(Object.keys(healthCategories) as HealthCategory[]).map((code) => (
                <option key={code} value={code}>
                  {intl.formatMessage(categoryMessages[code])}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Input
            label={intl.formatMessage(m.search)}
            nativeInputProps={{
              type: 'search',
              value: query.q ?? '',
              onChange: (e) => setQuery({ ...query, q: e.target.value }),
            }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label={intl.formatMessage(m.sort)}
            nativeSelectProps={{
              value: query.sort,
              onChange: (e) => setQuery({ ...query, sort: e.target.value as ListQuery['sort'] }),
            }}
          >
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {intl.formatMessage(s.label)}
              </option>
            ))}
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
                      saved(r.document, intl.formatMessage(r.document.hiddenFromProfessionals ? m.hidden : m.unhidden)),
                  )
              : undefined
          }
          onDelete={async (d) => {
            const ok = await run(async () => {
              await documentsApi.remove(profile.id, d.id);
              return true;
            });
            if (ok) saved(d, intl.formatMessage(m.deleted, { title: d.title }), true);
          }}
        />
      )}
    </Page>
  );
}
