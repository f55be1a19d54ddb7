import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useIntl } from 'react-intl';
import { ApiError } from '../../api';
import { usePageTitle } from '../../components/usePageTitle';
import { defineMessages, type Message } from '../../i18n/messages';
import { useSite } from '../../site';
import { useMailbox, type MailboxMessage } from './devmailbox.api';

const m = defineMessages({
  sent: { id: 'devmailbox.status.sent', defaultMessage: 'Remis' },
  pending: { id: 'devmailbox.status.pending', defaultMessage: 'En attente' },
  failed: { id: 'devmailbox.status.failed', defaultMessage: 'Échec' },
  title: { id: 'devmailbox.page.title', defaultMessage: 'Boîte de réception de développement' },
  readFailed: { id: 'devmailbox.page.readFailed', defaultMessage: "La boîte de réception n'a pas pu être lue." },
  toolTitle: { id: 'devmailbox.page.toolTitle', defaultMessage: 'Outil de développement' },
  toolDescription: {
    id: 'devmailbox.page.toolDescription',
    defaultMessage:
      "Cette page affiche les e-mails et SMS que Carnet aurait envoyés, tels que la personne les recevrait. Aucun message n'est réellement envoyé tant qu'aucun serveur d'e-mail ou de SMS n'est configuré. Elle n'existe pas en production.",
  },
  disabledTitle: { id: 'devmailbox.page.disabledTitle', defaultMessage: 'Boîte de réception désactivée' },
  disabledDescription: {
    id: 'devmailbox.page.disabledDescription',
    defaultMessage:
      'Sur ce serveur, la boîte de réception de développement est désactivée : les messages partent par e-mail et par SMS.',
  },
  filterLabel: { id: 'devmailbox.page.filterLabel', defaultMessage: 'Filtrer les messages' },
  recipient: { id: 'devmailbox.page.recipient', defaultMessage: 'Destinataire' },
  recipientHint: {
    id: 'devmailbox.page.recipientHint',
    defaultMessage: 'Adresse e-mail ou numéro de téléphone exact ; laissez vide pour tout afficher.',
  },
  filter: { id: 'devmailbox.page.filter', defaultMessage: 'Filtrer' },
  refresh: { id: 'devmailbox.page.refresh', defaultMessage: 'Actualiser' },
  count: {
    id: 'devmailbox.page.count',
    defaultMessage: '{count, plural, =0 {Aucun message} one {# message} other {# messages}}',
  },
  countFor: { id: 'devmailbox.page.countFor', defaultMessage: ' pour « {to} »' },
  updatedAt: { id: 'devmailbox.page.updatedAt', defaultMessage: ' — mis à jour à {time}' },
  noSubject: { id: 'devmailbox.message.noSubject', defaultMessage: '(sans objet)' },
  sms: { id: 'devmailbox.message.sms', defaultMessage: 'SMS' },
  email: { id: 'devmailbox.message.email', defaultMessage: 'E-mail' },
  toLabel: { id: 'devmailbox.message.to', defaultMessage: 'À' },
  date: { id: 'devmailbox.message.date', defaultMessage: 'Date' },
  kind: { id: 'devmailbox.message.kind', defaultMessage: 'Type' },
});

const statusLabel: Record<MailboxMessage['status'], { text: Message; severity: 'success' | 'info' | 'error' }> = {
  sent: { text: m.sent, severity: 'success' },
  pending: { text: m.pending, severity: 'info' },
  failed: { text: m.failed, severity: 'error' },
};

/**
 * /dev/mailbox: the e-mails and SMS Carnet would have sent, shown as the person would read them.
 * A development tool; the server does not offer it in production.
 */
export function DevMailboxPage() {
  const intl = useIntl();
  const title = intl.formatMessage(m.title);
  usePageTitle(title);
  const site = useSite();
  const [params, setParams] = useSearchParams();
  const to = params.get('destinataire') ?? '';
  const [draft, setDraft] = useState(to);
  const mailbox = useMailbox(to, site.devMailbox);
  const messages = mailbox.data ?? null;
  const error = mailbox.error
    ? mailbox.error instanceof ApiError
      ? mailbox.error.localized(intl)
      : intl.formatMessage(m.readFailed)
    : null;
  const loading = mailbox.isFetching;
  const loadedAt = mailbox.dataUpdatedAt ? new Date(mailbox.dataUpdatedAt) : null;
  const load = () => mailbox.refetch();

  // The field follows the address (a link, the browser's back button).
  useEffect(() => setDraft(to), [to]);

  return (
    <div className={fr.cx('fr-container', 'fr-my-6w')}>
      <h1>{title}</h1>
      <Alert
        severity="warning"
        as="h2"
        title={intl.formatMessage(m.toolTitle)}
        description={intl.formatMessage(m.toolDescription)}
        className={fr.cx('fr-mb-4w')}
      />
      {!site.devMailbox ? (
        <Alert
          severity="info"
          as="h2"
          title={intl.formatMessage(m.disabledTitle)}
          description={intl.formatMessage(m.disabledDescription)}
        />
      ) : (
        <>
          <form
            className="carnet-mailbox__filter"
            role="search"
            aria-label={intl.formatMessage(m.filterLabel)}
            onSubmit={(e) => {
              e.preventDefault();
              const value = draft.trim();
              setParams(value ? { destinataire: value } : {});
            }}
          >
            <Input
              label={intl.formatMessage(m.recipient)}
              hintText={intl.formatMessage(m.recipientHint)}
              nativeInputProps={{
                value: draft,
                onChange: (e) => setDraft(e.target.value),
                type: 'search',
                autoComplete: 'off',
              }}
              className={fr.cx('fr-mb-0')}
            />
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--icon-left')}>
              <li>
                <Button type="submit" iconId="fr-icon-filter-line">
                  {intl.formatMessage(m.filter)}
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  iconId="fr-icon-refresh-line"
                  onClick={() => void load()}
                  disabled={loading}
                >
                  {intl.formatMessage(m.refresh)}
                </Button>
              </li>
            </ul>
          </form>

          <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
            {error && <Alert severity="error" small description={error} />}
            {messages && (
              <p className={fr.cx('fr-text--sm')}>
                {intl.formatMessage(m.count, { count: messages.length })}
                {to && intl.formatMessage(m.countFor, { to })}
                {loadedAt &&
                  intl.formatMessage(m.updatedAt, {
                    time: intl.formatTime(loadedAt, { hour: 'numeric', minute: 'numeric', second: 'numeric' }),
                  })}
              </p>
            )}
          </div>

          {messages && messages.length > 0 && (
            <ol className="carnet-mailbox__list">
              {messages.map((mail) => (
                <li key={mail.id}>
                  <MessageCard message={mail} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

function MessageCard({ message: mail }: { message: MailboxMessage }) {
  const intl = useIntl();
  const status = statusLabel[mail.status];
  const heading = mail.subject ?? intl.formatMessage(mail.channel === 'sms' ? m.sms : m.noSubject);
  return (
    <article className="carnet-mailbox__message">
      <header className="carnet-mailbox__header">
        <h2 className={fr.cx('fr-h6', 'fr-mb-1w')}>{heading}</h2>
        <ul className={fr.cx('fr-badges-group')}>
          <li>
            <Badge small noIcon severity={mail.channel === 'sms' ? 'new' : undefined}>
              {intl.formatMessage(mail.channel === 'sms' ? m.sms : m.email)}
            </Badge>
          </li>
          <li>
            <Badge small severity={status.severity}>
              {intl.formatMessage(status.text)}
            </Badge>
          </li>
        </ul>
        <dl className="carnet-mailbox__meta">
          <div>
            <dt>{intl.formatMessage(m.toLabel)}</dt>
            <dd>{mail.to}</dd>
          </div>
          <div>
            <dt>{intl.formatMessage(m.date)}</dt>
            <dd>
              <time dateTime={mail.createdAt}>
                {intl.formatDate(new Date(mail.createdAt), { dateStyle: 'long', timeStyle: 'medium' })}
              </time>
            </dd>
          </div>
          <div>
            <dt>{intl.formatMessage(m.kind)}</dt>
            <dd>{mail.kind}</dd>
          </div>
        </dl>
      </header>
      <div className="carnet-mailbox__text">{mail.text}</div>
    </article>
  );
}
