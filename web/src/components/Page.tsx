import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { FormattedMessage } from 'react-intl';
import { defineMessages } from '../i18n/messages';
import { usePageTitle } from './usePageTitle';

const m = defineMessages({
  comingSoon: { id: 'shell.page.comingSoon', defaultMessage: 'Cette rubrique arrive bientôt.' },
});

/** A page's frame: DSFR container, its <h1>, and the tab title « <title> — Carnet ». */
export function Page({
  title,
  heading,
  lead,
  children,
}: {
  title: string;
  heading?: ReactNode;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  usePageTitle(title);
  return (
    <div className={fr.cx('fr-container', 'fr-my-6w')}>
      <h1>{heading ?? title}</h1>
      {lead && <p className={fr.cx('fr-text--lead')}>{lead}</p>}
      {children}
    </div>
  );
}

/** Placeholder for a section not built yet. */
export function ComingSoon({ title, about }: { title: string; about: string }) {
  return (
    <Page title={title} lead={about}>
      <div className={fr.cx('fr-callout')}>
        <p className={fr.cx('fr-callout__text')}>
          <FormattedMessage {...m.comingSoon} />
        </p>
      </div>
    </Page>
  );
}
