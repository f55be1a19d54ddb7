import type { ReactNode } from 'react';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { useSite } from '../site';
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
}

/**
 * The frame of every page: skip links, DSFR header with the configurable brand block, the page in
 * <main id="contenu"> (focusable, the skip link's target), footer.
 */
export function Shell({ children, navigation, quickAccessItems, banner, homePath = '/' }: ShellProps) {
  const site = useSite();
  const top = brandTop(site);
  const home = { to: homePath, title: `Accueil — ${site.serviceName}` };
  const skipLinks = [{ label: 'Aller au contenu', anchor: `#${MAIN_ID}` }];
  if (navigation) skipLinks.push({ label: 'Aller au menu', anchor: `#${NAV_ID}` });
  skipLinks.push({ label: 'Aller au pied de page', anchor: `#${FOOTER_ID}` });

  return (
    <div className="carnet-app">
      <SkipLinks links={skipLinks} />
      <Header
        brandTop={top}
        serviceTitle={site.serviceName}
        serviceTagline={site.tagline || undefined}
        homeLinkProps={home}
        navigation={navigation}
        quickAccessItems={quickAccessItems}
      />
      <main id={MAIN_ID} tabIndex={-1} className="carnet-main">
        {banner}
        {children}
      </main>
      <Footer
        id={FOOTER_ID}
        brandTop={top}
        homeLinkProps={home}
        accessibility="partially compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        contentDescription={`${site.serviceName} est une mise en œuvre libre de Mon espace santé : un espace personnel et sécurisé pour conserver vos documents et informations de santé et échanger avec les professionnels qui vous soignent.`}
        domains={site.officialBrand ? undefined : []}
        license={
          site.officialBrand ? undefined : (
            <>Sauf mention contraire, le code source de {site.serviceName} est publié sous licence MIT.</>
          )
        }
        bottomItems={[
          { text: 'Plan du site', linkProps: { to: '/plan-du-site' } },
          headerFooterDisplayItem,
          ...(site.devMailbox
            ? [{ text: 'Boîte de réception de développement', linkProps: { to: '/dev/mailbox' } }]
            : []),
        ]}
      />
    </div>
  );
}
