import { useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
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
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  ended: {
    id: 'identity.sessions.ended',
    defaultMessage:
      '{count, plural, one {L’autre appareil a été déconnecté.} other {# appareils ont été déconnectés.}}',
  },
  sessionsTitle: { id: 'identity.sessions.title', defaultMessage: 'Mes sessions' },
  sessionsIntro: {
    id: 'identity.sessions.intro',
    defaultMessage:
      "Les appareils où votre espace est ouvert. Si vous n'en reconnaissez pas un, déconnectez-le, puis changez votre mot de passe.",
  },
  device: { id: 'identity.sessions.device', defaultMessage: '{browser} sur {system}' },
  thisDevice: { id: 'identity.sessions.thisDevice', defaultMessage: '(cet appareil)' },
  lastSeen: { id: 'identity.sessions.lastSeen', defaultMessage: 'Dernière utilisation le {date}.' },
  place: { id: 'identity.sessions.place', defaultMessage: 'Adresse réseau\u00a0: {place}.…' },
  since: { id: 'identity.sessions.since', defaultMessage: 'Connecté depuis le {date}.' },
  endOne: { id: 'identity.sessions.endOne', defaultMessage: 'Déconnecter cet appareil' },
  endOthers: { id: 'identity.sessions.endOthers', defaultMessage: 'Se déconnecter de tous les autres appareils' },
  passwordTitle: { id: 'identity.password.title', defaultMessage: 'Mon mot de passe' },
  passwordDone: {
    id: 'identity.password.done',
    defaultMessage: 'Votre mot de passe a été changé. Vos autres sessions ont été fermées.',
  },
  currentPassword: { id: 'identity.password.current', defaultMessage: 'Mot de passe actuel' },
  newPassword: { id: 'identity.password.new', defaultMessage: 'Nouveau mot de passe' },
  changePassword: { id: 'identity.password.change', defaultMessage: 'Changer mon mot de passe' },
  currentEmail: { id: 'identity.contact.currentEmail', defaultMessage: 'Adresse e-mail : <strong>{value}</strong>' },
  currentPhone: { id: 'identity.contact.currentPhone', defaultMessage: 'Téléphone mobile : <strong>{value}</strong>' },
  notGiven: { id: 'identity.contact.notGiven', defaultMessage: 'non renseigné' },
  changeEmail: { id: 'identity.contact.changeEmail', defaultMessage: 'Changer mon adresse e-mail' },
  changePhone: { id: 'identity.contact.changePhone', defaultMessage: 'Changer mon numéro de téléphone' },
  addEmail: { id: 'identity.contact.addEmail', defaultMessage: 'Ajouter une adresse e-mail' },
  addPhone: { id: 'identity.contact.addPhone', defaultMessage: 'Ajouter un numéro de téléphone' },
  newEmail: { id: 'identity.contact.newEmail', defaultMessage: 'Nouvelle adresse e-mail' },
  newPhone: { id: 'identity.contact.newPhone', defaultMessage: 'Nouveau numéro de téléphone mobile' },
  password: { id: 'identity.contact.password', defaultMessage: 'Mot de passe actuel' },
  passwordHint: {
    id: 'identity.contact.passwordHint',
    defaultMessage: 'Par sécurité, votre mot de passe est demandé avant tout changement de coordonnées.',
  },
  sendCode: { id: 'identity.contact.sendCode', defaultMessage: 'Recevoir un code de confirmation' },
  sentEmail: {
    id: 'identity.contact.sentEmail',
    defaultMessage:
      "Un code à 6 chiffres vient d'être envoyé à {destination}. Votre adresse e-mail ne change qu'une fois ce code saisi.",
  },
  sentPhone: {
    id: 'identity.contact.sentPhone',
    defaultMessage:
      "Un code à 6 chiffres vient d'être envoyé à {destination}. Votre numéro de téléphone ne change qu'une fois ce code saisi.",
  },
  code: { id: 'identity.contact.code', defaultMessage: 'Code de confirmation' },
  confirm: { id: 'identity.contact.confirm', defaultMessage: 'Confirmer' },
  contactTitle: { id: 'identity.contact.title', defaultMessage: 'Mes coordonnées de contact' },
});

const when = (intl: IntlShape, iso: string) => intl.formatDate(iso, { dateStyle: 'long', timeStyle: 'short' });

/**
 * « Paramètres » → my sessions: each device named (browser, system, network, last use); ending one, or all the others.
 */
export function SessionsSection() {
  const intl = useIntl();
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
      setNotice(intl.formatMessage(m.ended, { count: r.ended }));
    }
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="sessions-title">
      <h2 id="sessions-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.sessionsTitle)}
      </h2>
      <p>{intl.formatMessage(m.sessionsIntro)}</p>
      <FormError error={shownError(devices.error) ?? error} />
      {notice && <Notice>{notice}</Notice>}
      {sessions && (
        <ul className={fr.cx('fr-raw-list')}>
          {sessions.map((s) => (
            <li key={s.id} className={fr.cx('fr-mb-3w')}>
              <p className={fr.cx('fr-mb-1v')}>
                <strong>{intl.formatMessage(m.device, { browser: s.browser, system: s.system })}</strong>
                {s.current && ` ${intl.formatMessage(m.thisDevice)}`}
              </p>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                {intl.formatMessage(m.lastSeen, { date: when(intl, s.lastSeenAt) })}
                {s.place && <> {intl.formatMessage(m.place, { place: s.place })}</>}
                <br />
                {intl.formatMessage(m.since, { date: when(intl, s.createdAt) })}
              </p>
              {!s.current && (
                <Button
                  size="small"
                  priority="secondary"
                  onClick={() => run(() => identityApi.endSession(s.id)).then(() => load())}
                >
                  {intl.formatMessage(m.endOne)}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others > 0 && (
        <Button priority="secondary" iconId="fr-icon-logout-box-r-line" onClick={endOthers}>
          {intl.formatMessage(m.endOthers)}
        </Button>
      )}
    </section>
  );
}

/** « Paramètres » → my password. */
export function PasswordSection() {
  const intl = useIntl();
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
        {intl.formatMessage(m.passwordTitle)}
      </h2>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        {done && <Notice>{intl.formatMessage(m.passwordDone)}</Notice>}
        <PasswordInput
          label={intl.formatMessage(m.currentPassword)}
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
          label={intl.formatMessage(m.newPassword)}
          value={next}
          onChange={setNext}
          userInputs={userInputs}
          serverError={field('body.newPassword')}
        />
        <Button type="submit" disabled={busy || !current || !next}>
          {intl.formatMessage(m.changePassword)}
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
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [destination, setDestination] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const { busy, error, run, field } = useAction();
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
        <FormattedMessage
          {...(channel === 'email' ? m.currentEmail : m.currentPhone)}
          values={{ value: current ?? intl.formatMessage(m.notGiven), strong: (c) => <strong>{c}</strong> }}
        />
      </p>
      {!open ? (
        <Button size="small" priority="secondary" onClick={() => setOpen(true)}>
          {intl.formatMessage(
            channel === 'email' ? (current ? m.changeEmail : m.addEmail) : current ? m.changePhone : m.addPhone,
          )}
        </Button>
      ) : (
        <div>
          <FormError error={error} />
          {!sentTo ? (
            <form onSubmit={send} noValidate>
              <Input
                label={intl.formatMessage(channel === 'email' ? m.newEmail : m.newPhone)}
                {...fieldState(field('body.destination'))}
                nativeInputProps={{
                  type: channel === 'email' ? 'email' : 'tel',
                  value: destination,
                  onChange: (e) => setDestination(e.target.value),
                  autoComplete: channel === 'email' ? 'email' : 'tel',
                }}
              />
              <PasswordInput
                label={intl.formatMessage(m.password)}
                hintText={intl.formatMessage(m.passwordHint)}
                messagesHint=""
                messages={field('body.password') ? [{ severity: 'error', message: field('body.password') }] : []}
                nativeInputProps={{
                  value: password,
                  onChange: (e) => setPassword(e.target.value),
                  autoComplete: 'current-password',
                }}
              />
              <Button type="submit" size="small" disabled={busy || !destination || !password}>
                {intl.formatMessage(m.sendCode)}
              </Button>
            </form>
          ) : (
            <form onSubmit={confirm} noValidate>
              <p role="status">
                {intl.formatMessage(channel === 'email' ? m.sentEmail : m.sentPhone, { destination: sentTo })}
              </p>
              <Input
                label={intl.formatMessage(m.code)}
                nativeInputProps={{
                  value: code,
                  onChange: (e) => setCode(e.target.value),
                  inputMode: 'numeric',
                  autoComplete: 'one-time-code',
                  maxLength: 10,
                }}
              />
              <Button type="submit" size="small" disabled={busy || !code}>
                {intl.formatMessage(m.confirm)}
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
  const intl = useIntl();
  const { data: contact, error } = useContact();
  const invalidate = useInvalidate();
  const load = () => void invalidate(identityKeys.contact);
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="contact-title">
      <h2 id="contact-title" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.contactTitle)}
      </h2>
      <FormError error={shownError(error)} />
      {contact && (
        <>
          {/* i18n-exempt: a channel, not text */}
          <ContactChange channel="email" current={contact.email} onChanged={load} />
          {/* i18n-exempt: a channel, not text */}
          <ContactChange channel="sms" current={contact.phone} onChanged={load} />
        </>
      )}
    </section>
  );
}
