import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { ApiError } from '../../api';
import { usePageTitle } from '../../components/usePageTitle';
import { useSite } from '../../site';
import { useMailbox, type MailboxMessage } from './devmailbox.api';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'medium' });
const statusLabel: Record<MailboxMessage['status'], { text: string; severity: 'success' | 'info' | 'error' }> = {
  sent: { text: 'Remis', severity: 'success' },
  pending: { text: 'En attente', severity: 'info' },
  failed: { text: 'Échec', severity: 'error' },
};

/**
 * /dev/mailbox: the e-mails and SMS Carnet would have sent, shown as the person would read them.
 * A development tool; the server does not offer it in production.
 */
export function DevMailboxPage() {
  usePageTitle('Boîte de réception de développement');
  const site = useSite();
  const [params, setParams] = useSearchParams();
  const to = params.get('destinataire') ?? '';
  const [draft, setDraft] = useState(to);
  const mailbox = useMailbox(to, site.devMailbox);
  const messages = mailbox.data ?? null;
  const error = mailbox.error
    ? mailbox.error instanceof ApiError
      ? mailbox.error.message
      : "La boîte de réception n'a pas pu être lue."
    : null;
  const loading = mailbox.isFetching;
  const loadedAt = mailbox.dataUpdatedAt ? new Date(mailbox.dataUpdatedAt) : null;
  const load = () => mailbox.refetch();

  // The field follows the address (a link, the browser's back button).
  useEffect(() => setDraft(to), [to]);

  return (
    <div className={fr.cx('fr-container', 'fr-my-6w')}>
      <h1>Boîte de réception de développement</h1>
      <Alert
        severity="warning"
        as="h2"
        title="Outil de développement"
        description="Cette page affiche les e-mails et SMS que Carnet aurait envoyés, tels que la personne les recevrait. Aucun message n'est réellement envoyé tant qu'aucun serveur d'e-mail ou de SMS n'est configuré. Elle n'existe pas en production."
        className={fr.cx('fr-mb-4w')}
      />
      {!site.devMailbox ? (
        <Alert
          severity="info"
          as="h2"
          title="Boîte de réception désactivée"
          description="Sur ce serveur, la boîte de réception de développement est désactivée : les messages partent par e-mail et par SMS."
        />
      ) : (
        <>
          <form
            className="carnet-mailbox__filter"
            role="search"
            aria-label="Filtrer les messages"
            onSubmit={(e) => {
              e.preventDefault();
              const value = draft.trim();
              setParams(value ? { destinataire: value } : {});
            }}
          >
            <Input
              label="Destinataire"
              hintText="Adresse e-mail ou numéro de téléphone exact ; laissez vide pour tout afficher."
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
                  Filtrer
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
                  Actualiser
                </Button>
              </li>
            </ul>
          </form>

          <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
            {error && <Alert severity="error" small description={error} />}
            {messages && (
              <p className={fr.cx('fr-text--sm')}>
                {messages.length === 0
                  ? 'Aucun message'
                  : messages.length === 1
                    ? '1 message'
                    : `${messages.length} messages`}
                {to && <> pour « {to} »</>}
                {loadedAt && <> — mis à jour à {loadedAt.toLocaleTimeString('fr-FR')}</>}
              </p>
            )}
          </div>

          {messages && messages.length > 0 && (
            <ol className="carnet-mailbox__list">
              {messages.map((m) => (
                <li key={m.id}>
                  <MessageCard message={m} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

function MessageCard({ message: m }: { message: MailboxMessage }) {
  const status = statusLabel[m.status];
  const heading = m.subject ?? (m.channel === 'sms' ? 'SMS' : '(sans objet)');
  return (
    <article className="carnet-mailbox__message">
      <header className="carnet-mailbox__header">
        <h2 className={fr.cx('fr-h6', 'fr-mb-1w')}>{heading}</h2>
        <ul className={fr.cx('fr-badges-group')}>
          <li>
            <Badge small noIcon severity={m.channel === 'sms' ? 'new' : undefined}>
              {m.channel === 'sms' ? 'SMS' : 'E-mail'}
            </Badge>
          </li>
          <li>
            <Badge small severity={status.severity}>
              {status.text}
            </Badge>
          </li>
        </ul>
        <dl className="carnet-mailbox__meta">
          <div>
            <dt>À</dt>
            <dd>{m.to}</dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd>
              <time dateTime={m.createdAt}>{dateFormat.format(new Date(m.createdAt))}</time>
            </dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>{m.kind}</dd>
          </div>
        </dl>
      </header>
      <div className="carnet-mailbox__text">{m.text}</div>
    </article>
  );
}
