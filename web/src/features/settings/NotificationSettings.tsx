import { useState } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { FormError, Notice, useAction } from '../../components/forms';
import { messagingApi } from '../messaging/messaging.api';
import { useNotificationSettings, useNotificationSettingsSaved, type Settings } from './settings.api';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  title: { id: 'settings.notifications.title', defaultMessage: 'Notifications' },
  intro: {
    id: 'settings.notifications.intro',
    defaultMessage: "Choisissez les e-mails que vous recevez. Ils ne contiennent jamais d'information de santé.",
  },
  emailLegend: { id: 'settings.notifications.emailLegend', defaultMessage: 'Être prévenu par e-mail' },
  messages: {
    id: 'settings.notifications.messages',
    defaultMessage: "Lorsqu'un professionnel de santé m'envoie un message",
  },
  documents: {
    id: 'settings.notifications.documents',
    defaultMessage: "Lorsqu'un nouveau document est ajouté à mon espace",
  },
  agenda: { id: 'settings.notifications.agenda', defaultMessage: 'Pour les rappels de mon agenda' },
  accessesLegend: {
    id: 'settings.notifications.accessesLegend',
    defaultMessage: "Lorsqu'un professionnel de santé accède à mon profil",
  },
  accessFirst: { id: 'settings.notifications.accessFirst', defaultMessage: 'À son premier accès' },
  accessEvery: { id: 'settings.notifications.accessEvery', defaultMessage: 'À chaque accès' },
  accessNever: { id: 'settings.notifications.accessNever', defaultMessage: 'Jamais' },
  save: { id: 'settings.notifications.save', defaultMessage: 'Enregistrer mes préférences' },
  saved: { id: 'settings.notifications.saved', defaultMessage: 'Vos préférences de notification sont enregistrées.' },
});

/** « Notifications » of « Paramètres » (R11): the e-mails wanted per kind. None carries health data. */
export function NotificationSettings({ profileId }: { profileId: string }) {
  const intl = useIntl();
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
      <h2 id="notifications-title">{intl.formatMessage(m.title)}</h2>
      <p>{intl.formatMessage(m.intro)}</p>
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
          legend={intl.formatMessage(m.emailLegend)}
          options={[
            {
              label: intl.formatMessage(m.messages),
              nativeInputProps: { checked: s.messages, onChange: (e) => set({ messages: e.target.checked }) },
            },
            {
              label: intl.formatMessage(m.documents),
              nativeInputProps: { checked: s.documents, onChange: (e) => set({ documents: e.target.checked }) },
            },
            {
              label: intl.formatMessage(m.agenda),
              nativeInputProps: { checked: s.agenda, onChange: (e) => set({ agenda: e.target.checked }) },
            },
          ]}
        />
        <RadioButtons
          legend={intl.formatMessage(m.accessesLegend)}
          name="accesses"
          options={[
            {
              label: intl.formatMessage(m.accessFirst),
              nativeInputProps: { checked: s.accesses === 'first', onChange: () => set({ accesses: 'first' }) },
            },
            {
              label: intl.formatMessage(m.accessEvery),
              nativeInputProps: { checked: s.accesses === 'every', onChange: () => set({ accesses: 'every' }) },
            },
            {
              label: intl.formatMessage(m.accessNever),
              nativeInputProps: { checked: s.accesses === 'never', onChange: () => set({ accesses: 'never' }) },
            },
          ]}
        />
        <Button type="submit" disabled={busy}>
          {intl.formatMessage(m.save)}
        </Button>
      </form>
      {saved && (
        <div className={fr.cx('fr-mt-2w')}>
          <Notice>{intl.formatMessage(m.saved)}</Notice>
        </div>
      )}
    </section>
  );
}
