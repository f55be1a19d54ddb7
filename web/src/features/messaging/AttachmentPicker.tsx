import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import type { Space } from '../../../../shared/src/documents.js';
import type { DraftFile } from '../../../../shared/src/messaging.js';
import { useDocuments } from '../documents/documents.api';
import { useIntl } from 'react-intl';
import { sizeLabel } from './format';
import '../documents/documents.css';

/**
 * What is attached so far: files of the device (`stored` already kept with the draft on the server, `files`
 * still in the browser), documents of the space, the synthesis.
 */
export interface Chosen {
  files: File[];
  stored: DraftFile[];
  documents: { id: string; title: string }[];
  synthesis: boolean;
}
export const noAttachments: Chosen = { files: [], stored: [], documents: [], synthesis: false };

const accept = '.jpg,.jpeg,.pdf,.png,.txt,.rtf,.tif,.tiff,.doc,.docx,.odt';
type Panel = 'health' | 'device' | 'admin' | 'profile' | null;

/**
 * « Ajouter un document à mon message » (seed slides 23–27): from my Documents, from my device, my
 * administrative papers, my medical profile (a PDF synthesis generated at sending).
 */
export function AttachmentPicker({
  profileId,
  chosen,
  onChange,
  onDeviceFiles,
  onRemoveStored,
  idPrefix,
}: {
  profileId: string;
  chosen: Chosen;
  onChange: (c: Chosen) => void;
  /** Device files go to the draft on the server when given; otherwise they stay in `chosen.files`. */
  onDeviceFiles?: (files: File[]) => void;
  onRemoveStored?: (file: DraftFile) => void;
  idPrefix: string;
}) {
  const intl = useIntl();
  const [panel, setPanel] = useState<Panel>(null);
  const toggle = (p: Panel) => setPanel(panel === p ? null : p);
  const count = chosen.files.length + chosen.stored.length + chosen.documents.length + (chosen.synthesis ? 1 : 0);
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')} aria-labelledby={`${idPrefix}-att-legend`}>
      <legend id={`${idPrefix}-att-legend`} className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
        Pièces jointes{' '}
        <span className={fr.cx('fr-hint-text')}>
          5 Mo au plus par fichier, 10 Mo et 10 fichiers au plus par message.
        </span>
      </legend>
      <ul
        className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}
      >
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-file-line"
            onClick={() => toggle('health')}
            nativeButtonProps={{ 'aria-expanded': panel === 'health' }}
          >
            Mes documents
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-upload-line"
            onClick={() => toggle('device')}
            nativeButtonProps={{ 'aria-expanded': panel === 'device' }}
          >
            Mon appareil
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-article-line"
            onClick={() => toggle('admin')}
            nativeButtonProps={{ 'aria-expanded': panel === 'admin' }}
          >
            Mes pièces administratives
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-heart-line"
            onClick={() => toggle('profile')}
            nativeButtonProps={{ 'aria-expanded': panel === 'profile' }}
          >
            Mon profil médical
          </Button>
        </li>
      </ul>
      {(panel === 'health' || panel === 'admin') && (
        <SpacePanel
          profileId={profileId}
          space={panel}
          chosen={chosen}
          onChange={onChange}
          close={() => setPanel(null)}
        />
      )}
      {panel === 'device' && (
        <div className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: '1px solid var(--border-default-grey)' }}>
          <h3 className={fr.cx('fr-h6')}>J'ajoute un document à partir de mes fichiers</h3>
          <input
            id={`${idPrefix}-device`}
            type="file"
            multiple
            accept={accept}
            className={fr.cx('fr-sr-only')}
            aria-describedby={`${idPrefix}-device-hint`}
            onChange={(e) => {
              const picked = Array.from(e.target.files ?? []);
              if (onDeviceFiles) onDeviceFiles(picked);
              else onChange({ ...chosen, files: [...chosen.files, ...picked] });
              e.target.value = '';
              setPanel(null);
            }}
          />
          <label htmlFor={`${idPrefix}-device`} className={fr.cx('fr-btn', 'fr-btn--secondary')}>
            Choisir des fichiers sur mon appareil
          </label>
          <p id={`${idPrefix}-device-hint`} className={fr.cx('fr-hint-text', 'fr-mt-1w')}>
            Formats acceptés : JPG, PDF, PNG, TXT, RTF, TIF, DOC, DOCX, ODT.
          </p>
          <Button type="button" priority="tertiary no outline" size="small" onClick={() => setPanel(null)}>
            Fermer
          </Button>
        </div>
      )}
      {panel === 'profile' && (
        <div className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: '1px solid var(--border-default-grey)' }}>
          <Checkbox
            options={[
              {
                label: 'Joindre mon profil médical',
                hintText: 'Une synthèse PDF de votre profil médical est générée automatiquement et jointe au message.',
                nativeInputProps: {
                  checked: chosen.synthesis,
                  onChange: (e) => onChange({ ...chosen, synthesis: e.target.checked }),
                },
              },
            ]}
          />
          <Button type="button" priority="tertiary no outline" size="small" onClick={() => setPanel(null)}>
            Fermer
          </Button>
        </div>
      )}
      {count > 0 && (
        <ul aria-label="Pièces jointes du message" className={fr.cx('fr-raw-list', 'fr-mb-1w')}>
          {chosen.stored.map((f) => (
            <li key={f.id} className={fr.cx('fr-mb-1v')}>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" /> {f.fileName} (
              {sizeLabel(intl, f.sizeBytes)}){' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onRemoveStored?.(f)}
                nativeButtonProps={{ 'aria-label': `Retirer ${f.fileName}` }}
              >
                Retirer
              </Button>
            </li>
          ))}
          {chosen.files.map((f, i) => (
            <li key={`f${i}`} className={fr.cx('fr-mb-1v')}>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" /> {f.name} (
              {sizeLabel(intl, f.size)}){' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onChange({ ...chosen, files: chosen.files.filter((_, j) => j !== i) })}
                nativeButtonProps={{ 'aria-label': `Retirer ${f.name}` }}
              >
                Retirer
              </Button>
            </li>
          ))}
          {chosen.documents.map((d) => (
            <li key={d.id} className={fr.cx('fr-mb-1v')}>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" /> {d.title}{' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onChange({ ...chosen, documents: chosen.documents.filter((x) => x.id !== d.id) })}
                nativeButtonProps={{ 'aria-label': `Retirer ${d.title}` }}
              >
                Retirer
              </Button>
            </li>
          ))}
          {chosen.synthesis && (
            <li>
              <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" /> Synthèse de mon
              profil médical (PDF){' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => onChange({ ...chosen, synthesis: false })}
                nativeButtonProps={{ 'aria-label': 'Retirer la synthèse de mon profil médical' }}
              >
                Retirer
              </Button>
            </li>
          )}
        </ul>
      )}
    </fieldset>
  );
}

/** Documents or administrative papers of the space, to tick; its own screen when there are none. */
function SpacePanel({
  profileId,
  space,
  chosen,
  onChange,
  close,
}: {
  profileId: string;
  space: Space;
  chosen: Chosen;
  onChange: (c: Chosen) => void;
  close(): void;
}) {
  const list = useDocuments(profileId, { space, sort: 'date_desc' });
  const docs = list.isError ? [] : (list.data?.documents ?? null);
  const picked = new Set(chosen.documents.map((d) => d.id));
  const title =
    space === 'admin'
      ? "J'ajoute un document à partir de mes pièces administratives"
      : "J'ajoute un document à partir des documents de Mon espace santé";
  return (
    <div className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: '1px solid var(--border-default-grey)' }}>
      <h3 className={fr.cx('fr-h6')}>{title}</h3>
      {docs === null && <p role="status">Chargement…</p>}
      {docs?.length === 0 &&
        (space === 'admin' ? (
          <p>
            Vous n'avez pas encore enregistré de pièce administrative (passeport, carte d'identité…).{' '}
            <Link to="/documents">Ajouter une pièce administrative</Link>
          </p>
        ) : (
          <p>
            Vous n'avez pas encore renseigné de document de santé.{' '}
            <Link to="/documents">Ajouter un document de santé</Link>
          </p>
        ))}
      {docs && docs.length > 0 && (
        <Checkbox
          legend={space === 'admin' ? 'Mes pièces administratives' : 'Mes documents de santé'}
          options={docs.map((d) => ({
            label: d.title,
            hintText: `${d.categoryLabel}${d.documentDate ? ` — ${new Date(d.documentDate).toLocaleDateString('fr-FR')}` : ''}`,
            nativeInputProps: {
              checked: picked.has(d.id),
              onChange: (e) =>
                onChange({
                  ...chosen,
                  documents: e.target.checked
                    ? [...chosen.documents, { id: d.id, title: d.title }]
                    : chosen.documents.filter((x) => x.id !== d.id),
                }),
            },
          }))}
        />
      )}
      <Button type="button" priority="tertiary no outline" size="small" onClick={close}>
        Fermer
      </Button>
    </div>
  );
}
