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
import {
  messagingKeys,
  proMessagingApi,
  useProConversation,
  useProConversations,
  type SmtpCredential as Credential,
} from '../messaging.api';
import { longDate, listDate, sizeLabel } from '../format';
import '../messaging.css';

/** The professional's messaging in the portal (/pro/messagerie): conversations, writing by INS, replies, end. */
export function ProMessagingPage() {
  return (
    <Routes>
      <Route index element={<ProInbox />} />
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
      <Page title="Messagerie professionnelle">
        <p>Connectez-vous à l'espace professionnel pour accéder à votre messagerie.</p>
        <Link to="/pro">Espace professionnel</Link>
      </Page>
    );
  }
  return (
    <Page
      title="Messagerie professionnelle"
      lead="Écrivez à vos patients dans Mon espace santé et lisez leurs réponses."
    >
      <FormError error={error} />
      <WriteForm onSent={() => void invalidate(messagingKeys.pro)} />
      {data && (
        <section aria-labelledby="pro-conversations" className={fr.cx('fr-mt-4w')}>
          <h2 id="pro-conversations" className={fr.cx('fr-h4')}>
            Mes conversations
          </h2>
          {data.conversations.length === 0 ? (
            <p>Aucune conversation pour le moment.</p>
          ) : (
            <ul className={fr.cx('fr-raw-list')} aria-labelledby="pro-conversations">
              {data.conversations.map((c) => (
                <li key={c.id} className="carnet-conversation">
                  <Link to={`/pro/messagerie/${c.id}`} className="carnet-conversation__link">
                    <span className="carnet-conversation__who">
                      {c.unread > 0 && (
                        <>
                          <span className="carnet-unread-dot" aria-hidden="true" />
                          <span className={fr.cx('fr-sr-only')}>{c.unread} réponse(s) non lue(s) : </span>
                        </>
                      )}
                      <span className={c.unread > 0 ? 'carnet-strong' : undefined}>{c.patient.name}</span>
                      {c.lastAt && <span className="carnet-conversation__date">{listDate(intl, c.lastAt)}</span>}
                    </span>
                    <span className="carnet-conversation__tags">
                      {c.endedAt && <span className={fr.cx('fr-tag', 'fr-tag--sm')}>Échanges terminés</span>}
                      {c.confidential && <span className={fr.cx('fr-tag', 'fr-tag--sm')}>Confidentiel</span>}
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
        Écrire à un patient
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
          label="NIR du patient (15 caractères)"
          {...fieldState(field('body.nir'))}
          nativeInputProps={{ id: 'pro-nir', value: nir, onChange: (e) => setNir(e.target.value), autoComplete: 'off' }}
        />
        <BirthDateField
          id="pro-birth"
          legend="Date de naissance du patient"
          onChange={setBirthDate}
          error={field('body.birthDate')}
        />
        <Input
          label="Objet"
          hintText="80 caractères au plus"
          {...fieldState(field('body.subject'))}
          nativeInputProps={{ id: 'pro-subject', value: subject, onChange: (e) => setSubject(e.target.value) }}
        />
        <Input
          label="Message"
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
            Joindre des fichiers
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
              label: 'Échange confidentiel',
              hintText: "Pour un patient mineur : cet échange n'est pas montré à ses représentants légaux.",
              nativeInputProps: { checked: confidential, onChange: (e) => setConfidential(e.target.checked) },
            },
          ]}
        />
        <Button type="submit" disabled={busy}>
          Envoyer
        </Button>
      </form>
      {sent && (
        <div className={fr.cx('fr-mt-2w')}>
          <Notice>Votre message a été envoyé au patient.</Notice>
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
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error: actionError, run } = useAction();
  const error = actionError ?? shownError(conversation.error);
  // A reply or the end of exchanges changes this conversation and the list.
  const invalidate = useInvalidate();
  const load = () => invalidate(messagingKeys.pro);
  return (
    <Page title={c ? `Conversation avec ${c.patient.name}` : 'Conversation'}>
      <p>
        <Link to="/pro/messagerie" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          Retour à mes conversations
        </Link>
      </p>
      <FormError error={error} />
      {c && (
        <>
          {c.patient.address && (
            <p>
              Adresse du patient : <span className="carnet-address">{c.patient.address}</span>
            </p>
          )}
          {c.endedAt && <p className={fr.cx('fr-badge', 'fr-badge--warning')}>Vous avez mis fin aux échanges</p>}
          {c.messages.map((m) => (
            <article
              key={m.id}
              className={`carnet-message${m.direction === 'to_patient' ? ' carnet-message--mine' : ''}`}
              aria-labelledby={`pm-${m.id}`}
            >
              <h2 id={`pm-${m.id}`} className={fr.cx('fr-h6', 'fr-mb-1v')}>
                {m.subject}
              </h2>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                {m.direction === 'to_patient' ? 'Envoyé par vous' : `De ${m.from}`}, {longDate(intl, m.sentAt)}
              </p>
              <p className="carnet-message__body">{m.body}</p>
              {m.onBehalfNote && (
                <p className={fr.cx('fr-text--sm')}>
                  <em>{m.onBehalfNote}</em>
                </p>
              )}
              {m.attachments.length > 0 && (
                <ul aria-label={`Pièces jointes du message « ${m.subject} »`}>
                  {m.attachments.map((a) => (
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
              Écrire à {c.patient.name}
            </h2>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void run(() =>
                  proMessagingApi.send({ conversationId: c.id, subject, body, confidential: false }, []),
                ).then((r) => {
                  if (!r) return;
                  setNotice('Votre message a été envoyé au patient.');
                  setBody('');
                  void load();
                });
              }}
            >
              <Input
                label="Objet"
                nativeInputProps={{
                  id: 'pro-reply-subject',
                  value: subject,
                  onChange: (e) => setSubject(e.target.value),
                }}
              />
              <Input
                label="Message"
                textArea
                nativeTextAreaProps={{
                  id: 'pro-reply-body',
                  rows: 5,
                  value: body,
                  onChange: (e) => setBody(e.target.value),
                }}
              />
              <Button type="submit" disabled={busy}>
                Envoyer
              </Button>
            </form>
          </section>
          {!c.endedAt && (
            <section aria-label="Mettre fin aux échanges" className={fr.cx('fr-mt-4w')}>
              {!confirmEnd ? (
                <Button priority="secondary" onClick={() => setConfirmEnd(true)}>
                  Mettre fin aux échanges
                </Button>
              ) : (
                <div role="group" aria-labelledby="end-q">
                  <p id="end-q">
                    Mettre fin aux échanges ? Le patient ne pourra plus vous répondre, jusqu'à ce que vous lui écriviez
                    de nouveau.
                  </p>
                  <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
                    <li>
                      <Button priority="secondary" onClick={() => setConfirmEnd(false)}>
                        Annuler
                      </Button>
                    </li>
                    <li>
                      <Button
                        onClick={() =>
                          void run(() => proMessagingApi.end(c.id)).then(() => {
                            setConfirmEnd(false);
                            setNotice('Vous avez mis fin aux échanges avec ce patient.');
                            void load();
                          })
                        }
                      >
                        Confirmer
                      </Button>
                    </li>
                  </ul>
                </div>
              )}
            </section>
          )}
          {notice && (
            <div className={fr.cx('fr-mt-2w')}>
              <Notice>{notice}</Notice>
            </div>
          )}
        </>
      )}
    </Page>
  );
}

/** SMTP credentials for the professional's own mail software: the password is shown once. */
function SmtpCredential() {
  const [cred, setCred] = useState<Credential | null>(null);
  const { busy, error, run } = useAction();
  return (
    <section aria-labelledby="smtp-title" className={fr.cx('fr-mt-6w')}>
      <h2 id="smtp-title" className={fr.cx('fr-h4')}>
        Écrire depuis mon logiciel de messagerie
      </h2>
      <p>
        Carnet reçoit vos messages par SMTP (STARTTLS obligatoire, authentification). Créer de nouveaux identifiants
        remplace les précédents.
      </p>
      <FormError error={error} />
      <Button
        priority="secondary"
        disabled={busy}
        onClick={() => void run(() => proMessagingApi.smtpCredential()).then((r) => r && setCred(r))}
      >
        Créer mes identifiants SMTP
      </Button>
      {cred && (
        <div className={fr.cx('fr-callout', 'fr-mt-2w')}>
          <p className={fr.cx('fr-callout__text')}>
            Identifiant : <strong>{cred.username}</strong>
            <br />
            Mot de passe : <strong className="carnet-address">{cred.password}</strong>
            <br />
            Port : {cred.port || 'non ouvert sur ce serveur'}. Notez ce mot de passe maintenant : il ne sera plus
            affiché.
          </p>
        </div>
      )}
    </section>
  );
}
