import { useState } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { accessApi, useAccessChanged, useEmergency, type Switches } from './access.api';
import { shownError } from '../../query';
import { NotForCaregivers, SettingsBack } from './SettingsBack';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  title: { id: 'access.emergency.title', defaultMessage: 'Accès en cas d’urgence' },
  lead: {
    id: 'access.emergency.lead',
    defaultMessage: 'Choisissez qui peut consulter vos données si vous avez besoin de soins urgents.',
  },
  allowed: { id: 'access.emergency.allowed', defaultMessage: 'Autorisation enregistrée.' },
  refused: { id: 'access.emergency.refused', defaultMessage: 'Refus enregistré.' },
  samuLabel: {
    id: 'access.emergency.samuLabel',
    defaultMessage: 'J’autorise le médecin régulateur du SAMU (centre 15) à consulter mes données en cas d’urgence',
  },
  samuExplain: {
    id: 'access.emergency.samuExplain',
    defaultMessage:
      'Lors d’un appel au 15, le médecin régulateur peut consulter votre dossier pour décider de l’aide à vous apporter. Chaque accès est inscrit dans votre historique et vous êtes prévenu par e-mail.',
  },
  breakGlassLabel: {
    id: 'access.emergency.breakGlassLabel',
    defaultMessage: 'J’autorise tous les professionnels de santé à consulter mes données en cas d’urgence',
  },
  breakGlassExplain: {
    id: 'access.emergency.breakGlassExplain',
    defaultMessage:
      'Si vous êtes hors d’état de donner votre accord et que votre santé est en danger, un professionnel de santé peut accéder à votre dossier pour une durée limitée, en indiquant la raison de cet accès. Chaque accès est inscrit dans votre historique et vous êtes prévenu par e-mail.',
  },
  hiddenLabel: {
    id: 'access.emergency.hiddenLabel',
    defaultMessage: 'J’autorise les professionnels de santé à consulter mes documents masqués en cas d’urgence',
  },
  hiddenExplain: {
    id: 'access.emergency.hiddenExplain',
    defaultMessage:
      'Les documents que vous avez masqués aux professionnels restent masqués lors d’un accès en urgence, sauf si vous l’autorisez ici.',
  },
});

const switches: { key: keyof Switches; label: Message; explain: Message }[] = [
  { key: 'samu', label: m.samuLabel, explain: m.samuExplain },
  { key: 'breakGlass', label: m.breakGlassLabel, explain: m.breakGlassExplain },
  { key: 'hiddenReadable', label: m.hiddenLabel, explain: m.hiddenExplain },
];

/** « Accès en cas d'urgence » (R8.5): three separate switches, each saved as soon as it is changed. */
export function EmergencyPage() {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  return profile.relation === 'caregiver' ? (
    <NotForCaregivers title={intl.formatMessage(m.title)} />
  ) : (
    // Keyed by the profile: a notice or a choice in progress is not carried over to another profile.
    <EmergencyPageContent key={profile.id} />
  );
}

function EmergencyPageContent() {
  const intl = useIntl();
  const { profile } = useActiveProfile();
  const load = useEmergency(profile.id);
  const value = load.data;
  const changed = useAccessChanged(profile.id);
  const [saved, setSaved] = useState<string | null>(null);
  const a = useAction();
  const toggle = async (key: keyof Switches, checked: boolean) => {
    // Not disabled while saving: a disabled switch would lose the keyboard focus.
    if (!value || a.busy) return;
    setSaved(null);
    const r = await a.run(() => accessApi.saveEmergency(profile.id, { ...value, [key]: checked }));
    if (r) {
      void changed.emergency(r);
      setSaved(intl.formatMessage(checked ? m.allowed : m.refused));
    }
  };
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <SettingsBack />
      <FormError error={shownError(load.error) ?? a.error} />
      {saved && <Notice>{saved}</Notice>}
      {value && (
        <ul className={fr.cx('fr-raw-list')}>
          {switches.map((s) => (
            <li key={s.key} className={fr.cx('fr-mb-4w')}>
              <ToggleSwitch
                label={intl.formatMessage(s.label)}
                helperText={intl.formatMessage(s.explain)}
                checked={value[s.key]}
                showCheckedHint
                onChange={(checked) => void toggle(s.key, checked)}
              />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
