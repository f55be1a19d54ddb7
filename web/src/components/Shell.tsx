import type { ReactNode } from 'react';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { useIntl } from 'react-intl';
import { defineMessages } from '../i18n/messages';
import { useSite } from '../site';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { brandTop } from './Brand';

export const MAIN_ID = 'contenu';
export const NAV_ID = 'fr-header-main-navigation';
export const FOOTER_ID = 'pied-de-page';

interface ShellProps {
  children: ReactNode;
  /** Main menu (signed-in pages). */
  navigation?: MainNavigationProps.Item[];
  /** Header tools: « Connexion », the profile menu… */
  quickAccessItems?: HeaderProps['quickAccessItems'];
  /** Drawn at the top of <main>, before the page: whose profile is open. */
  banner?: ReactNode;
  /** Where the service name leads. */
  homePath?: string;
  /** A person is signed in: the language they choose is saved on their account. */
  signedIn?: boolean;
}

const m = defineMessages({
  home: { id: 'shell.home', defaultMessage: 'Accueil — {service}' },
  skipContent: { id: 'shell.skip.content', defaultMessage: 'Aller au contenu' },
  skipMenu: { id: 'shell.skip.menu', defaultMessage: 'Aller au menu' },
  skipFooter: { id: 'shell.skip.footer', defaultMessage: 'Aller au pied de page' },
  description: {
    id: 'shell.footer.description',
    defaultMessage:
      '{service} est une mise en œuvre libre de Mon espace santé : un espace personnel et sécurisé pour conserver vos documents et informations de santé et échanger avec les professionnels qui vous soignent.',
  },
  license: {
    id: 'shell.footer.license',
    defaultMessage: 'Sauf mention contraire, le code source de {service} est publié sous licence MIT.',
  },
  siteMap: { id: 'shell.footer.siteMap', defaultMessage: 'Plan du site' },
  devMailbox: { id: 'shell.footer.devMailbox', defaultMessage: 'Boîte de réception de développement' },
});

/**
 * The frame of every page: skip links, DSFR header with the configurable brand block, the page in
 * <main id="contenu"> (focusable, the skip link's target), footer.
 */
export function Shell({ children, navigation, quickAccessItems = [], banner, homePath = '/', signedIn }: ShellProps) {
  const site = useSite();
  const intl = useIntl();
  const service = site.serviceName;
  const top = brandTop(site);
  const home = { to: homePath, title: intl.formatMessage(m.home, { service }) };
  const skipLinks = [{ label: intl.formatMessage(m.skipContent), anchor: `#${MAIN_ID}` }];
  if (navigation) skipLinks.push({ label: intl.formatMessage(m.skipMenu), anchor: `#${NAV_ID}` });
  skipLinks.push({ label: intl.formatMessage(m.skipFooter), anchor: `#${FOOTER_ID}` });

  return (
    <div className="carnet-app">
      <SkipLinks links={skipLinks} />
      <Header
        brandTop={top}
        serviceTitle={site.serviceName}
        serviceTagline={site.tagline || undefined}
        homeLinkProps={home}
        navigation={navigation}
        quickAccessItems={[...quickAccessItems, <LanguageSwitch key="language" signedIn={signedIn} />]}
      />
      <main id={MAIN_ID} tabIndex={-1} className="carnet-main">
        {banner}
        {children}
      </main>
      <Footer
        id={FOOTER_ID}
        brandTop={top}
        homeLinkProps={home}
        // i18n-exempt: a value of the DSFR footer, which writes the words in the page's language
        accessibility="partially compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        contentDescription={intl.formatMessage(m.description, { service })}
        domains={site.officialBrand ? undefined : []}
        license={site.officialBrand ? undefined : <>{intl.formatMessage(m.license, { service })}</>}
        bottomItems={[
          { text: intl.formatMessage(m.siteMap), linkProps: { to: '/plan-du-site' } },
          headerFooterDisplayItem,
          ...(site.devMailbox ? [{ text: intl.formatMessage(m.devMailbox), linkProps: { to: '/dev/mailbox' } }] : []),
        ]}
      />
    </div>
  );
}
