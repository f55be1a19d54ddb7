import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FormError, Notice, useAction } from '../../components/forms';
import { shownError } from '../../query';
import { devicesApi, useDevices, useDevicesChanged } from './devices.api';
import { registerPasskey } from './passkeys';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  added: {
    id: 'devices.passkeys.added',
    defaultMessage:
      "La clé d'accès « {name} » est ajoutée. La prochaine fois, choisissez « Se connecter avec une clé d'accès ».",
  },
  revoked: { id: 'devices.passkeys.revoked', defaultMessage: "La clé d'accès « {name} » est supprimée." },
  title: { id: 'devices.passkeys.title', defaultMessage: "Mes clés d'accès" },
  intro: {
    id: 'devices.passkeys.intro',
    defaultMessage:
      "Une clé d'accès permet de vous connecter avec l'empreinte, le visage ou le code de votre téléphone, sans recopier de code. Si elle ne marche pas, la connexion avec votre mot de passe et un code reste possible.",
  },
  none: { id: 'devices.passkeys.none', defaultMessage: "Aucune clé d'accès pour le moment." },
  keyUsed: {
    id: 'devices.passkeys.keyUsed',
    defaultMessage: '<strong>{name}</strong>, ajoutée le {created}, utilisée le {used}.',
  },
  keyNotUsed: {
    id: 'devices.passkeys.keyNotUsed',
    defaultMessage: '<strong>{name}</strong>, ajoutée le {created}, pas encore utilisée.',
  },
  revoke: { id: 'devices.passkeys.revoke', defaultMessage: "Supprimer la clé d'accès « {name} »" },
  add: { id: 'devices.passkeys.add', defaultMessage: "Ajouter une clé d'accès sur cet appareil" },
});

const dayFormat = { day: 'numeric', month: 'long', year: 'numeric' } as const;

/** « Paramètres » → my passkeys, beside the sessions: add one on this phone, see them, revoke one. */
export function PasskeysSection() {
  const intl = useIntl();
  const day = (iso: string) => intl.formatDate(iso, dayFormat);
  const devices = useDevices();
  const keys = devices.data?.passkeys;
  const load = useDevicesChanged();
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const add = async () => {
    setNotice(null);
    const r = await run(() => registerPasskey(intl));
    if (r) {
      setNotice(intl.formatMessage(m.added, { name: r.passkey.name }));
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
      setNotice(intl.formatMessage(m.revoked, { name }));
      await load();
    }
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.title)}
      </h2>
      <p>{intl.formatMessage(m.intro)}</p>
      <FormError error={shownError(devices.error) ?? error} />
      {notice && <Notice>{notice}</Notice>}
      {keys && keys.length === 0 && <p>{intl.formatMessage(m.none)}</p>}
      {keys && keys.length > 0 && (
        <ul className={fr.cx('fr-raw-list', 'fr-mb-2w')}>
          {keys.map((k) => (
            <li key={k.id} className={fr.cx('fr-mb-2w')}>
              <p className={fr.cx('fr-mb-1v')}>
                <FormattedMessage
                  {...(k.lastUsedAt ? m.keyUsed : m.keyNotUsed)}
                  values={{
                    name: k.name,
                    created: day(k.createdAt),
                    used: k.lastUsedAt ? day(k.lastUsedAt) : '',
                    strong: (c) => <strong>{c}</strong>,
                  }}
                />
              </p>
              <Button size="small" priority="secondary" onClick={() => revoke(k.id, k.name)}>
                {intl.formatMessage(m.revoke, { name: k.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button iconId="fr-icon-add-line" onClick={add} disabled={busy}>
        {intl.formatMessage(m.add)}
      </Button>
    </section>
  );
}
