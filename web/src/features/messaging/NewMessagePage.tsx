import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice } from '../../components/forms';
import { shownError } from '../../query';
import { useMessagingChanged, useRecipients } from './messaging.api';
import { Composer } from './Composer';

/** French-aware search: accents and case ignored. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * « Nouveau message » (R9.8): one recipient among the professionals who already wrote and did not end the
 * exchanges, alphabetical, filtered by the first letters of a first or last name. With none, the form is
 * still there, the list is empty and « Envoyer » is disabled.
 */
export function NewMessagePage() {
  const { profile } = useActiveProfile();
  const query = useRecipients(profile.id);
  // When they cannot be read, the list is empty and « Envoyer » disabled, with the error above.
  const recipients = query.data?.recipients ?? (query.isError ? [] : null);
  const changed = useMessagingChanged(profile.id);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const shown = (recipients ?? []).filter(
    (r) =>
      !q.trim() ||
      fold(r.professional.name)
        .split(/\s+/)
        .some((w) => w.startsWith(fold(q.trim()))),
  );
  const picked = recipients?.find((r) => r.conversationId === chosen) ?? null;

  return (
    <Page
      title="Nouveau message"
      lead="Seul un professionnel de santé peut débuter un échange. Vous pourrez ensuite lui répondre."
    >
      <p>
        <Link to="/messagerie" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          Retour à la messagerie
        </Link>
      </p>
      <FormError error={shownError(query.error)} />
      <h2 id="recipient-title" className={fr.cx('fr-h4')}>
        Destinataire
      </h2>
      <Input
        label="Rechercher un professionnel"
        hintText="Saisissez les premières lettres de son nom ou de son prénom."
        nativeInputProps={{
          id: 'recipient-search',
          type: 'search',
          value: q,
          onChange: (e) => setQ(e.target.value),
          'aria-controls': 'recipient-list',
        }}
      />
      <div id="recipient-list">
        {recipients && recipients.length === 0 && (
          <p className={fr.cx('fr-hint-text')}>
            Aucun professionnel ne vous a écrit, ou tous ont mis fin aux échanges : le message ne pourra pas être
            envoyé.
          </p>
        )}
        {shown.length > 0 ? (
          <RadioButtons
            legend="Professionnels à qui vous pouvez écrire"
            name="recipient"
            options={shown.map((r) => ({
              label: r.professional.name,
              nativeInputProps: {
                value: r.conversationId,
                checked: chosen === r.conversationId,
                onChange: () => setChosen(r.conversationId),
              },
            }))}
          />
        ) : (
          recipients && recipients.length > 0 && <p role="status">Aucun professionnel ne correspond à « {q} ».</p>
        )}
      </div>
      <h2 id="new-message-title" className={fr.cx('fr-h4')}>
        Message{picked ? ` à ${picked.professional.name}` : ''}
      </h2>
      <Composer
        key={chosen ?? 'none'}
        profileId={profile.id}
        conversationId={picked?.conversationId ?? null}
        draft={null}
        idPrefix="new-message"
        onSent={() => {
          setSent(true);
          void changed();
        }}
      />
      {sent && <Notice>Votre message a été envoyé.</Notice>}
    </Page>
  );
}
