import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ProfileRef } from '../../../shared/src/schemas/me.js';
import { ApiError } from '../api';
import { call } from '../client';
import { loginRoutes } from '../../../shared/src/routes/identity.routes.js';
import { defineMessages } from '../i18n/messages';
import { fullName, storeProfileId, useActiveProfile } from './ActiveProfile';

const relationLabel = defineMessages({
  self: { id: 'shell.profileMenu.relation.self', defaultMessage: 'Mon profil' },
  child: { id: 'shell.profileMenu.relation.child', defaultMessage: 'Enfant' },
  caregiver: { id: 'shell.profileMenu.relation.caregiver', defaultMessage: 'Personne aidée' },
}) satisfies Record<ProfileRef['relation'], unknown>;

const m = defineMessages({
  logoutFailed: { id: 'shell.profileMenu.logoutFailed', defaultMessage: 'La déconnexion a échoué. Réessayez.' },
  openProfile: { id: 'shell.profileMenu.openProfile', defaultMessage: 'Profil ouvert\u00a0:\u00a0' },
  relationInBar: { id: 'shell.profileMenu.relationInBar', defaultMessage: ' ({relation})' },
  title: { id: 'shell.profileMenu.title', defaultMessage: 'Mes profils' },
  current: { id: 'shell.profileMenu.current', defaultMessage: ' · profil ouvert' },
  settings: { id: 'shell.profileMenu.settings', defaultMessage: 'Paramètres' },
  addProfile: { id: 'shell.profileMenu.addProfile', defaultMessage: 'Ajouter un profil' },
  signOut: { id: 'shell.profileMenu.signOut', defaultMessage: 'Se déconnecter' },
});

/**
 * The header's profile menu (R4.4): the open profile's name on the button; the list of profiles the
 * person may open; « Se déconnecter ». The DSFR header renders it twice (desktop tools, mobile menu)
 * and gives each copy its `id`.
 */
export function ProfileMenu({ id, inBar = false }: { id?: string; inBar?: boolean }) {
  const { profile, profiles, setActiveProfile } = useActiveProfile();
  const navigate = useNavigate();
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const fallbackId = useId();
  const buttonId = id ?? `profile-menu-${fallbackId}`;
  const panelId = `${buttonId}-panel`;
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function choose(p: ProfileRef) {
    setActiveProfile(p.id);
    setOpen(false);
    buttonRef.current?.focus();
  }

  async function logout() {
    setError(null);
    setLeaving(true);
    try {
      await call(loginRoutes.logout, {});
      storeProfileId(null);
      // Leaving the signed-in layout empties the query cache too (SignedInLayout).
      navigate('/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.localized(intl) : intl.formatMessage(m.logoutFailed));
      setLeaving(false);
    }
  }

  const showRelation = inBar && profile.relation !== 'self';

  return (
    <div
      className="carnet-profile-menu"
      ref={rootRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        id={buttonId}
        ref={buttonRef}
        type="button"
        className={fr.cx(
          'fr-btn',
          inBar ? 'fr-btn--secondary' : 'fr-btn--tertiary-no-outline',
          inBar && 'fr-btn--sm',
          'fr-icon-account-circle-line',
          'fr-btn--icon-left',
        )}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className={inBar ? undefined : fr.cx('fr-sr-only')}>
          <FormattedMessage {...m.openProfile} />
        </span>
        {inBar ? <strong>{fullName(profile)}</strong> : fullName(profile)}
        {showRelation && (
          <FormattedMessage
            {...m.relationInBar}
            values={{ relation: intl.formatMessage(relationLabel[profile.relation]).toLowerCase() }}
          />
        )}
      </button>
      <div id={panelId} className="carnet-profile-menu__panel" hidden={!open}>
        <p className="carnet-profile-menu__title" id={`${panelId}-title`}>
          <FormattedMessage {...m.title} />
        </p>
        <ul className="carnet-profile-menu__list" aria-labelledby={`${panelId}-title`}>
          {profiles.map((p) => {
            const current = p.id === profile.id;
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="carnet-profile-menu__item"
                  aria-current={current ? 'true' : undefined}
                  onClick={() => choose(p)}
                >
                  <span className="carnet-profile-menu__name">{fullName(p)}</span>
                  <span className="carnet-profile-menu__relation">
                    <FormattedMessage {...relationLabel[p.relation]} />
                    {current && <FormattedMessage {...m.current} />}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        <Link
          to="/parametres"
          className={fr.cx(
            'fr-btn',
            'fr-btn--tertiary',
            'fr-btn--sm',
            'fr-icon-settings-5-line',
            'fr-btn--icon-left',
            'fr-mb-1w',
          )}
          onClick={() => setOpen(false)}
        >
          <FormattedMessage {...m.settings} />
        </Link>
        <Link
          to="/profils/ajouter"
          className={fr.cx(
            'fr-btn',
            'fr-btn--secondary',
            'fr-btn--sm',
            'fr-icon-user-add-line',
            'fr-btn--icon-left',
            'fr-mb-1w',
          )}
          onClick={() => setOpen(false)}
        >
          <FormattedMessage {...m.addProfile} />
        </Link>
        <button
          type="button"
          className={fr.cx(
            'fr-btn',
            'fr-btn--tertiary',
            'fr-btn--sm',
            'fr-icon-logout-box-r-line',
            'fr-btn--icon-left',
          )}
          onClick={logout}
          disabled={leaving}
        >
          <FormattedMessage {...m.signOut} />
        </button>
        {error && (
          <p className={fr.cx('fr-error-text')} role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * Whose profile is open, on every signed-in page (R4.4), where the header hides its tools (small screens):
 * the profile menu itself, so that the profiles, « Paramètres » and « Se déconnecter » are one press away
 * without opening « Menu ». It is a real button, and looks like one.
 */
export function ProfileBar() {
  return (
    <div className={`carnet-profile-bar ${fr.cx('fr-hidden-lg')}`}>
      <div className={fr.cx('fr-container')}>
        <ProfileMenu id="profile-menu-bar" inBar />
      </div>
    </div>
  );
}
