import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { MAX_SUBJECT_CHARS, visibleLength } from '../../../../shared/src/messaging.js';
import { FormError, fieldState, useAction } from '../../components/forms';
import { messagingApi } from './messaging.api';
import { AttachmentPicker, noAttachments, type Chosen } from './AttachmentPicker';

/**
 * The reply (or new message) form: subject of at most 80 visible characters, body, attachments; a draft
 * saved automatically while typing (« Brouillon »), restored on return, deletable. `conversationId` null:
 * no recipient yet, nothing can be sent.
 */
export function Composer({
  profileId,
  conversationId,
  draft,
  defaultSubject = '',
  onSent,
  idPrefix,
}: {
  profileId: string;
  conversationId: string | null;
  draft: { subject: string; body: string } | null;
  defaultSubject?: string;
  onSent(): void;
  idPrefix: string;
}) {
  const [subject, setSubject] = useState(draft?.subject ?? defaultSubject);
  const [body, setBody] = useState(draft?.body ?? '');
  const [chosen, setChosen] = useState<Chosen>(noAttachments);
  const [draftState, setDraftState] = useState<'none' | 'saved' | 'saving'>(draft ? 'saved' : 'none');
  const { busy, error, run, field } = useAction();
  const typed = useRef(false);
  const length = visibleLength(subject);

  // Automatic draft: saved a moment after the person stops typing.
  useEffect(() => {
    if (!typed.current || !conversationId || (!subject.trim() && !body.trim())) return;
    const timer = setTimeout(() => {
      setDraftState('saving');
      messagingApi.saveDraft(profileId, conversationId, { subject: subject.slice(0, 400), body }).then(
        () => setDraftState('saved'),
        () => setDraftState('none'),
      );
    }, 600);
    return () => clearTimeout(timer);
  }, [subject, body, conversationId, profileId]);

  const deleteDraft = async () => {
    if (!conversationId) return;
    await run(() => messagingApi.deleteDraft(profileId, conversationId));
    typed.current = false;
    setSubject(defaultSubject);
    setBody('');
    setDraftState('none');
  };

  const send = async () => {
    if (!conversationId) return;
    const ok = await run(() =>
      messagingApi.send(
        profileId,
        conversationId,
        { subject, body, documentIds: chosen.documents.map((d) => d.id), synthesis: chosen.synthesis },
        chosen.files,
      ),
    );
    if (ok) {
      typed.current = false;
      setBody('');
      setChosen(noAttachments);
      setDraftState('none');
      onSent();
    }
  };

  return (
    <form
      aria-labelledby={`${idPrefix}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <FormError error={error} />
      <Input
        label="Objet"
        hintText={`${length}/${MAX_SUBJECT_CHARS} caractères`}
        {...fieldState(
          field('body.subject') ?? (length > MAX_SUBJECT_CHARS ? "L'objet fait au plus 80 caractères." : undefined),
        )}
        nativeInputProps={{
          id: `${idPrefix}-subject`,
          value: subject,
          required: true,
          onChange: (e) => {
            typed.current = true;
            setSubject(e.target.value);
          },
        }}
      />
      <Input
        label="Message"
        textArea
        {...fieldState(field('body.body'))}
        nativeTextAreaProps={{
          id: `${idPrefix}-body`,
          rows: 8,
          value: body,
          onChange: (e) => {
            typed.current = true;
            setBody(e.target.value);
          },
        }}
      />
      <AttachmentPicker profileId={profileId} chosen={chosen} onChange={setChosen} idPrefix={idPrefix} />
      <p role="status" className={fr.cx('fr-hint-text')}>
        {draftState === 'saved'
          ? 'Brouillon enregistré.'
          : draftState === 'saving'
            ? 'Enregistrement du brouillon…'
            : ''}
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')}>
        <li>
          <Button
            type="submit"
            iconId="fr-icon-send-plane-fill"
            disabled={busy || !conversationId || length > MAX_SUBJECT_CHARS}
          >
            Envoyer
          </Button>
        </li>
        {draftState !== 'none' && (
          <li>
            <Button type="button" priority="secondary" iconId="fr-icon-delete-line" onClick={() => void deleteDraft()}>
              Supprimer le brouillon
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
