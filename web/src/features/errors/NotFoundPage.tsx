import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useIntl } from 'react-intl';
import { usePageTitle } from '../../components/usePageTitle';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  title: { id: 'errors.notFound.title', defaultMessage: 'Page non trouvée' },
  code: { id: 'errors.notFound.code', defaultMessage: 'Erreur 404' },
  lead: {
    id: 'errors.notFound.lead',
    defaultMessage: 'La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.',
  },
  help: {
    id: 'errors.notFound.help',
    defaultMessage:
      "Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus disponible. Dans ce cas, pour continuer votre visite, vous pouvez revenir à la page d'accueil.",
  },
  home: { id: 'errors.notFound.home', defaultMessage: "Page d'accueil" },
});

/** The web app's 404 page (DSFR « page non trouvée » pattern). */
export function NotFoundPage() {
  const intl = useIntl();
  const title = intl.formatMessage(m.title);
  usePageTitle(title);
  return (
    <div className={fr.cx('fr-container', 'fr-my-8w')}>
      <h1>{title}</h1>
      <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>{intl.formatMessage(m.code)}</p>
      <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>{intl.formatMessage(m.lead)}</p>
      <p className={fr.cx('fr-mb-5w')}>{intl.formatMessage(m.help)}</p>
      <Button linkProps={{ to: '/' }}>{intl.formatMessage(m.home)}</Button>
    </div>
  );
}
