import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { identityApi } from './identity.api';
import { fieldState, FormError, Notice, StepHeading, useAction } from '../../components/forms';
import { NewPasswordField } from './NewPasswordField';

/** Forgotten password (R3.4): the username, then the code received and a new password. */
export function ForgotPasswordPage() {
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
    <Page title="Mot de passe oublié">
      <FormError error={error} />
      {done ? (
        <>
          <Notice>
            Votre mot de passe a été changé. Toutes vos sessions ont été fermées : connectez-vous avec votre nouveau mot
            de passe.
          </Notice>
          <Button linkProps={{ to: '/connexion' }}>Connexion</Button>
        </>
      ) : !resetId ? (
        <form onSubmit={start} noValidate>
          <Input
            label="Identifiant"
            nativeInputProps={{
              value: username,
              onChange: (e) => setUsername(e.target.value),
              autoComplete: 'username',
              required: true,
            }}
          />
          <Button type="submit" disabled={busy || !username}>
            Recevoir un code
          </Button>
          <p className="fr-mt-3w">
            <Link to="/connexion/identifiant-oublie">J'ai aussi oublié mon identifiant</Link>
          </p>
        </form>
      ) : (
        <form onSubmit={finish} noValidate>
          <StepHeading>Je saisis le code reçu et mon nouveau mot de passe</StepHeading>
          <p role="status">
            Si cet identifiant correspond à un compte, un code à 6 chiffres vient d'être envoyé à son adresse e-mail (ou
            par SMS). Il est valable 10 minutes.
          </p>
          <Input
            label="Code reçu"
            hintText="6 chiffres"
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
            label="Nouveau mot de passe"
            value={password}
            onChange={setPassword}
            userInputs={[username]}
            serverError={field('body.password')}
          />
          <Button type="submit" disabled={busy || !code || !password}>
            Changer mon mot de passe
          </Button>
        </form>
      )}
    </Page>
  );
}

/** Forgotten username (R3.4): sent to the confirmed e-mail or phone of the account. */
export function ForgotUsernamePage() {
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
    <Page
      title="Identifiant oublié"
      lead="Nous envoyons votre identifiant à l'adresse e-mail ou au téléphone confirmés de votre compte."
    >
      <FormError error={error} />
      {done ? (
        <>
          <Notice>{done}</Notice>
          <Button linkProps={{ to: '/connexion' }}>Connexion</Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <RadioButtons
            legend="Recevoir mon identifiant"
            name="channel"
            options={[
              {
                label: 'Par e-mail',
                nativeInputProps: { value: 'email', checked: channel === 'email', onChange: () => setChannel('email') },
              },
              {
                label: 'Par SMS',
                nativeInputProps: { value: 'sms', checked: channel === 'sms', onChange: () => setChannel('sms') },
              },
            ]}
          />
          <Input
            label={channel === 'email' ? 'Adresse e-mail de mon compte' : 'Numéro de téléphone de mon compte'}
            {...fieldState(field('body.destination'))}
            nativeInputProps={{
              type: channel === 'email' ? 'email' : 'tel',
              value: destination,
              onChange: (e) => setDestination(e.target.value),
              autoComplete: channel === 'email' ? 'email' : 'tel',
            }}
          />
          <Button type="submit" disabled={busy || !destination}>
            Recevoir mon identifiant
          </Button>
        </form>
      )}
    </Page>
  );
}
