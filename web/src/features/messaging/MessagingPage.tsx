import { Link, Route, Routes, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError } from '../../components/forms';
import { shownError } from '../../query';
import { NotFoundPage } from '../errors/NotFoundPage';
import { useConversations } from './messaging.api';
import { listDate } from './format';
import { ConversationPage } from './ConversationPage';
import { NewMessagePage } from './NewMessagePage';
import './messaging.css';

/** « Messagerie » (R9) and its pages. */
export function MessagingPage() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path="nouveau" element={<NewMessagePage />} />
      <Route path="conversations/:id" element={<ConversationPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** The address to give professionals and the conversations, latest first, 20 a page. */
function Inbox() {
  const { profile } = useActiveProfile();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const list = useConversations(profile.id, page);
  const data = list.data;

  return (
    <Page title="Messagerie" lead="Vos échanges sécurisés avec vos professionnels de santé.">
      <FormError error={shownError(list.error)} />
      {data?.address && (
        <p>
          Mon adresse de messagerie à communiquer à mes professionnels de santé :{' '}
          <strong className="carnet-address">{data.address}</strong>
        </p>
      )}
      <div className={fr.cx('fr-callout', 'fr-mb-3w')}>
        <p className={fr.cx('fr-callout__text')}>
          Seul un professionnel de santé peut débuter un échange. Vous pourrez ensuite lui répondre.
        </p>
      </div>
      <Button iconId="fr-icon-edit-line" linkProps={{ to: '/messagerie/nouveau' }} className={fr.cx('fr-mb-3w')}>
        Nouveau message
      </Button>
      {data && (
        <section aria-labelledby="conversations-title">
          <h2 id="conversations-title" className={fr.cx('fr-h4')}>
            Mes conversations{data.unread > 0 ? ` (${data.unread} non lu${data.unread > 1 ? 's' : ''})` : ''}
          </h2>
          {data.conversations.length === 0 ? (
            <p>Vous n'avez aucune conversation pour le moment.</p>
          ) : (
            <ul className={fr.cx('fr-raw-list')} aria-labelledby="conversations-title">
              {data.conversations.map((c) => (
                <li key={c.id} className="carnet-conversation">
                  <Link to={`/messagerie/conversations/${c.id}`} className="carnet-conversation__link">
                    <span className="carnet-conversation__who">
                      {c.unread > 0 && (
                        <>
                          <span className="carnet-unread-dot" aria-hidden="true" />
                          <span className={fr.cx('fr-sr-only')}>Non lu : </span>
                        </>
                      )}
                      <span className={c.unread > 0 ? 'carnet-strong' : undefined}>{c.lastSender}</span>
                      <span className="carnet-conversation__date">{listDate(c.lastAt)}</span>
                    </span>
                    <span className="carnet-conversation__subject">{c.subject}</span>
                    <span className="carnet-conversation__tags">
                      {c.hasAttachments && (
                        <span className={fr.cx('fr-tag', 'fr-tag--sm')}>
                          <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" />{' '}
                          Documents attachés
                        </span>
                      )}
                      {c.hasDraft && <span className={fr.cx('fr-tag', 'fr-tag--sm')}>Brouillon</span>}
                      {c.endedAt && <span className={fr.cx('fr-tag', 'fr-tag--sm')}>Échanges terminés</span>}
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
