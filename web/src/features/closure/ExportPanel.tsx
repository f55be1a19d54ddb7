import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { FormError, useAction } from '../../components/forms';
import { defineMessages } from '../../i18n/messages';
import { closureApi, useExportRequested, useLatestExport } from './closure.api';
import { shownError } from '../../query';

const m = defineMessages({
  title: { id: 'closure.export.title', defaultMessage: 'Télécharger mes données' },
  intro: {
    id: 'closure.export.intro',
    defaultMessage:
      "Un fichier ZIP rassemble tous les documents (avec leur nom d'origine), la synthèse du profil médical, le journal des accès, les messages et l'ensemble de l'espace au format FHIR, lisible par les logiciels de santé. Il est préparé en arrière-plan : vous recevez un e-mail dès qu'il est prêt, puis votre mot de passe vous est demandé pour le télécharger.",
  },
  progress: { id: 'closure.export.progress', defaultMessage: 'Préparation de vos données : {progress} %' },
  ready: {
    id: 'closure.export.ready',
    defaultMessage: "Vos données sont prêtes ({size}). Elles restent disponibles jusqu'au {until}.",
  },
  kilobytes: { id: 'closure.export.kilobytes', defaultMessage: '{n} Ko' },
  megabytes: { id: 'closure.export.megabytes', defaultMessage: '{n} Mo' },
  password: { id: 'closure.export.password', defaultMessage: 'Mot de passe' },
  downloadButton: { id: 'closure.export.downloadButton', defaultMessage: 'Télécharger mes données' },
  started: {
    id: 'closure.export.started',
    defaultMessage:
      "Le téléchargement a commencé. Le lien ne sert qu'une fois : pour télécharger à nouveau, saisissez votre mot de passe.",
  },
  failed: {
    id: 'closure.export.failed',
    defaultMessage: 'La préparation précédente a échoué. Vous pouvez la relancer.',
  },
  expired: { id: 'closure.export.expired', defaultMessage: 'Le téléchargement précédent a expiré.' },
  prepare: { id: 'closure.export.prepare', defaultMessage: 'Préparer le téléchargement de mes données' },
});

const when = (intl: IntlShape, iso: string) => intl.formatDate(iso, { dateStyle: 'long', timeStyle: 'short' });
const size = (intl: IntlShape, n: number | null) =>
  n === null
    ? ''
    : n < 1024 * 1024
      ? intl.formatMessage(m.kilobytes, { n: intl.formatNumber(Math.max(1, Math.round(n / 1024))) })
      : intl.formatMessage(m.megabytes, {
          n: intl.formatNumber(n / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        });

/**
 * « Télécharger mes données »: prepares the ZIP of the whole space in the background (progress shown, an
 * e-mail says when it is ready), then the password again gives a one-time link to fetch it.
 */
export function ExportPanel({ profileId, headingLevel = 'h2' }: { profileId: string; headingLevel?: 'h2' | 'h3' }) {
  // Polled while the archive is prepared (closure.api.ts); undefined until the first answer.
  const intl = useIntl();
  const load = useLatestExport(profileId);
  const archive = load.data?.export;
  const setArchive = useExportRequested(profileId);
  const [password, setPassword] = useState('');
  const [fetched, setFetched] = useState(false);
  const prepare = useAction();
  const fetchIt = useAction();
  const preparing = archive?.status === 'pending' || archive?.status === 'running';
  const failed = archive?.status === 'failed';
  const expired = archive?.status === 'expired';
  const ready =
    archive?.status === 'ready' && !!archive.expiresAt && new Date(archive.expiresAt).getTime() > Date.now();

  async function download(e: FormEvent) {
    e.preventDefault();
    const r = await fetchIt.run(() => closureApi.ticket(profileId, archive!.id, password));
    if (!r) return;
    setPassword('');
    setFetched(true);
    window.location.assign(r.url);
  }

  const Heading = headingLevel;
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="export-title">
      <Heading id="export-title" className={fr.cx('fr-h4')}>
        <FormattedMessage {...m.title} />
      </Heading>
      <p>
        <FormattedMessage {...m.intro} />
      </p>
      {/* A failed poll while preparing is not shown (the next one may answer), only a failed first read. */}
      <FormError error={(load.isLoadingError ? shownError(load.error) : null) ?? prepare.error} />
      {archive === undefined ? null : preparing ? (
        <div role="status" aria-live="polite">
          <label htmlFor="export-progress">
            <FormattedMessage {...m.progress} values={{ progress: archive!.progress }} />
          </label>
          <progress
            id="export-progress"
            max={100}
            value={archive!.progress}
            style={{ width: '100%', display: 'block' }}
          />
        </div>
      ) : ready ? (
        <form onSubmit={download} noValidate>
          <p role="status">
            <FormattedMessage
              {...m.ready}
              values={{ size: size(intl, archive!.sizeBytes), until: when(intl, archive!.expiresAt!) }}
            />
          </p>
          <FormError error={fetchIt.error} />
          <PasswordInput
            label={intl.formatMessage(m.password)}
            nativeInputProps={{
              value: password,
              onChange: (e) => setPassword(e.target.value),
              autoComplete: 'current-password',
              required: true,
            }}
          />
          <Button type="submit" disabled={fetchIt.busy || !password}>
            <FormattedMessage {...m.downloadButton} />
          </Button>
          {fetched && (
            <p className={fr.cx('fr-hint-text', 'fr-mt-2w')}>
              <FormattedMessage {...m.started} />
            </p>
          )}
        </form>
      ) : (
        <>
          {failed && (
            <p>
              <FormattedMessage {...m.failed} />
            </p>
          )}
          {expired && (
            <p>
              <FormattedMessage {...m.expired} />
            </p>
          )}
          <Button
            priority="secondary"
            disabled={prepare.busy}
            onClick={() => prepare.run(() => closureApi.requestExport(profileId)).then((r) => r && setArchive(r))}
          >
            <FormattedMessage {...m.prepare} />
          </Button>
        </>
      )}
    </section>
  );
}
