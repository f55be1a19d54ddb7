import { useRef, useState, type DragEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useIntl } from 'react-intl';
import './documents.css';
import { acceptAttribute, type DocumentView, type Space } from '../../../../shared/src/documents.js';
import { ApiError, apiMessages } from '../../api';
import { defineMessages } from '../../i18n/messages';
import { documentsApi } from './documents.api';

const m = defineMessages({
  titleAdmin: { id: 'documents.upload.titleAdmin', defaultMessage: 'Ajouter une pièce administrative' },
  titleHealth: { id: 'documents.upload.titleHealth', defaultMessage: 'Ajouter un document de santé' },
  drop: { id: 'documents.upload.drop', defaultMessage: 'Glissez-déposez vos fichiers ici, ou' },
  browse: { id: 'documents.upload.browse', defaultMessage: 'parcourir les fichiers' },
  hint: {
    id: 'documents.upload.hint',
    defaultMessage:
      "Les documents doivent être aux formats JPG, PDF, PNG, TXT, RTF ou TIF (1 document au format png sera converti et stocké au format jpg). La taille maximale autorisée est de 5 Mo. Un message d'erreur apparait si le format ou la taille n'est pas conforme.",
  },
  pngs: {
    id: 'documents.upload.pngs',
    defaultMessage:
      '{count, plural, one {# document au format png sera converti et stocké au format jpg} other {# documents au format png seront convertis et stockés au format jpg}}',
  },
  sentFiles: { id: 'documents.upload.sentFiles', defaultMessage: 'Fichiers envoyés' },
  sent: { id: 'documents.upload.sent', defaultMessage: '{name} — envoyé' },
  refused: { id: 'documents.upload.refused', defaultMessage: '{name} — refusé' },
  fileError: { id: 'documents.upload.fileError', defaultMessage: '{name} : {error}' },
});

interface Item {
  key: string;
  name: string;
  progress: number;
  error?: string;
  done?: boolean;
}

const pngCount = (files: File[]) => files.filter((f) => f.type === 'image/png' || /\.png$/i.test(f.name)).length;

/**
 * « Ajouter un document de santé »: a drop zone that is also a « parcourir les fichiers » button, several
 * files at once, a progress bar per file, and the server's French message when a file is refused.
 */
export function UploadZone({
  profileId,
  space,
  onUploaded,
}: {
  profileId: string;
  space: Space;
  onUploaded: (d: DocumentView) => void;
}) {
  const intl = useIntl();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const [pngs, setPngs] = useState(0);
  const patch = (key: string, p: Partial<Item>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...p } : i)));

  const send = (files: File[]) => {
    if (!files.length) return;
    setPngs(pngCount(files));
    const batch = files.map((f, n) => ({
      file: f,
      item: { key: `${Date.now()}-${n}-${f.name}`, name: f.name, progress: 0 },
    }));
    setItems(batch.map((b) => b.item));
    for (const { file, item } of batch) {
      documentsApi
        .upload(profileId, space, file, (p) => patch(item.key, { progress: p }))
        .then((doc) => {
          patch(item.key, { progress: 1, done: true });
          onUploaded(doc);
        })
        .catch((err: unknown) =>
          patch(item.key, {
            error: err instanceof ApiError ? err.localized(intl) : intl.formatMessage(apiMessages.unexpected),
          }),
        );
    }
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    send(Array.from(e.dataTransfer.files));
  };

  return (
    <section aria-labelledby="upload-title" className={fr.cx('fr-mb-4w')}>
      <h2 id="upload-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(space === 'admin' ? m.titleAdmin : m.titleHealth)}
      </h2>
      <div
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        className={fr.cx('fr-p-4w', 'fr-mb-2w')}
        style={{
          border: `2px dashed ${over ? 'var(--border-action-high-blue-france)' : 'var(--border-plain-grey)'}`,
          textAlign: 'center',
        }}
      >
        <p className={fr.cx('fr-mb-2w')}>{intl.formatMessage(m.drop)}</p>
        {/* The file input itself takes the focus (Enter or Space opens the system's dialog); its label is drawn as the
           button. */}
        <input
          ref={input}
          id={`file-input-${space}`}
          type="file"
          multiple
          accept={acceptAttribute}
          className={fr.cx('fr-sr-only')}
          aria-describedby="upload-hint"
          onChange={(e) => {
            send(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <label htmlFor={`file-input-${space}`} className={fr.cx('fr-btn', 'fr-btn--secondary')}>
          {intl.formatMessage(m.browse)}
        </label>
        <p id="upload-hint" className={fr.cx('fr-hint-text', 'fr-mt-2w', 'fr-mb-0')}>
          {intl.formatMessage(m.hint)}
        </p>
      </div>
      {pngs > 0 && (
        <Alert
          severity="info"
          small
          description={intl.formatMessage(m.pngs, { count: pngs })}
          className={fr.cx('fr-mb-2w')}
        />
      )}
      {items.length > 0 && (
        <ul className={fr.cx('fr-raw-list')} aria-label={intl.formatMessage(m.sentFiles)}>
          {items.map((i) => (
            <li key={i.key} className={fr.cx('fr-mb-2w')}>
              <label
                htmlFor={`progress-${i.key}`}
                className={fr.cx('fr-text--sm', 'fr-mb-1v')}
                style={{ display: 'block', wordBreak: 'break-all' }}
              >
                {i.done
                  ? intl.formatMessage(m.sent, { name: i.name })
                  : i.error
                    ? intl.formatMessage(m.refused, { name: i.name })
                    : i.name}
              </label>
              <progress id={`progress-${i.key}`} max={1} value={i.error ? 0 : i.progress} style={{ width: '100%' }} />
              {/* The DSFR's error alert carries role="alert" itself. */}
              {i.error && (
                <Alert
                  severity="error"
                  small
                  description={intl.formatMessage(m.fileError, { name: i.name, error: i.error })}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
