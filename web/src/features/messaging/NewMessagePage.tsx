import { useState } from 'react';
import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice } from '../../components/forms';
import { shownError } from '../../query';
import { useMessagingChanged, useRecipients } from './messaging.api';
import { defineMessages } from '../../i18n/messages';
import { Composer } from './Composer';

const m = defineMessages({
  title: { id: 'messaging.newMessage.title', defaultMessage: 'Nouveau message' },
  lead: {
    id: 'messaging.newMessage.lead',
    defaultMessage: 'Seul un professionnel de santé peut débuter un échange. Vous pourrez ensuite lui répondre.',
  },
  back: { id: 'messaging.newMessage.back', defaultMessage: 'Retour à la messagerie' },
  recipient: { id: 'messaging.newMessage.recipient', defaultMessage: 'Destinataire' },
  searchLabel: { id: 'messaging.newMessage.searchLabel', defaultMessage: 'Rechercher un professionnel' },
  searchHint: {
    id: 'messaging.newMessage.searchHint',
    defaultMessage: 'Saisissez les premières lettres de son nom ou de son prénom.',
  },
  noRecipient: {
    id: 'messaging.newMessage.noRecipient',
    defaultMessage:
      'Aucun professionnel ne vous a écrit, ou tous ont mis fin aux échanges : le message ne pourra pas être envoyé.',
  },
  recipientsLegend: {
    id: 'messaging.newMessage.recipientsLegend',
    defaultMessage: 'Professionnels à qui vous pouvez écrire',
  },
  noMatch: { id: 'messaging.newMessage.noMatch', defaultMessage: 'Aucun professionnel ne correspond à « {query} ».' },
  message: { id: 'messaging.newMessage.message', defaultMessage: 'Message' },
  messageTo: { id: 'messaging.newMessage.messageTo', defaultMessage: 'Message à {name}' },
  sent: { id: 'messaging.newMessage.sent', defaultMessage: 'Votre message a été envoyé.' },
});

/** French-aware search: accents and case ignored. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * « Nouveau message » (R9.8): one recipient among the professionals who already wrote and did not end the
 * exchanges, alphabetical, filtered by the first letters of a first or last name. With none, the form is
 * still there, the list is empty and « Envoyer » is disabled.
 */
export function NewMessagePage() {
  const intl = useIntl();
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
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <p>
        <Link to="/messagerie" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          {intl.formatMessage(m.back)}
        </Link>
      </p>
      <FormError error={shownError(query.error)} />
      <h2 id="recipient-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.recipient)}
      </h2>
      <Input
        label={intl.formatMessage(m.searchLabel)}
        hintText={intl.formatMessage(m.searchHint)}
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
          <p className={fr.cx('fr-hint-text')}>{intl.formatMessage(m.noRecipient)}</p>
        )}
        {shown.length > 0 ? (
          <RadioButtons
            legend={intl.formatMessage(m.recipientsLegend)}
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
          recipients && recipients.length > 0 && <p role="status">{intl.formatMessage(m.noMatch, { query: q })}</p>
        )}
      </div>
      <h2 id="new-message-title" className={fr.cx('fr-h4')}>
        {picked ? intl.formatMessage(m.messageTo, { name: picked.professional.name }) : intl.formatMessage(m.message)}
      </h2>
      <Composer
        key={chosen ?? 'none'}
        profileId={profile.id}
        conversationId={picked?.conversationId ?? null}
        draft={null}
        // i18n-exempt: a prefix of element ids
        idPrefix="new-message"
        onSent={() => {
          setSent(true);
          void changed();
        }}
      />
      {sent && <Notice>{intl.formatMessage(m.sent)}</Notice>}
    </Page>
  );
}
