import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { useIntl } from 'react-intl';
import { ApiError } from '../api';
import { call } from '../client';
import { accountKey, shownError } from '../query';
import { loginRoutes } from '../../../shared/src/routes/identity.routes.js';
import { ActiveProfileContext, storedProfileId, storeProfileId, type ActiveProfileValue } from './ActiveProfile';
import { ProfileBar, ProfileMenu } from './ProfileMenu';
import { Shell } from './Shell';
import { IdleWarning } from './IdleWarning';
import { usePageTitle } from './usePageTitle';
import { useLocale } from '../i18n';
import { defineMessages } from '../i18n/messages';
import { UnreadBadge } from '../features/messaging/UnreadBadge';
import { messagingKeys, useUnread } from '../features/messaging/messaging.api';

const m = defineMessages({
  home: { id: 'shell.menu.home', defaultMessage: 'Accueil' },
  medicalProfile: { id: 'shell.menu.medicalProfile', defaultMessage: 'Profil médical' },
  documents: { id: 'shell.menu.documents', defaultMessage: 'Documents' },
  messaging: { id: 'shell.menu.messaging', defaultMessage: 'Messagerie' },
  settings: { id: 'shell.menu.settings', defaultMessage: 'Paramètres' },
  errorTitle: { id: 'shell.signedIn.errorTitle', defaultMessage: 'Erreur' },
  loadingTitle: { id: 'shell.signedIn.loadingTitle', defaultMessage: 'Chargement' },
  failed: { id: 'shell.signedIn.failed', defaultMessage: "Votre espace n'a pas pu être chargé" },
  retry: { id: 'shell.signedIn.retry', defaultMessage: 'Réessayer' },
  loading: { id: 'shell.signedIn.loading', defaultMessage: 'Chargement de votre espace…' },
});

/** The main menu of signed-in pages. */
export const mainMenu = [
  { text: m.home, to: '/accueil' },
  { text: m.medicalProfile, to: '/profil-medical' },
  { text: m.documents, to: '/documents' },
  { text: m.messaging, to: '/messagerie' },
  { text: m.settings, to: '/parametres' },
] as const;

/**
 * Layout of every signed-in page: reads /api/me (a 401 sends to /connexion and empties the query cache), provides
 * the open profile through useActiveProfile(), draws the main menu and the profile menu.
 */
export function SignedInLayout() {
  const navigate = useNavigate();
  const intl = useIntl();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const [activeId, setActiveId] = useState<string | null>(storedProfileId);
  const meQuery = useQuery({ queryKey: accountKey('me'), queryFn: ({ signal }) => call(loginRoutes.me, {}, signal) });
  const { data: me, error, refetch } = meQuery;
  const signedOut = error instanceof ApiError && error.status === 401;
  useEffect(() => {
    if (!signedOut) return;
    storeProfileId(null);
    navigate('/connexion', { replace: true, state: { from: window.location.pathname } });
  }, [signedOut, navigate]);
  // The language saved on the account wins over this browser's (another person may have used it before).
  const { locale, setLocale } = useLocale();
  const savedLocale = me?.locale ?? null;
  useEffect(() => {
    if (savedLocale && savedLocale !== locale) setLocale(savedLocale);
    // Only when the account's choice is read, not on each change made on this page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [savedLocale]);
  const failure = error && !signedOut ? shownError(error)!.localized(intl) : null;
  const load = useCallback(() => refetch().then(() => undefined), [refetch]);
  // Leaving the signed-in pages (logout, idle timeout, expired session): what was read goes with them.
  useEffect(() => () => queryClient.clear(), [queryClient]);

  const value = useMemo<ActiveProfileValue | null>(() => {
    if (!me) return null;
    const profile = me.profiles.find((p) => p.id === activeId) ?? me.profile;
    return {
      me,
      profile,
      profiles: me.profiles,
      setActiveProfile(id: string) {
        storeProfileId(id);
        setActiveId(id);
      },
      refresh: () => load(),
    };
  }, [me, activeId, load]);

  const openId = value?.profile.id ?? null;
  const unread = useUnread(openId);
  // The badge is read again on each page change, as a message may have come meanwhile; a read under way is
  // reused rather than started twice.
  useEffect(() => {
    if (openId)
      void queryClient.invalidateQueries({ queryKey: messagingKeys.unread(openId) }, { cancelRefetch: false });
  }, [queryClient, openId, pathname]);
  if (!value) return <Waiting failure={failure} retry={() => void load()} />;

  const navigation: MainNavigationProps.Item[] = mainMenu.map((item) => {
    const text = intl.formatMessage(item.text);
    return {
      text: item.to === '/messagerie' ? <UnreadBadge text={text} unread={unread} /> : text,
      linkProps: { to: item.to },
      isActive: pathname === item.to || pathname.startsWith(`${item.to}/`),
    };
  });

  return (
    <ActiveProfileContext.Provider value={value}>
      <Shell
        navigation={navigation}
        quickAccessItems={[<ProfileMenu key="profile-menu" />]}
        banner={<ProfileBar />}
        // i18n-exempt: a route
        homePath="/accueil"
        signedIn
      >
        {/* A page never keeps the state it had for another profile (a form being filled, a file pending). */}
        <Fragment key={value.profile.id}>
          <Outlet />
        </Fragment>
        <IdleWarning />
      </Shell>
    </ActiveProfileContext.Provider>
  );
}

function Waiting({ failure, retry }: { failure: string | null; retry(): void }) {
  const intl = useIntl();
  usePageTitle(intl.formatMessage(failure ? m.errorTitle : m.loadingTitle));
  return (
    <Shell>
      <div className={fr.cx('fr-container', 'fr-my-6w')}>
        {failure ? (
          <>
            <Alert
              severity="error"
              as="h2"
              title={intl.formatMessage(m.failed)}
              description={failure}
              className={fr.cx('fr-mb-3w')}
            />
            <Button onClick={retry}>{intl.formatMessage(m.retry)}</Button>
          </>
        ) : (
          <p role="status">{intl.formatMessage(m.loading)}</p>
        )}
      </div>
    </Shell>
  );
}
