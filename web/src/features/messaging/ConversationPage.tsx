import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { AttachmentView } from '../../../../shared/src/messaging.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { shownError, useInvalidate } from '../../query';
import { documentsKeys } from '../documents/documents.api';
import { messagingApi, messagingKeys, useConversation, useMessagingChanged } from './messaging.api';
import { longDate, sizeLabel } from './format';
import { Composer } from './Composer';

/** A conversation: every message with that professional, oldest first; reply, end of exchanges, delete. */
export function ConversationPage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const { profile } = useActiveProfile();
  const navigate = useNavigate();
  const conversation = useConversation(profile.id, id);
  const c = conversation.data;
  const [sent, setSent] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [more, setMore] = useState(false);
  const { error: actionError, run } = useAction();
  const error = actionError ?? shownError(conversation.error);
  const changed = useMessagingChanged(profile.id);
  const invalidate = useInvalidate();

  const remove = async () => {
    const ok = await run(() => messagingApi.remove(profile.id, id).then(() => true));
    if (!ok) return;
    navigate('/messagerie', { state: { deleted: true } });
    // The conversation itself is gone: only the list and the count are read again.
    void invalidate(messagingKeys.lists(profile.id));
    void invalidate(messagingKeys.unread(profile.id));
  };

  const last = c?.messages[c.messages.length - 1];
  const pro = c?.professional.name ?? '';
  return (
    <Page title={c ? `Conversation avec ${pro}` : 'Conversation'}>
      <p>
        <Link to="/messagerie" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          Retour à la messagerie
        </Link>
      </p>
      <FormError error={error} />
      {c && (
        <>
          {c.endedAt && (
            <div className={fr.cx('fr-mb-3w')}>
              <Alert
                severity="warning"
                title={`${pro} a mis fin à vos échanges`}
                as="h2"
                description="Vous ne pouvez plus répondre à cette conversation."
              />
              <Button
                priority="tertiary no outline"
                size="small"
                onClick={() => setMore(!more)}
                nativeButtonProps={{ 'aria-expanded': more, 'aria-controls': 'fin-echanges' }}
              >
                en savoir plus
              </Button>
              {more && (
                <div id="fin-echanges" className={fr.cx('fr-callout', 'fr-mt-1w')}>
                  <p className={fr.cx('fr-callout__text')}>
                    Après avoir communiqué avec vous, un professionnel de santé peut choisir de mettre fin aux échanges.
                    Toutes les conversations avec ce professionnel sont concernées et vous ne pouvez plus lui répondre.
                    Si ce professionnel vous écrit de nouveau, vous pourrez lui répondre.
                  </p>
                </div>
              )}
            </div>
          )}
          <section aria-labelledby="messages-title">
            <h2 id="messages-title" className={fr.cx('fr-h4')}>
              Messages échangés avec {pro}
            </h2>
            {c.messages.map((m) => (
              <article
                key={m.id}
                className={`carnet-message${m.direction === 'to_professional' ? ' carnet-message--mine' : ''}`}
                aria-labelledby={`m-${m.id}`}
              >
                <h3 id={`m-${m.id}`} className={fr.cx('fr-h6', 'fr-mb-1v')}>
                  {m.subject}
                </h3>
                <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                  {m.direction === 'to_patient' ? `De ${m.from}` : `Envoyé par ${m.from}`}, {longDate(intl, m.sentAt)}
                </p>
                <p className="carnet-message__body">{m.body}</p>
                {m.onBehalfNote && (
                  <p className={fr.cx('fr-text--sm')}>
                    <em>{m.onBehalfNote}</em>
                  </p>
                )}
                {m.attachments.length > 0 && (
                  <ul className={fr.cx('fr-raw-list')} aria-label={`Pièces jointes du message « ${m.subject} »`}>
                    {m.attachments.map((a) => (
                      <AttachmentItem key={a.id} profileId={profile.id} a={a} received={m.direction === 'to_patient'} />
                    ))}
                  </ul>
                )}
              </article>
            ))}
          </section>
          {!c.endedAt && (
            <section aria-labelledby="reply-title" className={fr.cx('fr-mt-4w')}>
              <h2 id="reply-title" className={fr.cx('fr-h4')}>
                Répondre à {pro}
              </h2>
              <Composer
                key={c.id}
                profileId={profile.id}
                conversationId={c.id}
                draft={c.draft}
                defaultSubject={
                  last ? (last.subject.startsWith('Re') ? last.subject : `Re: ${last.subject}`).slice(0, 80) : ''
                }
                idPrefix="reply"
                onSent={() => {
                  setSent(true);
                  void changed();
                }}
              />
            </section>
          )}
          {sent && <Notice>Votre message a été envoyé.</Notice>}
          <section aria-label="Supprimer la conversation" className={fr.cx('fr-mt-4w')}>
            {!confirmDelete ? (
              <Button priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setConfirmDelete(true)}>
                Supprimer la conversation
              </Button>
            ) : (
              <div
                role="group"
                aria-labelledby="delete-q"
                className={fr.cx('fr-p-2w')}
                style={{ border: '1px solid var(--border-default-grey)' }}
              >
                <p id="delete-q">
                  Supprimer cette conversation ? Elle disparaîtra de votre messagerie ; le professionnel garde sa copie.
                </p>
                <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
                  <li>
                    <Button
                      priority="secondary"
                      onClick={() => setConfirmDelete(false)}
                      nativeButtonProps={{ autoFocus: true }}
                    >
                      annuler
                    </Button>
                  </li>
                  <li>
                    <Button onClick={() => void remove()}>supprimer</Button>
                  </li>
                </ul>
              </div>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

/**
 * A received or sent attachment: shown when the browser can (PDF, JPEG), otherwise the notice and a
 * download; one compatible with Documents can be added there, after a confirmation.
 */
function AttachmentItem({ profileId, a, received }: { profileId: string; a: AttachmentView; received: boolean }) {
  const intl = useIntl();
  const [confirm, setConfirm] = useState(false);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const invalidate = useInvalidate();
  const save = async () => {
    const ok = await run(() => messagingApi.saveAttachment(profileId, a.id));
    if (ok) {
      void invalidate(documentsKeys.all(profileId));
      setSaved(true);
      setConfirm(false);
    }
  };
  return (
    <li className={fr.cx('fr-mb-2w')}>
      <p className={fr.cx('fr-mb-1v')}>
        <span className={fr.cx('fr-icon-attachment-line', 'fr-icon--sm')} aria-hidden="true" />{' '}
        <strong>{a.fileName}</strong> ({sizeLabel(intl, a.sizeBytes)})
      </p>
      {!a.viewable && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
          Cette pièce jointe ne peut pas être affichée. Vous pouvez la télécharger pour la consulter.
        </p>
      )}
      {!a.compatible && received && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
          Cette pièce jointe n'est pas dans un format accepté par vos documents : vous pouvez uniquement la télécharger.
        </p>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
        {a.viewable && (
          <li>
            <a
              className={fr.cx('fr-btn', 'fr-btn--tertiary')}
              href={messagingApi.attachmentUrl(profileId, a.id)}
              target="_blank"
              rel="noopener"
              title={`Voir ${a.fileName} (nouvelle fenêtre)`}
            >
              Voir
            </a>
          </li>
        )}
        <li>
          <a
            className={fr.cx('fr-btn', 'fr-btn--tertiary')}
            href={messagingApi.attachmentUrl(profileId, a.id, true)}
            download={a.fileName}
            aria-label={`Télécharger ${a.fileName}`}
          >
            Télécharger
          </a>
        </li>
        {a.compatible && received && !saved && (
          <li>
            <Button
              priority="secondary"
              onClick={() => setConfirm(true)}
              nativeButtonProps={{
                'aria-label': `Ajouter une pièce jointe aux documents de Mon espace santé : ${a.fileName}`,
              }}
            >
              Ajouter une pièce jointe aux documents de Mon espace santé
            </Button>
          </li>
        )}
      </ul>
      {confirm && (
        <div
          role="group"
          aria-labelledby={`save-q-${a.id}`}
          className={fr.cx('fr-p-2w', 'fr-mb-1w')}
          style={{ border: '1px solid var(--border-default-grey)' }}
        >
          <p id={`save-q-${a.id}`}>Ajouter « {a.fileName} » aux documents de Mon espace santé ?</p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
            <li>
              <Button priority="secondary" onClick={() => setConfirm(false)}>
                Annuler
              </Button>
            </li>
            <li>
              <Button disabled={busy} onClick={() => void save()} nativeButtonProps={{ autoFocus: true }}>
                Ajouter
              </Button>
            </li>
          </ul>
        </div>
      )}
      <FormError error={error} />
      {saved && <Notice>Document ajouté : vous le retrouvez dans vos documents.</Notice>}
    </li>
  );
}
