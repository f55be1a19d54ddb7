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
import { defineMessages } from '../../i18n/messages';
import { documentsKeys } from '../documents/documents.api';
import { messagingApi, messagingKeys, useConversation, useMessagingChanged } from './messaging.api';
import { longDate, sizeLabel } from './format';
import { Composer } from './Composer';

const m = defineMessages({
  title: { id: 'messaging.conversation.title', defaultMessage: 'Conversation avec {name}' },
  titleLoading: { id: 'messaging.conversation.titleLoading', defaultMessage: 'Conversation' },
  back: { id: 'messaging.conversation.back', defaultMessage: 'Retour à la messagerie' },
  endedTitle: { id: 'messaging.conversation.endedTitle', defaultMessage: '{name} a mis fin à vos échanges' },
  endedDescription: {
    id: 'messaging.conversation.endedDescription',
    defaultMessage: 'Vous ne pouvez plus répondre à cette conversation.',
  },
  learnMore: { id: 'messaging.conversation.learnMore', defaultMessage: 'en savoir plus' },
  endedMore: {
    id: 'messaging.conversation.endedMore',
    defaultMessage:
      'Après avoir communiqué avec vous, un professionnel de santé peut choisir de mettre fin aux échanges. Toutes les conversations avec ce professionnel sont concernées et vous ne pouvez plus lui répondre. Si ce professionnel vous écrit de nouveau, vous pourrez lui répondre.',
  },
  exchangedWith: { id: 'messaging.conversation.exchangedWith', defaultMessage: 'Messages échangés avec {name}' },
  from: { id: 'messaging.conversation.from', defaultMessage: 'De {name}, {date}' },
  sentBy: { id: 'messaging.conversation.sentBy', defaultMessage: 'Envoyé par {name}, {date}' },
  attachmentsOf: {
    id: 'messaging.conversation.attachmentsOf',
    defaultMessage: 'Pièces jointes du message « {subject} »',
  },
  replyTo: { id: 'messaging.conversation.replyTo', defaultMessage: 'Répondre à {name}' },
  sent: { id: 'messaging.conversation.sent', defaultMessage: 'Votre message a été envoyé.' },
  deleteConversation: { id: 'messaging.conversation.delete', defaultMessage: 'Supprimer la conversation' },
  deleteQuestion: {
    id: 'messaging.conversation.deleteQuestion',
    defaultMessage:
      'Supprimer cette conversation ? Elle disparaîtra de votre messagerie ; le professionnel garde sa copie.',
  },
  deleteCancel: { id: 'messaging.conversation.deleteCancel', defaultMessage: 'annuler' },
  deleteConfirm: { id: 'messaging.conversation.deleteConfirm', defaultMessage: 'supprimer' },
  notViewable: {
    id: 'messaging.attachment.notViewable',
    defaultMessage: 'Cette pièce jointe ne peut pas être affichée. Vous pouvez la télécharger pour la consulter.',
  },
  notCompatible: {
    id: 'messaging.attachment.notCompatible',
    defaultMessage:
      "Cette pièce jointe n'est pas dans un format accepté par vos documents : vous pouvez uniquement la télécharger.",
  },
  viewTitle: { id: 'messaging.attachment.viewTitle', defaultMessage: 'Voir {name} (nouvelle fenêtre)' },
  view: { id: 'messaging.attachment.view', defaultMessage: 'Voir' },
  downloadLabel: { id: 'messaging.attachment.downloadLabel', defaultMessage: 'Télécharger {name}' },
  downloadButton: { id: 'messaging.attachment.download', defaultMessage: 'Télécharger' },
  addLabel: {
    id: 'messaging.attachment.addLabel',
    defaultMessage: 'Ajouter une pièce jointe aux documents de Mon espace santé : {name}',
  },
  add: { id: 'messaging.attachment.add', defaultMessage: 'Ajouter une pièce jointe aux documents de Mon espace santé' },
  addQuestion: {
    id: 'messaging.attachment.addQuestion',
    defaultMessage: 'Ajouter « {name} » aux documents de Mon espace santé ?',
  },
  addCancel: { id: 'messaging.attachment.addCancel', defaultMessage: 'Annuler' },
  addConfirm: { id: 'messaging.attachment.addConfirm', defaultMessage: 'Ajouter' },
  added: {
    id: 'messaging.attachment.added',
    defaultMessage: 'Document ajouté : vous le retrouvez dans vos documents.',
  },
});

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
    <Page title={c ? intl.formatMessage(m.title, { name: pro }) : intl.formatMessage(m.titleLoading)}>
      <p>
        <Link to="/messagerie" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          {intl.formatMessage(m.back)}
        </Link>
      </p>
      <FormError error={error} />
      {c && (
        <>
          {c.endedAt && (
            <div className={fr.cx('fr-mb-3w')}>
              <Alert
                severity="warning"
                title={intl.formatMessage(m.endedTitle, { name: pro })}
                as="h2"
                description={intl.formatMessage(m.endedDescription)}
              />
              <Button
                priority="tertiary no outline"
                size="small"
                onClick={() => setMore(!more)}
                nativeButtonProps={{ 'aria-expanded': more, 'aria-controls': 'fin-echanges' }}
              >
                {intl.formatMessage(m.learnMore)}
              </Button>
              {more && (
                <div id="fin-echanges" className={fr.cx('fr-callout', 'fr-mt-1w')}>
                  <p className={fr.cx('fr-callout__text')}>{intl.formatMessage(m.endedMore)}</p>
                </div>
              )}
            </div>
          )}
          <section aria-labelledby="messages-title">
            <h2 id="messages-title" className={fr.cx('fr-h4')}>
              {intl.formatMessage(m.exchangedWith, { name: pro })}
            </h2>
            {c.messages.map((msg) => (
              <article
                key={msg.id}
                className={`carnet-message${msg.direction === 'to_professional' ? ' carnet-message--mine' : ''}`}
                aria-labelledby={`m-${msg.id}`}
              >
                <h3 id={`m-${msg.id}`} className={fr.cx('fr-h6', 'fr-mb-1v')}>
                  {msg.subject}
                </h3>
                <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                  {intl.formatMessage(msg.direction === 'to_patient' ? m.from : m.sentBy, {
                    name: msg.from,
                    date: longDate(intl, msg.sentAt),
                  })}
                </p>
                <p className="carnet-message__body">{msg.body}</p>
                {msg.onBehalfNote && (
                  <p className={fr.cx('fr-text--sm')}>
                    <em>{msg.onBehalfNote}</em>
                  </p>
                )}
                {msg.attachments.length > 0 && (
                  <ul
                    className={fr.cx('fr-raw-list')}
                    aria-label={intl.formatMessage(m.attachmentsOf, { subject: msg.subject })}
                  >
                    {msg.attachments.map((a) => (
                      <AttachmentItem
                        key={a.id}
                        profileId={profile.id}
                        a={a}
                        received={msg.direction === 'to_patient'}
                      />
                    ))}
                  </ul>
                )}
              </article>
            ))}
          </section>
          {!c.endedAt && (
            <section aria-labelledby="reply-title" className={fr.cx('fr-mt-4w')}>
              <h2 id="reply-title" className={fr.cx('fr-h4')}>
                {intl.formatMessage(m.replyTo, { name: pro })}
              </h2>
              <Composer
                key={c.id}
                profileId={profile.id}
                conversationId={c.id}
                draft={c.draft}
                defaultSubject={
                  last ? (last.subject.startsWith('Re') ? last.subject : `Re: ${last.subject}`).slice(0, 80) : ''
                }
                // i18n-exempt: a prefix of element ids
                idPrefix="reply"
                onSent={() => {
                  setSent(true);
                  void changed();
                }}
              />
            </section>
          )}
          {sent && <Notice>{intl.formatMessage(m.sent)}</Notice>}
          <section aria-label={intl.formatMessage(m.deleteConversation)} className={fr.cx('fr-mt-4w')}>
            {!confirmDelete ? (
              <Button priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setConfirmDelete(true)}>
                {intl.formatMessage(m.deleteConversation)}
              </Button>
            ) : (
              <div
                role="group"
                aria-labelledby="delete-q"
                className={fr.cx('fr-p-2w')}
                style={{ border: '1px solid var(--border-default-grey)' }}
              >
                <p id="delete-q">{intl.formatMessage(m.deleteQuestion)}</p>
                <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
                  <li>
                    <Button
                      priority="secondary"
                      onClick={() => setConfirmDelete(false)}
                      nativeButtonProps={{ autoFocus: true }}
                    >
                      {intl.formatMessage(m.deleteCancel)}
                    </Button>
                  </li>
                  <li>
                    <Button onClick={() => void remove()}>{intl.formatMessage(m.deleteConfirm)}</Button>
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
      {!a.viewable && <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{intl.formatMessage(m.notViewable)}</p>}
      {!a.compatible && received && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{intl.formatMessage(m.notCompatible)}</p>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
        {a.viewable && (
          <li>
            <a
              className={fr.cx('fr-btn', 'fr-btn--tertiary')}
              href={messagingApi.attachmentUrl(profileId, a.id)}
              target="_blank"
              rel="noopener"
              title={intl.formatMessage(m.viewTitle, { name: a.fileName })}
            >
              {intl.formatMessage(m.view)}
            </a>
          </li>
        )}
        <li>
          <a
            className={fr.cx('fr-btn', 'fr-btn--tertiary')}
            href={messagingApi.attachmentUrl(profileId, a.id, true)}
            download={a.fileName}
            aria-label={intl.formatMessage(m.downloadLabel, { name: a.fileName })}
          >
            {intl.formatMessage(m.downloadButton)}
          </a>
        </li>
        {a.compatible && received && !saved && (
          <li>
            <Button
              priority="secondary"
              onClick={() => setConfirm(true)}
              nativeButtonProps={{
                'aria-label': intl.formatMessage(m.addLabel, { name: a.fileName }),
              }}
            >
              {intl.formatMessage(m.add)}
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
          <p id={`save-q-${a.id}`}>{intl.formatMessage(m.addQuestion, { name: a.fileName })}</p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
            <li>
              <Button priority="secondary" onClick={() => setConfirm(false)}>
                {intl.formatMessage(m.addCancel)}
              </Button>
            </li>
            <li>
              <Button disabled={busy} onClick={() => void save()} nativeButtonProps={{ autoFocus: true }}>
                {intl.formatMessage(m.addConfirm)}
              </Button>
            </li>
          </ul>
        </div>
      )}
      <FormError error={error} />
      {saved && <Notice>{intl.formatMessage(m.added)}</Notice>}
    </li>
  );
}
