import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Page } from '../../../components/Page';
import { BirthDateField, FormError, Notice, fieldState, useAction } from '../../../components/forms';
import { shownError, useInvalidate } from '../../../query';
import { defineMessages, type Message } from '../../../i18n/messages';
import {
  messagingKeys,
  proMessagingApi,
  useProConversation,
  useProConversations,
  type SmtpCredential as Credential,
} from '../messaging.api';
import { longDate, listDate, sizeLabel } from '../format';
import '../messaging.css';

const m = defineMessages({
  title: { id: 'messaging.pro.inbox.title', defaultMessage: 'Messagerie professionnelle' },
  signInFirst: {
    id: 'messaging.pro.inbox.signInFirst',
    defaultMessage: "Connectez-vous à l'espace professionnel pour accéder à votre messagerie.",
  },
  proSpace: { id: 'messaging.pro.inbox.proSpace', defaultMessage: 'Espace professionnel' },
  lead: {
    id: 'messaging.pro.inbox.lead',
    defaultMessage: 'Écrivez à vos patients dans Mon espace santé et lisez leurs réponses.',
  },
  conversations: { id: 'messaging.pro.inbox.conversations', defaultMessage: 'Mes conversations' },
  none: { id: 'messaging.pro.inbox.none', defaultMessage: 'Aucune conversation pour le moment.' },
  unread: {
    id: 'messaging.pro.inbox.unread',
    defaultMessage: '{count, plural, other {# réponse(s) non lue(s) : }}',
  },
  ended: { id: 'messaging.pro.inbox.ended', defaultMessage: 'Échanges terminés' },
  confidential: { id: 'messaging.pro.inbox.confidential', defaultMessage: 'Confidentiel' },
  writeTitle: { id: 'messaging.pro.write.title', defaultMessage: 'Écrire à un patient' },
  nir: { id: 'messaging.pro.write.nir', defaultMessage: 'NIR du patient (15 caractères)' },
  birthDate: { id: 'messaging.pro.write.birthDate', defaultMessage: 'Date de naissance du patient' },
  subject: { id: 'messaging.pro.write.subject', defaultMessage: 'Objet' },
  subjectHint: { id: 'messaging.pro.write.subjectHint', defaultMessage: '80 caractères au plus' },
  body: { id: 'messaging.pro.write.body', defaultMessage: 'Message' },
  attachFiles: { id: 'messaging.pro.write.attachFiles', defaultMessage: 'Joindre des fichiers' },
  confidentialLabel: { id: 'messaging.pro.write.confidentialLabel', defaultMessage: 'Échange confidentiel' },
  confidentialHint: {
    id: 'messaging.pro.write.confidentialHint',
    defaultMessage: "Pour un patient mineur : cet échange n'est pas montré à ses représentants légaux.",
  },
  send: { id: 'messaging.pro.write.send', defaultMessage: 'Envoyer' },
  sent: { id: 'messaging.pro.write.sent', defaultMessage: 'Votre message a été envoyé au patient.' },
  conversationTitle: { id: 'messaging.pro.conversation.title', defaultMessage: 'Conversation avec {name}' },
  loading: { id: 'messaging.pro.conversation.titleLoading', defaultMessage: 'Conversation' },
  back: { id: 'messaging.pro.conversation.back', defaultMessage: 'Retour à mes conversations' },
  patientAddress: { id: 'messaging.pro.conversation.patientAddress', defaultMessage: 'Adresse du patient :' },
  youEnded: { id: 'messaging.pro.conversation.youEnded', defaultMessage: 'Vous avez mis fin aux échanges' },
  sentByYou: { id: 'messaging.pro.conversation.sentByYou', defaultMessage: 'Envoyé par vous, {date}' },
  from: { id: 'messaging.pro.conversation.from', defaultMessage: 'De {name}, {date}' },
  attachmentsOf: {
    id: 'messaging.pro.conversation.attachmentsOf',
    defaultMessage: 'Pièces jointes du message « {subject} »',
  },
  writeTo: { id: 'messaging.pro.conversation.writeTo', defaultMessage: 'Écrire à {name}' },
  replySubject: { id: 'messaging.pro.conversation.subject', defaultMessage: 'Objet' },
  replyBody: { id: 'messaging.pro.conversation.body', defaultMessage: 'Message' },
  replySend: { id: 'messaging.pro.conversation.send', defaultMessage: 'Envoyer' },
  replySent: { id: 'messaging.pro.conversation.sent', defaultMessage: 'Votre message a été envoyé au patient.' },
  end: { id: 'messaging.pro.conversation.end', defaultMessage: 'Mettre fin aux échanges' },
  endQuestion: {
    id: 'messaging.pro.conversation.endQuestion',
    defaultMessage:
      "Mettre fin aux échanges ? Le patient ne pourra plus vous répondre, jusqu'à ce que vous lui écriviez de nouveau.",
  },
  endCancel: { id: 'messaging.pro.conversation.endCancel', defaultMessage: 'Annuler' },
  endConfirm: { id: 'messaging.pro.conversation.endConfirm', defaultMessage: 'Confirmer' },
  endedNotice: {
    id: 'messaging.pro.conversation.ended',
    defaultMessage: 'Vous avez mis fin aux échanges avec ce patient.',
  },
  smtpTitle: { id: 'messaging.pro.smtp.title', defaultMessage: 'Écrire depuis mon logiciel de messagerie' },
  smtpAbout: {
    id: 'messaging.pro.smtp.about',
    defaultMessage:
      'Carnet reçoit vos messages par SMTP (STARTTLS obligatoire, authentification). Créer de nouveaux identifiants remplace les précédents.',
  },
  smtpCreate: { id: 'messaging.pro.smtp.create', defaultMessage: 'Créer mes identifiants SMTP' },
  smtpUsername: { id: 'messaging.pro.smtp.username', defaultMessage: 'Identifiant :' },
  smtpPassword: { id: 'messaging.pro.smtp.password', defaultMessage: 'Mot de passe :' },
  smtpPort: {
    id: 'messaging.pro.smtp.port',
    defaultMessage: 'Port : {port}. Notez ce mot de passe maintenant : il ne sera plus affiché.',
  },
  smtpNoPort: { id: 'messaging.pro.smtp.noPort', defaultMessage: 'non ouvert sur ce serveur' },
});

/** The professional's messaging in the portal (/pro/messagerie): conversations, writing by INS, replies, end. */
export function ProMessagingPage() {
  return (
    <Routes>
      <Route index element={<ProInbox />} />
      {/* i18n-exempt: a route path */}
      <Route path=":id" element={<ProConversationPage />} />
    </Routes>
  );
}

function ProInbox() {
  const intl = useIntl();
  const list = useProConversations();
  const data = list.data;
  const error = shownError(list.error);
  const invalidate = useInvalidate();
  if (error?.status === 401) {
    return (
      <Page title={intl.formatMessage(m.title)}>
        <p>{intl.formatMessage(m.signInFirst)}</p>
        <Link to="/pro">{intl.formatMessage(m.proSpace)}</Link>
      </Page>
    );
  }
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <FormError error={error} />
      <WriteForm onSent={() => void invalidate(messagingKeys.pro)} />
      {data && (
        <section aria-labelledby="pro-conversations" className={fr.cx('fr-mt-4w')}>
          <h2 id="pro-conversations" className={fr.cx('fr-h4')}>
            {intl.formatMessage(m.conversations)}
          </h2>
          {data.conversations.length === 0 ? (
            <p>{intl.formatMessage(m.none)}</p>
          ) : (
            <ul className={fr.cx('fr-raw-list')} aria-labelledby="pro-conversations">
              {data.conversations.map((c) => (
                <li key={c.id} className="carnet-conversation">
                  <Link to={`/pro/messagerie/${c.id}`} className="carnet-conversation__link">
                    <span className="carnet-conversation__who">
                      {c.unread > 0 && (
                        <>
                          <span className="carnet-unread-dot" aria-hidden="true" />
                          <span className={fr.cx('fr-sr-only')}>
                            {intl.formatMessage(m.unread, { count: c.unread })}
                          </span>
                        </>
                      )}
                      <span className={c.unread > 0 ? 'carnet-strong' : undefined}>{c.patient.name}</span>
                      {c.lastAt && <span className="carnet-conversation__date">{listDate(intl, c.lastAt)}</span>}
                    </span>
                    <span className="carnet-conversation__tags">
                      {c.endedAt && (
                        <span className={fr.cx('fr-tag', 'fr-tag--sm')}>{intl.formatMessage(m.ended)}</span>
                      )}
                      {c.confidential && (
                        <span className={fr.cx('fr-tag', 'fr-tag--sm')}>{intl.formatMessage(m.confidential)}</span>
                      )}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <SmtpCredential />
    </Page>
  );
}

/** « Écrire à un patient »: found by INS (NIR and birth date, exact match). */
function WriteForm({ onSent }: { onSent(): void }) {
  const intl = useIntl();
  const [nir, setNir] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [confidential, setConfidential] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const [key, setKey] = useState(0);
  const { busy, error, run, field } = useAction();
  return (
    <section aria-labelledby="write-title">
      <h2 id="write-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.writeTitle)}
      </h2>
      <form
        key={key}
        onSubmit={(e) => {
          e.preventDefault();
          setSent(false);
          void run(() =>
            proMessagingApi.send({ nir: nir.replace(/\s/g, ''), birthDate, subject, body, confidential }, files),
          ).then((r) => {
            if (!r) return;
            setSent(true);
            setSubject('');
            setBody('');
            setFiles([]);
            setKey(key + 1);
            onSent();
          });
        }}
      >
        <FormError error={error} />
        <Input
          label={intl.formatMessage(m.nir)}
          {...fieldState(field('body.nir'))}
          nativeInputProps={{ id: 'pro-nir', value: nir, onChange: (e) => setNir(e.target.value), autoComplete: 'off' }}
        />
        <BirthDateField
          id="pro-birth"
          legend={intl.formatMessage(m.birthDate)}
          onChange={setBirthDate}
          error={field('body.birthDate')}
        />
        <Input
          label={intl.formatMessage(m.subject)}
          hintText={intl.formatMessage(m.subjectHint)}
          {...fieldState(field('body.subject'))}
          nativeInputProps={{ id: 'pro-subject', value: subject, onChange: (e) => setSubject(e.target.value) }}
        />
        <Input
          label={intl.formatMessage(m.body)}
          textArea
          nativeTextAreaProps={{ id: 'pro-body', rows: 6, value: body, onChange: (e) => setBody(e.target.value) }}
        />
        <div className={fr.cx('fr-mb-2w')}>
          <input
            id="pro-files"
            type="file"
            multiple
            className={fr.cx('fr-sr-only')}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
          <label htmlFor="pro-files" className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm')}>
            {intl.formatMessage(m.attachFiles)}
          </label>
          {files.length > 0 && (
            <p className={fr.cx('fr-text--sm', 'fr-mt-1w')}>
              {files.map((f) => `${f.name} (${sizeLabel(intl, f.size)})`).join(', ')}
            </p>
          )}
        </div>
        <Checkbox
          options={[
            {
              label: intl.formatMessage(m.confidentialLabel),
              hintText: intl.formatMessage(m.confidentialHint),
              nativeInputProps: { checked: confidential, onChange: (e) => setConfidential(e.target.checked) },
            },
          ]}
        />
        <Button type="submit" disabled={busy}>
          {intl.formatMessage(m.send)}
        </Button>
      </form>
      {sent && (
        <div className={fr.cx('fr-mt-2w')}>
          <Notice>{intl.formatMessage(m.sent)}</Notice>
        </div>
      )}
    </section>
  );
}

function ProConversationPage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const conversation = useProConversation(id);
  const c = conversation.data;
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [notice, setNotice] = useState<Message | null>(null);
  const { busy, error: actionError, run } = useAction();
  const error = actionError ?? shownError(conversation.error);
  // A reply or the end of exchanges changes this conversation and the list.
  const invalidate = useInvalidate();
  const load = () => invalidate(messagingKeys.pro);
  return (
    <Page title={c ? intl.formatMessage(m.conversationTitle, { name: c.patient.name }) : intl.formatMessage(m.loading)}>
      <p>
        <Link to="/pro/messagerie" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          {intl.formatMessage(m.back)}
        </Link>
      </p>
      <FormError error={error} />
      {c && (
        <>
          {c.patient.address && (
            <p>
              {intl.formatMessage(m.patientAddress)} <span className="carnet-address">{c.patient.address}</span>
            </p>
          )}
          {c.endedAt && <p className={fr.cx('fr-badge', 'fr-badge--warning')}>{intl.formatMessage(m.youEnded)}</p>}
          {c.messages.map((msg) => (
            <article
              key={msg.id}
              className={`carnet-message${msg.direction === 'to_patient' ? ' carnet-message--mine' : ''}`}
              aria-labelledby={`pm-${msg.id}`}
            >
              <h2 id={`pm-${msg.id}`} className={fr.cx('fr-h6', 'fr-mb-1v')}>
                {msg.subject}
              </h2>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                {intl.formatMessage(msg.direction === 'to_patient' ? m.sentByYou : m.from, {
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
                <ul aria-label={intl.formatMessage(m.attachmentsOf, { subject: msg.subject })}>
                  {msg.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={proMessagingApi.attachmentUrl(a.id)} download={a.fileName}>
                        {a.fileName}
                      </a>{' '}
                      ({sizeLabel(intl, a.sizeBytes)})
                    </li>
                  ))}
                </ul>
              )}
            </article>
          ))}
          <section aria-labelledby="pro-reply-title">
            <h2 id="pro-reply-title" className={fr.cx('fr-h4')}>
              {intl.formatMessage(m.writeTo, { name: c.patient.name })}
            </h2>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void run(() =>
                  proMessagingApi.send({ conversationId: c.id, subject, body, confidential: false }, []),
                ).then((r) => {
                  if (!r) return;
                  setNotice(m.replySent);
                  setBody('');
                  void load();
                });
              }}
            >
              <Input
                label={intl.formatMessage(m.replySubject)}
                nativeInputProps={{
                  id: 'pro-reply-subject',
                  value: subject,
                  onChange: (e) => setSubject(e.target.value),
                }}
              />
              <Input
                label={intl.formatMessage(m.replyBody)}
                textArea
                nativeTextAreaProps={{
                  id: 'pro-reply-body',
                  rows: 5,
                  value: body,
                  onChange: (e) => setBody(e.target.value),
                }}
              />
              <Button type="submit" disabled={busy}>
                {intl.formatMessage(m.replySend)}
              </Button>
            </form>
          </section>
          {!c.endedAt && (
            <section aria-label={intl.formatMessage(m.end)} className={fr.cx('fr-mt-4w')}>
              {!confirmEnd ? (
                <Button priority="secondary" onClick={() => setConfirmEnd(true)}>
                  {intl.formatMessage(m.end)}
                </Button>
              ) : (
                <div role="group" aria-labelledby="end-q">
                  <p id="end-q">{intl.formatMessage(m.endQuestion)}</p>
                  <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
                    <li>
                      <Button priority="secondary" onClick={() => setConfirmEnd(false)}>
                        {intl.formatMessage(m.endCancel)}
                      </Button>
                    </li>
                    <li>
                      <Button
                        onClick={() =>
                          void run(() => proMessagingApi.end(c.id)).then(() => {
                            setConfirmEnd(false);
                            setNotice(m.endedNotice);
                            void load();
                          })
                        }
                      >
                        {intl.formatMessage(m.endConfirm)}
                      </Button>
                    </li>
                  </ul>
                </div>
              )}
            </section>
          )}
          {notice && (
            <div className={fr.cx('fr-mt-2w')}>
              <Notice>{intl.formatMessage(notice)}</Notice>
            </div>
          )}
        </>
      )}
    </Page>
  );
}

/** SMTP credentials for the professional's own mail software: the password is shown once. */
function SmtpCredential() {
  const intl = useIntl();
  const [cred, setCred] = useState<Credential | null>(null);
  const { busy, error, run } = useAction();
  return (
    <section aria-labelledby="smtp-title" className={fr.cx('fr-mt-6w')}>
      <h2 id="smtp-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.smtpTitle)}
      </h2>
      <p>{intl.formatMessage(m.smtpAbout)}</p>
      <FormError error={error} />
      <Button
        priority="secondary"
        disabled={busy}
        onClick={() => void run(() => proMessagingApi.smtpCredential()).then((r) => r && setCred(r))}
      >
        {intl.formatMessage(m.smtpCreate)}
      </Button>
      {cred && (
        <div className={fr.cx('fr-callout', 'fr-mt-2w')}>
          <p className={fr.cx('fr-callout__text')}>
            {intl.formatMessage(m.smtpUsername)} <strong>{cred.username}</strong>
            <br />
            {intl.formatMessage(m.smtpPassword)} <strong className="carnet-address">{cred.password}</strong>
            <br />
            {intl.formatMessage(m.smtpPort, { port: cred.port || intl.formatMessage(m.smtpNoPort) })}
          </p>
        </div>
      )}
    </section>
  );
}
