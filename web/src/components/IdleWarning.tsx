import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FormattedMessage } from 'react-intl';
import { devicesRoutes } from '../../../shared/src/routes/devices.routes.js';
import { lastAnswerAt } from '../api';
import { call } from '../client';
import { loginRoutes } from '../../../shared/src/routes/identity.routes.js';
import { storeProfileId } from './ActiveProfile';
import { defineMessages } from '../i18n/messages';

const m = defineMessages({
  title: { id: 'shell.idleWarning.title', defaultMessage: 'Votre session va bientôt se terminer' },
  text: {
    id: 'shell.idleWarning.text',
    defaultMessage:
      "Sans action de votre part, vous serez déconnecté dans {minutes, plural, =1 {moins de 2 minutes} other {# minutes}}. C'est pour protéger vos données de santé.",
  },
  stay: { id: 'shell.idleWarning.stay', defaultMessage: 'Rester connecté' },
  signOut: { id: 'shell.idleWarning.signOut', defaultMessage: 'Se déconnecter' },
});

/** How long before the end the warning shows, and the margin kept for the server's once-a-minute activity writes. */
const WARN_MS = 2 * 60_000;
const MARGIN_MS = 60_000;

/**
 * RGAA 13.1 (time limits): before the session's idle timeout ends, a warning says so and offers to stay
 * signed in; the person who does nothing is signed out and told why. The timeout counts from the server's
 * last answer (every answer is activity).
 */
export function IdleWarning() {
  const navigate = useNavigate();
  const [idleMs, setIdleMs] = useState<number | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    call(devicesRoutes.keepAlive, {}).then(
      (r) => setIdleMs(r.idleMinutes * 60_000),
      () => {},
    );
  }, []);

  useEffect(() => {
    if (!idleMs) return;
    const margin = Math.min(MARGIN_MS, idleMs / 4);
    const warn = Math.min(WARN_MS, idleMs / 2);
    const tick = () => {
      const remaining = lastAnswerAt + idleMs - margin - Date.now();
      if (remaining <= 0) {
        storeProfileId(null);
        void call(loginRoutes.logout, {}).catch(() => {});
        navigate('/connexion', { replace: true, state: { idle: true } });
        return;
      }
      setLeft(remaining <= warn ? remaining : null);
    };
    tick();
    const timer = setInterval(tick, 5_000);
    return () => clearInterval(timer);
  }, [idleMs, navigate]);

  const shown = left !== null;
  useEffect(() => {
    if (shown) headingRef.current?.focus();
  }, [shown]);

  if (left === null) return null;
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return (
    <div role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text" className="carnet-idle-warning">
      <div className={fr.cx('fr-container')}>
        <h2 id="idle-title" ref={headingRef} tabIndex={-1} className={fr.cx('fr-h5', 'fr-mb-1w')}>
          <FormattedMessage {...m.title} />
        </h2>
        <p id="idle-text" className={fr.cx('fr-mb-2w')}>
          <FormattedMessage {...m.text} values={{ minutes }} />
        </p>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
          <li>
            <Button
              onClick={() =>
                call(devicesRoutes.keepAlive, {}).then(
                  () => setLeft(null),
                  () => setLeft(null),
                )
              }
            >
              <FormattedMessage {...m.stay} />
            </Button>
          </li>
          <li>
            <Button
              priority="secondary"
              onClick={() => {
                storeProfileId(null);
                void call(loginRoutes.logout, {}).finally(() => navigate('/', { replace: true }));
              }}
            >
              <FormattedMessage {...m.signOut} />
            </Button>
          </li>
        </ul>
      </div>
    </div>
  );
}
