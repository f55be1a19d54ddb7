import { Link, Route, Routes, useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError } from '../../components/forms';
import { shownError } from '../../query';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useConversations } from './messaging.api';
import { defineMessages } from '../../i18n/messages';
import { listDate } from './format';
import { ConversationPage } from './ConversationPage';
import { NewMessagePage } from './NewMessagePage';
import './messaging.css';

const m = defineMessages({
  title: { id: 'messaging.inbox.title', defaultMessage: 'Messagerie' },
  lead: { id: 'messaging.inbox.lead', defaultMessage: 'Vos échanges sécurisés avec vos professionnels de santé.' },
  address: {
    id: 'messaging.inbox.address',
    defaultMessage: 'Mon adresse de messagerie à communiquer à mes professionnels de santé :',
  },
  onlyProfessionals: {
    id: 'messaging.inbox.onlyProfessionals',
    defaultMessage: 'Seul un professionnel de santé peut débuter un échange. Vous pourrez ensuite lui répondre.',
  },
  newMessage: { id: 'messaging.inbox.newMessage', defaultMessage: 'Nouveau message' },
  conversations: {
    id: 'messaging.inbox.conversations',
    defaultMessage:
      '{unread, plural, =0 {Mes conversations} one {Mes conversations (# non lu)} other {Mes conversations (# non lus)}}',
  },
  none: { id: 'messaging.inbox.none', defaultMessage: "Vous n'avez aucune conversation pour le moment." },
  unread: { id: 'messaging.inbox.unread', defaultMessage: 'Non lu : ' },
  attachments: { id: 'messaging.inbox.attachments', defaultMessage: 'Documents attachés' },
  draft: { id: 'messaging.inbox.draft', defaultMessage: 'Brouillon' },
  ended: { id: 'messaging.inbox.ended', defaultMessage: 'Échanges terminés' },
});

/** « Messagerie » (R9) and its pages. */
export function MessagingPage() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      {/* i18n-exempt: a route path */}
      <Route path="nouveau" element={<NewMessagePage />} />
      {/* i18n-exempt: a route path */}
      <Route path="conversations/:id" element={<ConversationPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** The address to give professionals and the conversations, latest first, 20 a page. */
function Inbox() {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const list = useConversations(profile.id, page);
  const data = list.data;

  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <FormError error={shownError(list.error)} />
      {data?.address && (
        <p>
          {intl.formatMessage(m.address)} <strong className="carnet-address">{data.address}</strong>
        </p>
      )}
      <div className={fr.cx('fr-callout', 'fr-mb-3w')}>
        <p className={fr.cx('fr-callout__text')}>{intl.formatMessage(m.onlyProfessionals)}</p>
      </div>
      <Button iconId="fr-icon-edit-line" linkProps={{ to: '/messagerie/nouveau' }} className={fr.cx('fr-mb-3w')}>
        {intl.formatMessage(m.newMessage)}
      </Button>
      {data && (
        <section aria-labelledby="conversations-title">
          <h2 id="conversations-title" className={fr.cx('fr-h4')}>
            {intl.formatMessage(m.conversations, { unread: data.unread })}
          </h2>
          {data.conversations.length === 0 ? (
            <p>{intl.formatMessage(m.none)}</p>
          ) : (
            <ul className={fr.cx('fr-raw-list')} aria-labelledby="conversations-title">
              {data.conversations.map((c) => (
                <li key={c.id} className="carnet-conversation">
                  <Link to={`/messagerie/conversations/${c.id}`} className="carnet-conversation__link">
                    <span className="carnet-conversation__who">
                      {c.unread > 0 && (
                        <>
                          <span className="carnet-unread-dot" aria-hidden="true" />
                          <span className={fr.cx('fr-sr-only')}>{intl.formatMessage(m.unread)}</span>
                        </>
                      )}
                      <span className={c.unread > 0 ? 'carnet-strong' : undefined}>{c.lastSender}</span>
                      <span className="carnet-conversation__date">{listDate(intl, c.lastAt)}</span>
                    </span>
                    <span className="carnet-conversation__subject">{c.subject}</span>
                    <span className="carnet-conversation__tags">
                      {c.hasAttachments && (
                        <span className={fr.cx('fr-tag', 'fr-tag--sm')}>
                          <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" />{' '}
                          {intl.formatMessage(m.attachments)}
                        </span>
                      )}
                      {c.hasDraft && (
                        <span className={fr.cx('fr-tag', 'fr-tag--sm')}>{intl.formatMessage(m.draft)}</span>
                      )}
                      {c.endedAt && (
                        <span className={fr.cx('fr-tag', 'fr-tag--sm')}>{intl.formatMessage(m.ended)}</span>
                      )}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {data.pageCount > 1 && (
            <Pagination
              count={data.pageCount}
              defaultPage={page}
              getPageLinkProps={(n) => ({ to: `/messagerie?page=${n}` })}
              className={fr.cx('fr-mt-3w')}
            />
          )}
        </section>
      )}
    </Page>
  );
}
