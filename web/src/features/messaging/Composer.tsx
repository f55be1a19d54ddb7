import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { MAX_SUBJECT_CHARS, visibleLength, type DraftFile } from '../../../../shared/src/messaging.js';
import { FormError, fieldState, useAction } from '../../components/forms';
import { defineMessages } from '../../i18n/messages';
import { messagingApi, useDraftChanged, type RestoredDraft } from './messaging.api';
import { AttachmentPicker, noAttachments, type Chosen } from './AttachmentPicker';

const m = defineMessages({
  subject: { id: 'messaging.composer.subject', defaultMessage: 'Objet' },
  subjectCount: { id: 'messaging.composer.subjectCount', defaultMessage: '{length}/{max} caractères' },
  subjectTooLong: { id: 'messaging.composer.subjectTooLong', defaultMessage: "L'objet fait au plus 80 caractères." },
  body: { id: 'messaging.composer.body', defaultMessage: 'Message' },
  draftSaved: { id: 'messaging.composer.draftSaved', defaultMessage: 'Brouillon enregistré' },
  draftDeleted: { id: 'messaging.composer.draftDeleted', defaultMessage: 'Brouillon supprimé' },
  send: { id: 'messaging.composer.send', defaultMessage: 'Envoyer' },
  deleteDraft: { id: 'messaging.composer.deleteDraft', defaultMessage: 'Supprimer le brouillon' },
});

/**
 * The reply (or new message) form: subject of at most 80 visible characters, body, attachments; a draft
 * saved automatically while typing or choosing attachments (« Brouillon »), restored on return with its
 * attachments, deletable. `conversationId` null: no recipient yet, nothing can be sent.
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
  draft: RestoredDraft | null;
  defaultSubject?: string;
  onSent(): void;
  idPrefix: string;
}) {
  const intl = useIntl();
  const [subject, setSubject] = useState(draft?.subject || defaultSubject);
  const [body, setBody] = useState(draft?.body ?? '');
  const [chosen, setChosenState] = useState<Chosen>(
    draft ? { files: [], stored: draft.files, documents: draft.documents, synthesis: draft.synthesis } : noAttachments,
  );
  const [draftState, setDraftState] = useState<'none' | 'saved' | 'saving' | 'deleted'>(draft ? 'saved' : 'none');
  const { busy, error, run, field } = useAction();
  const draftChanged = useDraftChanged(profileId);
  const typed = useRef(false);
  const length = visibleLength(subject);
  const setChosen = (c: Chosen) => {
    typed.current = true;
    setChosenState(c);
  };
  const documentKey = chosen.documents.map((d) => d.id).join(',');
  const worthKeeping =
    subject.trim() !== '' || body.trim() !== '' || documentKey !== '' || chosen.synthesis || chosen.stored.length > 0;

  // Automatic draft: saved a moment after the person stops typing or changes the attachments chosen.
  useEffect(() => {
    if (!typed.current || !conversationId || !worthKeeping) return;
    const timer = setTimeout(() => {
      setDraftState('saving');
      const documentIds = documentKey ? documentKey.split(',') : [];
      messagingApi
        .saveDraft(profileId, conversationId, {
          subject: subject.slice(0, 400),
          body,
          documentIds,
          synthesis: chosen.synthesis,
        })
        .then(
          () => {
            setDraftState('saved');
            void draftChanged();
          },
          () => setDraftState('none'),
        );
    }, 800);
    return () => clearTimeout(timer);
  }, [subject, body, documentKey, chosen.synthesis, worthKeeping, conversationId, profileId, draftChanged]);

  // Files of the device are kept with the draft on the server at once (encrypted like attachments).
  const addDeviceFiles = async (files: File[]) => {
    if (!conversationId) return setChosen({ ...chosen, files: [...chosen.files, ...files] });
    typed.current = true;
    setDraftState('saving');
    let stored = chosen.stored;
    for (const f of files) {
      const kept = await run(() => messagingApi.addDraftFile(profileId, conversationId, f));
      if (!kept) break;
      stored = [...stored, kept];
      setChosenState((c) => ({ ...c, stored }));
    }
    setDraftState(stored.length || worthKeeping ? 'saved' : 'none');
    void draftChanged();
  };
  const removeStored = async (f: DraftFile) => {
    if (!conversationId) return;
    const ok = await run(() => messagingApi.removeDraftFile(profileId, conversationId, f.id).then(() => true));
    if (!ok) return;
    setChosenState((c) => ({ ...c, stored: c.stored.filter((x) => x.id !== f.id) }));
    void draftChanged();
  };

  const deleteDraft = async () => {
    if (!conversationId) return;
    const ok = await run(() => messagingApi.deleteDraft(profileId, conversationId).then(() => true));
    if (!ok) return;
    typed.current = false;
    setSubject(defaultSubject);
    setBody('');
    setChosenState(noAttachments);
    setDraftState('deleted');
    void draftChanged();
  };

  const send = async () => {
    if (!conversationId) return;
    const ok = await run(() =>
      messagingApi.send(
        profileId,
        conversationId,
        {
          subject,
          body,
          documentIds: chosen.documents.map((d) => d.id),
          synthesis: chosen.synthesis,
          draftFileIds: chosen.stored.map((f) => f.id),
        },
        chosen.files,
      ),
    );
    if (ok) {
      typed.current = false;
      setBody('');
      setChosenState(noAttachments);
      setDraftState('none');
      onSent();
    }
  };

  const draftNote =
    draftState === 'saved'
      ? intl.formatMessage(m.draftSaved)
      : draftState === 'deleted'
        ? intl.formatMessage(m.draftDeleted)
        : '';
  const draftKept = draftState === 'saved' || draftState === 'saving';

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
        label={intl.formatMessage(m.subject)}
        hintText={intl.formatMessage(m.subjectCount, { length, max: MAX_SUBJECT_CHARS })}
        {...fieldState(
          field('body.subject') ?? (length > MAX_SUBJECT_CHARS ? intl.formatMessage(m.subjectTooLong) : undefined),
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
        label={intl.formatMessage(m.body)}
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
      <AttachmentPicker
        profileId={profileId}
        chosen={chosen}
        onChange={setChosen}
        onDeviceFiles={(files) => void addDeviceFiles(files)}
        onRemoveStored={(f) => void removeStored(f)}
        idPrefix={idPrefix}
      />
      {/* Polite: the saved state is announced when the person pauses, never interrupting their typing. */}
      <p role="status" aria-live="polite" aria-atomic="true" className={fr.cx('fr-hint-text')}>
        {draftNote}
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')}>
        <li>
          <Button
            type="submit"
            iconId="fr-icon-send-plane-fill"
            disabled={busy || !conversationId || length > MAX_SUBJECT_CHARS}
          >
            {intl.formatMessage(m.send)}
          </Button>
        </li>
        {draftKept && (
          <li>
            <Button type="button" priority="secondary" iconId="fr-icon-delete-line" onClick={() => void deleteDraft()}>
              {intl.formatMessage(m.deleteDraft)}
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
