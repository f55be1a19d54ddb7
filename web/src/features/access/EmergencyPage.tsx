import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { accessApi, useAccessChanged, useEmergency, type Switches } from './access.api';
import { shownError } from '../../query';
import { NotForCaregivers, SettingsBack } from './SettingsBack';

const switches: { key: keyof Switches; label: string; explain: string }[] = [
  {
    key: 'samu',
    label: 'J’autorise le médecin régulateur du SAMU (centre 15) à consulter mes données en cas d’urgence',
    explain:
      'Lors d’un appel au 15, le médecin régulateur peut consulter votre dossier pour décider de l’aide à vous apporter. Chaque accès est inscrit dans votre historique et vous êtes prévenu par e-mail.',
  },
  {
    key: 'breakGlass',
    label: 'J’autorise tous les professionnels de santé à consulter mes données en cas d’urgence',
    explain:
      'Si vous êtes hors d’état de donner votre accord et que votre santé est en danger, un professionnel de santé peut accéder à votre dossier pour une durée limitée, en indiquant la raison de cet accès. Chaque accès est inscrit dans votre historique et vous êtes prévenu par e-mail.',
  },
  {
    key: 'hiddenReadable',
    label: 'J’autorise les professionnels de santé à consulter mes documents masqués en cas d’urgence',
    explain:
      'Les documents que vous avez masqués aux professionnels restent masqués lors d’un accès en urgence, sauf si vous l’autorisez ici.',
  },
];

/** « Accès en cas d'urgence » (R8.5): three separate switches, each saved as soon as it is changed. */
export function EmergencyPage() {
  const { profile } = useActiveProfile();
  return profile.relation === 'caregiver' ? (
    <NotForCaregivers title="Accès en cas d’urgence" />
  ) : (
    // Keyed by the profile: a notice or a choice in progress is not carried over to another profile.
    <EmergencyPageContent key={profile.id} />
  );
}

function EmergencyPageContent() {
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
      setSaved(checked ? 'Autorisation enregistrée.' : 'Refus enregistré.');
    }
  };
  return (
    <Page
      title="Accès en cas d’urgence"
      lead="Choisissez qui peut consulter vos données si vous avez besoin de soins urgents."
    >
      <SettingsBack />
      <FormError error={shownError(load.error) ?? a.error} />
      {saved && <Notice>{saved}</Notice>}
      {value && (
        <ul className={fr.cx('fr-raw-list')}>
          {switches.map((s) => (
            <li key={s.key} className={fr.cx('fr-mb-4w')}>
              <ToggleSwitch
                label={s.label}
                helperText={s.explain}
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
