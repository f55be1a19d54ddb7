import { useMemo, useState, type FormEvent } from 'react';
import { useActiveProfile } from '../../components/ActiveProfile';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { identityApi, identityKeys, useContact } from './identity.api';
import { devicesApi, useDevices, useDevicesChanged } from '../devices/devices.api';
import { fieldState, FormError, Notice, useAction } from '../../components/forms';
import { shownError, useInvalidate } from '../../query';
import { NewPasswordField } from './NewPasswordField';

const when = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/**
 * « Paramètres » → my sessions: each device named (browser, system, network, last use); ending one, or all the others.
 */
export function SessionsSection() {
  const devices = useDevices();
  const sessions = devices.data?.sessions;
  const load = useDevicesChanged();
  const [notice, setNotice] = useState<string | null>(null);
  const { error, run } = useAction();
  const others = sessions?.filter((s) => !s.current).length ?? 0;
  const endOthers = async () => {
    const r = await run(() => devicesApi.endOthers());
    if (r) {
      // The list is read again first: when the notice shows, the ended devices are gone from it.
      await load();
      setNotice(r.ended > 1 ? `${r.ended} appareils ont été déconnectés.` : 'L’autre appareil a été déconnecté.');
    }
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="sessions-title">
      <h2 id="sessions-title" className={fr.cx('fr-h4')}>
        Mes sessions
      </h2>
      <p>
        Les appareils où votre espace est ouvert. Si vous n'en reconnaissez pas un, déconnectez-le, puis changez votre
        mot de passe.
      </p>
      <FormError error={shownError(devices.error) ?? error} />
      {notice && <Notice>{notice}</Notice>}
      {sessions && (
        <ul className={fr.cx('fr-raw-list')}>
          {sessions.map((s) => (
            <li key={s.id} className={fr.cx('fr-mb-3w')}>
              <p className={fr.cx('fr-mb-1v')}>
                <strong>
                  {s.browser} sur {s.system}
                </strong>
                {s.current && ' (cet appareil)'}
              </p>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                Dernière utilisation le {when(s.lastSeenAt)}.{s.place && <> Adresse réseau&nbsp;: {s.place}.…</>}
                <br />
                Connecté depuis le {when(s.createdAt)}.
              </p>
              {!s.current && (
                <Button
                  size="small"
                  priority="secondary"
                  onClick={() => run(() => identityApi.endSession(s.id)).then(() => load())}
                >
                  Déconnecter cet appareil
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others > 0 && (
        <Button priority="secondary" iconId="fr-icon-logout-box-r-line" onClick={endOthers}>
          Se déconnecter de tous les autres appareils
        </Button>
      )}
    </section>
  );
}

/** « Paramètres » → my password. */
export function PasswordSection() {
  const { me } = useActiveProfile();
  const userInputs = useMemo(() => [me.username, me.profile.firstName, me.profile.lastName], [me]);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const sessionsChanged = useDevicesChanged();
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const ok = await run(async () => {
      await identityApi.changePassword(current, next);
      return true;
    });
    if (ok) {
      setDone(true);
      setCurrent('');
      setNext('');
      // The other sessions were closed: « Mes sessions » is read again.
      void sessionsChanged();
    }
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="password-title">
      <h2 id="password-title" className={fr.cx('fr-h4')}>
        Mon mot de passe
      </h2>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        {done && <Notice>Votre mot de passe a été changé. Vos autres sessions ont été fermées.</Notice>}
        <PasswordInput
          label="Mot de passe actuel"
          messages={[]}
          messagesHint=""
          nativeInputProps={{
            value: current,
            onChange: (e) => setCurrent(e.target.value),
            autoComplete: 'current-password',
          }}
        />
        <NewPasswordField
          id="settings-new-password"
          label="Nouveau mot de passe"
          value={next}
          onChange={setNext}
          userInputs={userInputs}
          serverError={field('body.newPassword')}
        />
        <Button type="submit" disabled={busy || !current || !next}>
          Changer mon mot de passe
        </Button>
      </form>
    </section>
  );
}

function ContactChange({
  channel,
  current,
  onChanged,
}: {
  channel: 'email' | 'sms';
  current: string | null;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [destination, setDestination] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const { busy, error, run, field } = useAction();
  const noun = channel === 'email' ? 'adresse e-mail' : 'numéro de téléphone';
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => identityApi.sendNewContactCode(channel, destination, password));
    if (r) {
      setSentTo(r.destination);
      setPassword('');
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(async () => {
      await identityApi.confirmNewContact(channel, code);
      return true;
    });
    if (ok) {
      setOpen(false);
      setSentTo(null);
      setCode('');
      setDestination('');
      onChanged();
    }
  };
  return (
    <div className={fr.cx('fr-mb-3w')}>
      <p className={fr.cx('fr-mb-1w')}>
        {channel === 'email' ? 'Adresse e-mail' : 'Téléphone mobile'} : <strong>{current ?? 'non renseigné'}</strong>
      </p>
      {!open ? (
        <Button size="small" priority="secondary" onClick={() => setOpen(true)}>
          {current ? `Changer mon ${noun}` : `Ajouter un ${noun}`}
        </Button>
      ) : (
        <div>
          <FormError error={error} />
          {!sentTo ? (
            <form onSubmit={send} noValidate>
              <Input
                label={channel === 'email' ? 'Nouvelle adresse e-mail' : 'Nouveau numéro de téléphone mobile'}
                {...fieldState(field('body.destination'))}
                nativeInputProps={{
                  type: channel === 'email' ? 'email' : 'tel',
                  value: destination,
                  onChange: (e) => setDestination(e.target.value),
                  autoComplete: channel === 'email' ? 'email' : 'tel',
                }}
              />
              <PasswordInput
                label="Mot de passe actuel"
                hintText="Par sécurité, votre mot de passe est demandé avant tout changement de coordonnées."
                messagesHint=""
                messages={field('body.password') ? [{ severity: 'error', message: field('body.password') }] : []}
                nativeInputProps={{
                  value: password,
                  onChange: (e) => setPassword(e.target.value),
                  autoComplete: 'current-password',
                }}
              />
              <Button type="submit" size="small" disabled={busy || !destination || !password}>
                Recevoir un code de confirmation
              </Button>
            </form>
          ) : (
            <form onSubmit={confirm} noValidate>
              <p role="status">
                Un code à 6 chiffres vient d'être envoyé à {sentTo}. Votre {noun} ne change qu'une fois ce code saisi.
              </p>
              <Input
                label="Code de confirmation"
                nativeInputProps={{
                  value: code,
                  onChange: (e) => setCode(e.target.value),
                  inputMode: 'numeric',
                  autoComplete: 'one-time-code',
                  maxLength: 10,
                }}
              />
              <Button type="submit" size="small" disabled={busy || !code}>
                Confirmer
              </Button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}

/** « Paramètres » → my contact details; each change confirmed by a code sent to the new address or number. */
export function ContactSection() {
  const { data: contact, error } = useContact();
  const invalidate = useInvalidate();
  const load = () => void invalidate(identityKeys.contact);
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="contact-title">
      <h2 id="contact-title" className={fr.cx('fr-h4')}>
        Mes coordonnées de contact
      </h2>
      <FormError error={shownError(error)} />
      {contact && (
        <>
          <ContactChange channel="email" current={contact.email} onChanged={load} />
          <ContactChange channel="sms" current={contact.phone} onChanged={load} />
        </>
      )}
    </section>
  );
}
