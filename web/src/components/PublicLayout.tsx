import { useMemo, useState } from 'react';
import { Outlet, useOutletContext } from 'react-router';
import { useIntl } from 'react-intl';
import { defineMessages } from '../i18n/messages';
import { Shell } from './Shell';

const m = defineMessages({
  mySpace: { id: 'shell.public.mySpace', defaultMessage: 'Mon espace' },
  signIn: { id: 'shell.public.signIn', defaultMessage: 'Connexion' },
});

interface PublicHeader {
  /** The page opened a session (end of activation): the header then leads to the space, not to « Connexion ». */
  setSignedIn(signedIn: boolean): void;
}

/** Layout of the pages anyone can see: the header offers « Connexion » (« Mon espace » once signed in there). */
export function PublicLayout() {
  const intl = useIntl();
  const [signedIn, setSignedIn] = useState(false);
  const context = useMemo<PublicHeader>(() => ({ setSignedIn }), []);
  const item = signedIn
    ? {
        iconId: 'fr-icon-account-circle-line' as const,
        text: intl.formatMessage(m.mySpace),
        linkProps: { to: '/accueil' },
      }
    : {
        iconId: 'fr-icon-account-circle-line' as const,
        text: intl.formatMessage(m.signIn),
        linkProps: { to: '/connexion' },
      };
  return (
    <Shell quickAccessItems={[item]}>
      <Outlet context={context} />
    </Shell>
  );
}

/** For public pages that change what the header offers. */
export function usePublicHeader(): PublicHeader {
  return useOutletContext<PublicHeader>();
}
