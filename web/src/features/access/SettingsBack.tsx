import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Page } from '../../components/Page';
import { fullName, useActiveProfile } from '../../components/ActiveProfile';

/** Back to « Paramètres ». */
export function SettingsBack() {
  return (
    <p>
      <Link to="/parametres" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
        Retour aux paramètres
      </Link>
    </p>
  );
}

/** A caregiver never manages the professionals' access of the person they help (R5). */
export function NotForCaregivers({ title }: { title: string }) {
  const { profile } = useActiveProfile();
  return (
    <Page title={title} lead={`Vous aidez ${fullName(profile)}.`}>
      <p>En tant qu’aidant, vous ne pouvez pas gérer l’accès des professionnels de santé à cet espace : seule la personne aidée le peut.</p>
      <SettingsBack />
    </Page>
  );
}
