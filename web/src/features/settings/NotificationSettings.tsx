import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { FormError, Notice, useAction } from '../../components/forms';
import { messagingApi } from '../messaging/messaging.api';
import { useNotificationSettings, useNotificationSettingsSaved, type Settings } from './settings.api';

/** « Notifications » of « Paramètres » (R11): the e-mails wanted per kind. None carries health data. */
export function NotificationSettings({ profileId }: { profileId: string }) {
  const load = useNotificationSettings(profileId);
  const onSaved = useNotificationSettingsSaved(profileId);
  // The choices being made, over the saved ones; forgotten when the profile changes.
  const [draft, setDraft] = useState<{ profileId: string; value: Settings } | null>(null);
  const s = draft?.profileId === profileId ? draft.value : load.data;
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  // As before, nothing is shown until the settings are read (nor when they cannot be).
  if (!s) return null;
  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setDraft({ profileId, value: { ...s, ...patch } });
  };
  return (
    <section aria-labelledby="notifications-title" className={fr.cx('fr-mb-6w')}>
      <h2 id="notifications-title">Notifications</h2>
      <p>Choisissez les e-mails que vous recevez. Ils ne contiennent jamais d'information de santé.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => messagingApi.saveNotificationSettings(profileId, s)).then((r) => {
            if (!r) return;
            setSaved(true);
            setDraft(null);
            void onSaved(r);
          });
        }}
      >
        <FormError error={error} />
        <Checkbox
          legend="Être prévenu par e-mail"
          options={[
            {
              label: "Lorsqu'un professionnel de santé m'envoie un message",
              nativeInputProps: { checked: s.messages, onChange: (e) => set({ messages: e.target.checked }) },
            },
            {
              label: "Lorsqu'un nouveau document est ajouté à mon espace",
              nativeInputProps: { checked: s.documents, onChange: (e) => set({ documents: e.target.checked }) },
            },
            {
              label: 'Pour les rappels de mon agenda',
              nativeInputProps: { checked: s.agenda, onChange: (e) => set({ agenda: e.target.checked }) },
            },
          ]}
        />
        <RadioButtons
          legend="Lorsqu'un professionnel de santé accède à mon profil"
          name="accesses"
          options={[
            {
              label: 'À son premier accès',
              nativeInputProps: { checked: s.accesses === 'first', onChange: () => set({ accesses: 'first' }) },
            },
            {
              label: 'À chaque accès',
              nativeInputProps: { checked: s.accesses === 'every', onChange: () => set({ accesses: 'every' }) },
            },
            {
              label: 'Jamais',
              nativeInputProps: { checked: s.accesses === 'never', onChange: () => set({ accesses: 'never' }) },
            },
          ]}
        />
        <Button type="submit" disabled={busy}>
          Enregistrer mes préférences
        </Button>
      </form>
      {saved && (
        <div className={fr.cx('fr-mt-2w')}>
          <Notice>Vos préférences de notification sont enregistrées.</Notice>
        </div>
      )}
    </section>
  );
}
