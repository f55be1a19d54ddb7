import { ComingSoon } from '../../components/Page';

/** « Paramètres » (R4, R8, R10): placeholder until the settings land. */
export function SettingsPage() {
  return <ComingSoon title="Paramètres" about="Vos coordonnées, vos accès, les professionnels autorisés, les profils de vos enfants et la clôture de votre profil." />;
}
