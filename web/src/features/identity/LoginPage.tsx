import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { identityApi, type Channel } from './identity.api';
import { FormError, StepHeading, useAction } from '../../components/forms';
import { signInWithPasskey } from '../devices/passkeys';

/** « Connexion » (R3): username and password → where to receive the code → the one-time code → « Se connecter ». */
export function LoginPage() {
  const [attempt, setAttempt] = useState<{ attemptId: string; channels: Channel[] } | null>(null);
  const [sentTo, setSentTo] = useState<Channel | null>(null);
  const idle = (useLocation().state as { idle?: boolean } | null)?.idle === true;
  return (
    <Page title="Connexion" heading="Je me connecte à mon compte Mon espace santé">
      {idle && !attempt && (
        <div role="status" className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="info"
            small
            description="Vous avez été déconnecté car vous n'avez rien fait pendant un moment. Connectez-vous de nouveau pour continuer."
          />
        </div>
      )}
      {!attempt && <Credentials onDone={setAttempt} />}
      {attempt && !sentTo && <ChooseChannel attempt={attempt} onSent={setSentTo} onRestart={() => setAttempt(null)} />}
      {attempt && sentTo && (
        <EnterCode
          attemptId={attempt.attemptId}
          sentTo={sentTo}
          onResend={() => setSentTo(null)}
          onRestart={() => {
            setAttempt(null);
            setSentTo(null);
          }}
        />
      )}
    </Page>
  );
}

function Credentials({ onDone }: { onDone: (a: { attemptId: string; channels: Channel[] }) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const a = await run(() => identityApi.login(username, password));
    if (a) onDone(a);
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={error} />
      <Input
        label="Identifiant"
        nativeInputProps={{
          value: username,
          onChange: (e) => setUsername(e.target.value),
          autoComplete: 'username',
          required: true,
          autoCapitalize: 'none',
          spellCheck: false,
        }}
      />
      <PasswordInput
        label="Mot de passe"
        messages={[]}
        messagesHint=""
        nativeInputProps={{
          value: password,
          onChange: (e) => setPassword(e.target.value),
          autoComplete: 'current-password',
          required: true,
        }}
      />
      <p className={fr.cx('fr-text--sm')}>
        <Link to="/connexion/identifiant-oublie">Identifiant oublié ?</Link> ·{' '}
        <Link to="/connexion/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
      <Button type="submit" disabled={busy || !username || !password}>
        Continuer
      </Button>
      <PasskeySignIn />
      <p className={fr.cx('fr-mt-4w')}>
        Pas encore de compte ? <Link to="/activation">Activer Mon espace santé</Link>
      </p>
    </form>
  );
}

function ChooseChannel({
  attempt,
  onSent,
  onRestart,
}: {
  attempt: { attemptId: string; channels: Channel[] };
  onSent: (c: Channel) => void;
  onRestart: () => void;
}) {
  const [channel, setChannel] = useState<'email' | 'sms'>(attempt.channels[0]?.channel ?? 'email');
  const { busy, error, run } = useAction();
  if (!attempt.channels.length) {
    return (
      <>
        <StepHeading>Aucun moyen de recevoir votre code</StepHeading>
        <p>Votre compte n'a ni adresse e-mail ni téléphone confirmés. Appelez le 3422 pour être aidé.</p>
        <Button priority="secondary" onClick={onRestart}>
          Retour
        </Button>
      </>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = await run(() => identityApi.loginCode(attempt.attemptId, channel));
    if (c) onSent(c);
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>Je choisis où recevoir mon code d'accès à usage unique</StepHeading>
      <FormError error={error} />
      <RadioButtons
        legend="Recevoir le code"
        name="channel"
        options={attempt.channels.map((c) => ({
          label: c.channel === 'email' ? `Par e-mail : ${c.masked}` : `Par SMS : ${c.masked}`,
          nativeInputProps: { value: c.channel, checked: channel === c.channel, onChange: () => setChannel(c.channel) },
        }))}
      />
      <Button type="submit" disabled={busy}>
        Recevoir le code
      </Button>
    </form>
  );
}

function EnterCode({
  attemptId,
  sentTo,
  onResend,
  onRestart,
}: {
  attemptId: string;
  sentTo: Channel;
  onResend: () => void;
  onRestart: () => void;
}) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const navigate = useNavigate();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(() => identityApi.loginVerify(attemptId, code));
    if (ok) await navigate('/accueil');
  };
  const over = error && ['CODE_LOCKED', 'FLOW_EXPIRED'].includes(error.code);
  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>Je saisis mon code d'accès à usage unique</StepHeading>
      <p role="status">
        Un code à 6 chiffres vient de vous être envoyé {sentTo.channel === 'email' ? 'par e-mail' : 'par SMS'} (
        {sentTo.masked}). Il est valable 10 minutes.
      </p>
      <FormError error={error} />
      <Input
        label="Code d'accès à usage unique"
        hintText="6 chiffres"
        nativeInputProps={{
          value: code,
          onChange: (e) => setCode(e.target.value),
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          maxLength: 10,
          required: true,
        }}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={busy || !code || !!over}>
            Se connecter
          </Button>
        </li>
        <li>
          <Button priority="secondary" type="button" onClick={over ? onRestart : onResend}>
            {over ? 'Recommencer la connexion' : 'Recevoir un nouveau code'}
          </Button>
        </li>
      </ul>
    </form>
  );
}

/** « Se connecter avec une clé d'accès » (after a first login, a key registered in « Paramètres »). */
function PasskeySignIn() {
  const { busy, error, run } = useAction();
  const navigate = useNavigate();
  const go = async () => {
    const r = await run(() => signInWithPasskey());
    if (r) await navigate('/accueil');
  };
  return (
    <div className={fr.cx('fr-mt-4w')}>
      <FormError error={error} />
      <Button type="button" priority="secondary" iconId="fr-icon-fingerprint-line" onClick={go} disabled={busy}>
        Se connecter avec une clé d'accès
      </Button>
    </div>
  );
}
