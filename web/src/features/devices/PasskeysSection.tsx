import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FormError, Notice, useAction } from '../../components/forms';
import { shownError } from '../../query';
import { devicesApi, useDevices, useDevicesChanged } from './devices.api';
import { registerPasskey } from './passkeys';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/** « Paramètres » → my passkeys, beside the sessions: add one on this phone, see them, revoke one. */
export function PasskeysSection() {
  const devices = useDevices();
  const keys = devices.data?.passkeys;
  const load = useDevicesChanged();
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const add = async () => {
    setNotice(null);
    const r = await run(() => registerPasskey());
    if (r) {
      setNotice(
        `La clé d'accès « ${r.passkey.name} » est ajoutée. La prochaine fois, choisissez « Se connecter avec une clé d'accès ».`,
      );
      await load();
    }
  };
  const revoke = async (id: string, name: string) => {
    setNotice(null);
    const ok = await run(async () => {
      await devicesApi.revoke(id);
      return true;
    });
    if (ok) {
      setNotice(`La clé d'accès « ${name} » est supprimée.`);
      await load();
    }
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" className={fr.cx('fr-h4')}>
        Mes clés d'accès
      </h2>
      <p>
        Une clé d'accès permet de vous connecter avec l'empreinte, le visage ou le code de votre téléphone, sans
        recopier de code. Si elle ne marche pas, la connexion avec votre mot de passe et un code reste possible.
      </p>
      <FormError error={shownError(devices.error) ?? error} />
      {notice && <Notice>{notice}</Notice>}
      {keys && keys.length === 0 && <p>Aucune clé d'accès pour le moment.</p>}
      {keys && keys.length > 0 && (
        <ul className={fr.cx('fr-raw-list', 'fr-mb-2w')}>
          {keys.map((k) => (
            <li key={k.id} className={fr.cx('fr-mb-2w')}>
              <p className={fr.cx('fr-mb-1v')}>
                <strong>{k.name}</strong>, ajoutée le {day(k.createdAt)}
                {k.lastUsedAt ? `, utilisée le ${day(k.lastUsedAt)}` : ', pas encore utilisée'}.
              </p>
              <Button size="small" priority="secondary" onClick={() => revoke(k.id, k.name)}>
                {`Supprimer la clé d'accès « ${k.name} »`}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button iconId="fr-icon-add-line" onClick={add} disabled={busy}>
        Ajouter une clé d'accès sur cet appareil
      </Button>
    </section>
  );
}
