import { createContext, useContext, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useIntl } from 'react-intl';
import { Shell } from '../../components/Shell';
import { ApiError } from '../../api';
import { defineMessages } from '../../i18n/messages';
import { proApi, proKeys, useProMe, type ProMe } from './pro.api';

const m = defineMessages({
  professional: { id: 'pro.layout.professional', defaultMessage: '{firstName} {lastName} ({profession})' },
  software: { id: 'pro.layout.software', defaultMessage: 'Logiciels connectés' },
  signOut: { id: 'pro.layout.signOut', defaultMessage: 'Se déconnecter' },
  loading: { id: 'pro.layout.loading', defaultMessage: 'Chargement…' },
});

const PRO_HOME = '/pro';

const ProContext = createContext<ProMe | null>(null);

/** The signed-in professional (only under ProLayout's signed-in pages). */
export function useProfessional(): ProMe {
  const me = useContext(ProContext);
  // i18n-exempt: an error for developers
  if (!me) throw new Error('useProfessional outside the professional portal');
  return me;
}

/**
 * Frame of the professional portal (/pro): the header says whose professional session is open and offers
 * « Se déconnecter ». Signed-out visitors of a portal page are sent to /pro/connexion.
 */
export function ProLayout() {
  const intl = useIntl();
  const me = useProMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const signInPage = pathname.startsWith('/pro/connexion');
  const signedOut = me.error instanceof ApiError && me.error.status === 401;
  useEffect(() => {
    if (signedOut && !signInPage) navigate('/pro/connexion', { replace: true });
  }, [signedOut, signInPage, navigate]);
  const signedIn = me.isError ? null : (me.data?.professional ?? null);
  const logout = async () => {
    await proApi.logout().catch(() => undefined);
    // What was read in this session (patients' data included) goes with it; /api/pro/me now answers 401.
    queryClient.removeQueries({ queryKey: proKeys.all });
    queryClient.removeQueries({ queryKey: proKeys.patients });
    navigate('/pro/connexion');
  };
  const items = signedIn
    ? [
        {
          iconId: 'fr-icon-user-line' as const,
          text: intl.formatMessage(m.professional, {
            firstName: signedIn.firstName,
            lastName: signedIn.lastName,
            profession: signedIn.professionLabel,
          }),
          linkProps: { to: PRO_HOME },
        },
        {
          iconId: 'fr-icon-computer-line' as const,
          text: intl.formatMessage(m.software),
          linkProps: { to: '/pro/logiciels' },
        },
        {
          iconId: 'fr-icon-logout-box-r-line' as const,
          text: intl.formatMessage(m.signOut),
          buttonProps: { onClick: () => void logout() },
        },
      ]
    : [];
  return (
    <Shell quickAccessItems={items} homePath={PRO_HOME}>
      {signInPage ? (
        <Outlet />
      ) : signedIn ? (
        <ProContext.Provider value={signedIn}>
          <Outlet />
        </ProContext.Provider>
      ) : (
        <p className="fr-container fr-my-6w">{intl.formatMessage(m.loading)}</p>
      )}
    </Shell>
  );
}
