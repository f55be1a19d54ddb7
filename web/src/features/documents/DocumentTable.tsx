import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { DocumentView } from '../../../../shared/src/documents.js';
import { documentsApi } from './documents.api';
import { Notice } from '../../components/forms';

const size = (n: number) =>
  n < 1024 * 1024
    ? `${Math.max(1, Math.round(n / 1024))} ko`
    : `${(n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
const day = (iso: string | null) => (iso ? new Date(`${iso}T12:00:00`).toLocaleDateString('fr-FR') : '—');
const author = (d: DocumentView) =>
  d.author.kind === 'patient'
    ? 'Moi'
    : d.author.kind === 'import'
      ? 'Importé'
      : (d.author.name ?? 'Un professionnel de santé');

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
  if (!documents.length)
    return <p>Aucun document pour le moment. Ajoutez-en un avec le bouton « parcourir les fichiers » ci-dessus.</p>;
  return (
    <ul className={fr.cx('fr-raw-list')} aria-label="Mes documents">
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
              title={`${d.title} — ouvrir dans un nouvel onglet`}
            >
              {d.title}
            </a>
          </h3>
          <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
            {d.categoryLabel} · {day(d.documentDate)} · ajouté par {author(d)} · {size(d.sizeBytes)}
          </p>
          {d.hiddenFromProfessionals && (
            <Badge severity="info" small className={fr.cx('fr-mb-1v', 'fr-mr-1v')}>
              Masqué aux professionnels
            </Badge>
          )}
          {d.hiddenFromRepresentatives && (
            <Badge severity="warning" small className={fr.cx('fr-mb-1v')}>
              Invisible aux représentants légaux
            </Badge>
          )}
          {confirming === d.id ? (
            <div className={fr.cx('fr-mt-1w')}>
              <p ref={confirmRef} tabIndex={-1} className={fr.cx('fr-mb-1w')}>
                <strong>Supprimer définitivement « {d.title} » ?</strong> Le fichier sera effacé.
              </p>
              <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
                <li>
                  <Button size="small" onClick={() => onDelete(d).then(() => setConfirming(null))}>
                    Confirmer la suppression
                  </Button>
                </li>
                <li>
                  <Button size="small" priority="secondary" onClick={() => setConfirming(null)}>
                    Annuler
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
                  aria-label={`Modifier « ${d.title} »`}
                >
                  Modifier
                </Button>
              </li>
              {onToggleHidden && (
                <li>
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => onToggleHidden(d)}
                    aria-label={`${d.hiddenFromProfessionals ? 'Ne plus masquer aux professionnels' : 'Masquer aux professionnels'} « ${d.title} »`}
                  >
                    {d.hiddenFromProfessionals ? 'Ne plus masquer aux professionnels' : 'Masquer aux professionnels'}
                  </Button>
                </li>
              )}
              <li>
                <Button
                  size="small"
                  priority="tertiary"
                  onClick={() => setConfirming(d.id)}
                  aria-label={`Supprimer « ${d.title} »`}
                >
                  Supprimer
                </Button>
              </li>
              <li>
                <a
                  className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary-no-outline')}
                  href={documentsApi.fileUrl(profileId, d.id, true)}
                  download
                  aria-label={`Télécharger « ${d.title} »`}
                >
                  Télécharger
                </a>
              </li>
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
