import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useIntl } from 'react-intl';
import { Page } from '../../components/Page';
import { defineMessages } from '../../i18n/messages';
import { identityApi } from './identity.api';
import { fieldState, FormError, Notice, StepHeading, useAction } from '../../components/forms';
import { NewPasswordField } from './NewPasswordField';

const m = defineMessages({
  passwordTitle: { id: 'identity.forgotPassword.title', defaultMessage: 'Mot de passe oublié' },
  passwordDone: {
    id: 'identity.forgotPassword.done',
    defaultMessage:
      'Votre mot de passe a été changé. Toutes vos sessions ont été fermées : connectez-vous avec votre nouveau mot de passe.',
  },
  signIn: { id: 'identity.forgot.signIn', defaultMessage: 'Connexion' },
  username: { id: 'identity.forgotPassword.username', defaultMessage: 'Identifiant' },
  receiveCode: { id: 'identity.forgotPassword.receiveCode', defaultMessage: 'Recevoir un code' },
  alsoUsername: { id: 'identity.forgotPassword.alsoUsername', defaultMessage: "J'ai aussi oublié mon identifiant" },
  codeHeading: {
    id: 'identity.forgotPassword.codeHeading',
    defaultMessage: 'Je saisis le code reçu et mon nouveau mot de passe',
  },
  codeSent: {
    id: 'identity.forgotPassword.codeSent',
    defaultMessage:
      "Si cet identifiant correspond à un compte, un code à 6 chiffres vient d'être envoyé à son adresse e-mail (ou par SMS). Il est valable 10 minutes.",
  },
  code: { id: 'identity.forgotPassword.code', defaultMessage: 'Code reçu' },
  codeHint: { id: 'identity.forgotPassword.codeHint', defaultMessage: '6 chiffres' },
  newPassword: { id: 'identity.forgotPassword.newPassword', defaultMessage: 'Nouveau mot de passe' },
  change: { id: 'identity.forgotPassword.change', defaultMessage: 'Changer mon mot de passe' },
  usernameTitle: { id: 'identity.forgotUsername.title', defaultMessage: 'Identifiant oublié' },
  usernameLead: {
    id: 'identity.forgotUsername.lead',
    defaultMessage: "Nous envoyons votre identifiant à l'adresse e-mail ou au téléphone confirmés de votre compte.",
  },
  receiveUsername: { id: 'identity.forgotUsername.receive', defaultMessage: 'Recevoir mon identifiant' },
  byEmail: { id: 'identity.forgotUsername.byEmail', defaultMessage: 'Par e-mail' },
  bySms: { id: 'identity.forgotUsername.bySms', defaultMessage: 'Par SMS' },
  email: { id: 'identity.forgotUsername.email', defaultMessage: 'Adresse e-mail de mon compte' },
  phone: { id: 'identity.forgotUsername.phone', defaultMessage: 'Numéro de téléphone de mon compte' },
});

/** Forgotten password (R3.4): the username, then the code received and a new password. */
export function ForgotPasswordPage() {
  const intl = useIntl();
  const [username, setUsername] = useState('');
  const [resetId, setResetId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run, field } = useAction();
  const start = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => identityApi.startReset(username));
    if (r) setResetId(r.resetId);
  };
  const finish = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(async () => {
      await identityApi.finishReset(resetId!, code, password);
      return true;
    });
    if (r) setDone(true);
  };
  return (
    <Page title={intl.formatMessage(m.passwordTitle)}>
      <FormError error={error} />
      {done ? (
        <>
          <Notice>{intl.formatMessage(m.passwordDone)}</Notice>
          <Button linkProps={{ to: '/connexion' }}>{intl.formatMessage(m.signIn)}</Button>
        </>
      ) : !resetId ? (
        <form onSubmit={start} noValidate>
          <Input
            label={intl.formatMessage(m.username)}
            nativeInputProps={{
              value: username,
              onChange: (e) => setUsername(e.target.value),
              autoComplete: 'username',
              required: true,
            }}
          />
          <Button type="submit" disabled={busy || !username}>
            {intl.formatMessage(m.receiveCode)}
          </Button>
          <p className="fr-mt-3w">
            <Link to="/connexion/identifiant-oublie">{intl.formatMessage(m.alsoUsername)}</Link>
          </p>
        </form>
      ) : (
        <form onSubmit={finish} noValidate>
          <StepHeading>{intl.formatMessage(m.codeHeading)}</StepHeading>
          <p role="status">{intl.formatMessage(m.codeSent)}</p>
          <Input
            label={intl.formatMessage(m.code)}
            hintText={intl.formatMessage(m.codeHint)}
            {...fieldState(field('body.code'))}
            nativeInputProps={{
              value: code,
              onChange: (e) => setCode(e.target.value),
              inputMode: 'numeric',
              autoComplete: 'one-time-code',
              maxLength: 10,
            }}
          />
          <NewPasswordField
            id="reset-password"
            label={intl.formatMessage(m.newPassword)}
            value={password}
            onChange={setPassword}
            userInputs={[username]}
            serverError={field('body.password')}
          />
          <Button type="submit" disabled={busy || !code || !password}>
            {intl.formatMessage(m.change)}
          </Button>
        </form>
      )}
    </Page>
  );
}

/** Forgotten username (R3.4): sent to the confirmed e-mail or phone of the account. */
export function ForgotUsernamePage() {
  const intl = useIntl();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [destination, setDestination] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => identityApi.remindUsername(channel, destination));
    if (r) setDone(r.message);
  };
  return (
    <Page title={intl.formatMessage(m.usernameTitle)} lead={intl.formatMessage(m.usernameLead)}>
      <FormError error={error} />
      {done ? (
        <>
          <Notice>{done}</Notice>
          <Button linkProps={{ to: '/connexion' }}>{intl.formatMessage(m.signIn)}</Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <RadioButtons
            legend={intl.formatMessage(m.receiveUsername)}
            name="channel"
            options={[
              {
                label: intl.formatMessage(m.byEmail),
                nativeInputProps: { value: 'email', checked: channel === 'email', onChange: () => setChannel('email') },
              },
              {
                label: intl.formatMessage(m.bySms),
                nativeInputProps: { value: 'sms', checked: channel === 'sms', onChange: () => setChannel('sms') },
              },
            ]}
          />
          <Input
            label={intl.formatMessage(channel === 'email' ? m.email : m.phone)}
            {...fieldState(field('body.destination'))}
            nativeInputProps={{
              type: channel === 'email' ? 'email' : 'tel',
              value: destination,
              onChange: (e) => setDestination(e.target.value),
              autoComplete: channel === 'email' ? 'email' : 'tel',
            }}
          />
          <Button type="submit" disabled={busy || !destination}>
            {intl.formatMessage(m.receiveUsername)}
          </Button>
        </form>
      )}
    </Page>
  );
}
