import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { DocumentView } from '../../../../shared/src/documents.js';
import { defineMessages } from '../../i18n/messages';
import { categoryMessages, documentsApi } from './documents.api';
import { Notice } from '../../components/forms';

const m = defineMessages({
  kilobytes: { id: 'documents.table.kilobytes', defaultMessage: '{size} ko' },
  megabytes: { id: 'documents.table.megabytes', defaultMessage: '{size} Mo' },
  me: { id: 'documents.table.authorMe', defaultMessage: 'Moi' },
  imported: { id: 'documents.table.authorImported', defaultMessage: 'Importé' },
  professional: { id: 'documents.table.authorProfessional', defaultMessage: 'Un professionnel de santé' },
  empty: {
    id: 'documents.table.empty',
    defaultMessage: 'Aucun document pour le moment. Ajoutez-en un avec le bouton « parcourir les fichiers » ci-dessus.',
  },
  list: { id: 'documents.table.list', defaultMessage: 'Mes documents' },
  open: { id: 'documents.table.open', defaultMessage: '{title} — ouvrir dans un nouvel onglet' },
  details: { id: 'documents.table.details', defaultMessage: '{category} · {date} · ajouté par {author} · {size}' },
  hiddenFromPros: { id: 'documents.table.hiddenFromPros', defaultMessage: 'Masqué aux professionnels' },
  hiddenFromReps: { id: 'documents.table.hiddenFromReps', defaultMessage: 'Invisible aux représentants légaux' },
  confirmDelete: {
    id: 'documents.table.confirmDelete',
    defaultMessage: '<strong>Supprimer définitivement « {title} » ?</strong> Le fichier sera effacé.',
  },
  confirm: { id: 'documents.table.confirm', defaultMessage: 'Confirmer la suppression' },
  cancel: { id: 'documents.table.cancel', defaultMessage: 'Annuler' },
  editLabel: { id: 'documents.table.editLabel', defaultMessage: 'Modifier « {title} »' },
  edit: { id: 'documents.table.edit', defaultMessage: 'Modifier' },
  unhideLabel: {
    id: 'documents.table.unhideLabel',
    defaultMessage: 'Ne plus masquer aux professionnels « {title} »',
  },
  hideLabel: { id: 'documents.table.hideLabel', defaultMessage: 'Masquer aux professionnels « {title} »' },
  unhide: { id: 'documents.table.unhide', defaultMessage: 'Ne plus masquer aux professionnels' },
  hide: { id: 'documents.table.hide', defaultMessage: 'Masquer aux professionnels' },
  deleteLabel: { id: 'documents.table.deleteLabel', defaultMessage: 'Supprimer « {title} »' },
  delete: { id: 'documents.table.delete', defaultMessage: 'Supprimer' },
  downloadLabel: { id: 'documents.table.downloadLabel', defaultMessage: 'Télécharger « {title} »' },
  downloadButton: { id: 'documents.table.download', defaultMessage: 'Télécharger' },
});

const size = (intl: IntlShape, n: number) =>
  n < 1024 * 1024
    ? intl.formatMessage(m.kilobytes, { size: String(Math.max(1, Math.round(n / 1024))) })
    : intl.formatMessage(m.megabytes, { size: intl.formatNumber(n / 1024 / 1024, { maximumFractionDigits: 1 }) });
const day = (intl: IntlShape, iso: string | null) => (iso ? intl.formatDate(new Date(`${iso}T12:00:00`)) : '—');
const author = (intl: IntlShape, d: DocumentView) =>
  d.author.kind === 'patient'
    ? intl.formatMessage(m.me)
    : d.author.kind === 'import'
      ? intl.formatMessage(m.imported)
      : (d.author.name ?? intl.formatMessage(m.professional));

/** The documents as a list of cards (readable at 320 px), each with its actions. */
export function DocumentTable({
  profileId,
  documents,
  notice,
  onEdit,
  onToggleHidden,
  onDelete,
}: {
  profileId: string;
  documents: DocumentView[];
  notice: { id: string; text: string } | null;
  onEdit: (d: DocumentView) => void;
  /** Absent when the viewer may not hide documents from professionals (a caregiver, R5). */
  onToggleHidden?: (d: DocumentView) => void;
  onDelete: (d: DocumentView) => Promise<void>;
}) {
  const intl = useIntl();
  const [confirming, setConfirming] = useState<string | null>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const noticeShown = !!notice && documents.some((d) => d.id === notice.id);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  // The confirmation is read where the document is (at 320 px the list is long): focus goes there.
  useEffect(() => {
    if (noticeShown) noticeRef.current?.focus();
  }, [notice, noticeShown]);
  if (!documents.length) return <p>{intl.formatMessage(m.empty)}</p>;
  return (
    <ul className={fr.cx('fr-raw-list')} aria-label={intl.formatMessage(m.list)}>
      {documents.map((d) => (
        <li
          key={d.id}
          className={fr.cx('fr-mb-3w', 'fr-p-2w')}
          style={{ border: '1px solid var(--border-default-grey)' }}
        >
          {notice?.id === d.id && (
            <div ref={noticeRef} tabIndex={-1}>
              <Notice>{notice.text}</Notice>
            </div>
          )}
          <h3 className={fr.cx('fr-h6', 'fr-mb-1v')} style={{ wordBreak: 'break-word' }}>
            <a
              href={documentsApi.fileUrl(profileId, d.id)}
              target="_blank"
              rel="noopener"
              title={intl.formatMessage(m.open, { title: d.title })}
            >
              {d.title}
            </a>
          </h3>
          <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
            {intl.formatMessage(m.details, {
              category: intl.formatMessage(categoryMessages[d.category]),
              date: day(intl, d.documentDate),
              author: author(intl, d),
              size: size(intl, d.sizeBytes),
            })}
          </p>
          {d.hiddenFromProfessionals && (
            <Badge severity="info" small className={fr.cx('fr-mb-1v', 'fr-mr-1v')}>
              {intl.formatMessage(m.hiddenFromPros)}
            </Badge>
          )}
          {d.hiddenFromRepresentatives && (
            <Badge severity="warning" small className={fr.cx('fr-mb-1v')}>
              {intl.formatMessage(m.hiddenFromReps)}
            </Badge>
          )}
          {confirming === d.id ? (
            <div className={fr.cx('fr-mt-1w')}>
              <p ref={confirmRef} tabIndex={-1} className={fr.cx('fr-mb-1w')}>
                <FormattedMessage
                  {...m.confirmDelete}
                  values={{ title: d.title, strong: (chunks) => <strong>{chunks}</strong> }}
                />
              </p>
              <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
                <li>
                  <Button size="small" onClick={() => onDelete(d).then(() => setConfirming(null))}>
                    {intl.formatMessage(m.confirm)}
                  </Button>
                </li>
                <li>
                  <Button size="small" priority="secondary" onClick={() => setConfirming(null)}>
                    {intl.formatMessage(m.cancel)}
                  </Button>
                </li>
              </ul>
            </div>
          ) : (
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm', 'fr-mt-1w')}>
              <li>
                <Button
                  size="small"
                  priority="secondary"
                  onClick={() => onEdit(d)}
                  aria-label={intl.formatMessage(m.editLabel, { title: d.title })}
                >
                  {intl.formatMessage(m.edit)}
                </Button>
              </li>
              {onToggleHidden && (
                <li>
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => onToggleHidden(d)}
                    aria-label={intl.formatMessage(d.hiddenFromProfessionals ? m.unhideLabel : m.hideLabel, {
                      title: d.title,
                    })}
                  >
                    {intl.formatMessage(d.hiddenFromProfessionals ? m.unhide : m.hide)}
                  </Button>
                </li>
              )}
              <li>
                <Button
                  size="small"
                  priority="tertiary"
                  onClick={() => setConfirming(d.id)}
                  aria-label={intl.formatMessage(m.deleteLabel, { title: d.title })}
                >
                  {intl.formatMessage(m.delete)}
                </Button>
              </li>
              <li>
                <a
                  className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary-no-outline')}
                  href={documentsApi.fileUrl(profileId, d.id, true)}
                  download
                  aria-label={intl.formatMessage(m.downloadLabel, { title: d.title })}
                >
                  {intl.formatMessage(m.downloadButton)}
                </a>
              </li>
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
