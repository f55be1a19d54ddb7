import { useRef, useState, type DragEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import './documents.css';
import { acceptAttribute, type DocumentView, type Space } from '../../../../shared/src/documents.js';
import { ApiError } from '../../api';
import { documentsApi } from './documents.api';

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
            error:
              err instanceof ApiError
                ? err.message
                : 'Une erreur technique est survenue. Réessayez dans quelques instants.',
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
        {space === 'admin' ? 'Ajouter une pièce administrative' : 'Ajouter un document de santé'}
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
        <p className={fr.cx('fr-mb-2w')}>Glissez-déposez vos fichiers ici, ou</p>
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
          parcourir les fichiers
        </label>
        <p id="upload-hint" className={fr.cx('fr-hint-text', 'fr-mt-2w', 'fr-mb-0')}>
          Les documents doivent être aux formats JPG, PDF, PNG, TXT, RTF ou TIF (1 document au format png sera converti
          et stocké au format jpg). La taille maximale autorisée est de 5 Mo. Un message d'erreur apparait si le format
          ou la taille n'est pas conforme.
        </p>
      </div>
      {pngs > 0 && (
        <Alert
          severity="info"
          small
          description={`${pngs} document${pngs > 1 ? 's' : ''} au format png ${pngs > 1 ? 'seront convertis et stockés' : 'sera converti et stocké'} au format jpg`}
          className={fr.cx('fr-mb-2w')}
        />
      )}
      {items.length > 0 && (
        <ul className={fr.cx('fr-raw-list')} aria-label="Fichiers envoyés">
          {items.map((i) => (
            <li key={i.key} className={fr.cx('fr-mb-2w')}>
              <label
                htmlFor={`progress-${i.key}`}
                className={fr.cx('fr-text--sm', 'fr-mb-1v')}
                style={{ display: 'block', wordBreak: 'break-all' }}
              >
                {i.name} {i.done ? '— envoyé' : i.error ? '— refusé' : ''}
              </label>
              <progress id={`progress-${i.key}`} max={1} value={i.error ? 0 : i.progress} style={{ width: '100%' }} />
              {/* The DSFR's error alert carries role="alert" itself. */}
              {i.error && <Alert severity="error" small description={`${i.name} : ${i.error}`} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
