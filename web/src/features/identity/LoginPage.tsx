import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useIntl, FormattedMessage } from 'react-intl';
import { Page } from '../../components/Page';
import { defineMessages } from '../../i18n/messages';
import { identityApi, type Channel } from './identity.api';
import { FormError, StepHeading, useAction } from '../../components/forms';
import { signInWithPasskey } from '../devices/passkeys';

const m = defineMessages({
  title: { id: 'identity.login.title', defaultMessage: 'Connexion' },
  heading: { id: 'identity.login.heading', defaultMessage: 'Je me connecte à mon compte Mon espace santé' },
  idle: {
    id: 'identity.login.idle',
    defaultMessage:
      "Vous avez été déconnecté car vous n'avez rien fait pendant un moment. Connectez-vous de nouveau pour continuer.",
  },
  username: { id: 'identity.login.username', defaultMessage: 'Identifiant' },
  password: { id: 'identity.login.password', defaultMessage: 'Mot de passe' },
  forgotUsername: { id: 'identity.login.forgotUsername', defaultMessage: 'Identifiant oublié ?' },
  forgotPassword: { id: 'identity.login.forgotPassword', defaultMessage: 'Mot de passe oublié ?' },
  continue: { id: 'identity.login.continue', defaultMessage: 'Continuer' },
  noAccount: {
    id: 'identity.login.noAccount',
    defaultMessage: 'Pas encore de compte ? <a>Activer Mon espace santé</a>',
  },
  noChannelHeading: { id: 'identity.login.noChannel.heading', defaultMessage: 'Aucun moyen de recevoir votre code' },
  noChannelText: {
    id: 'identity.login.noChannel.text',
    defaultMessage: "Votre compte n'a ni adresse e-mail ni téléphone confirmés. Appelez le 3422 pour être aidé.",
  },
  back: { id: 'identity.login.back', defaultMessage: 'Retour' },
  chooseHeading: {
    id: 'identity.login.channel.heading',
    defaultMessage: "Je choisis où recevoir mon code d'accès à usage unique",
  },
  receiveCode: { id: 'identity.login.channel.receiveCode', defaultMessage: 'Recevoir le code' },
  byEmail: { id: 'identity.login.channel.byEmail', defaultMessage: 'Par e-mail : {masked}' },
  bySms: { id: 'identity.login.channel.bySms', defaultMessage: 'Par SMS : {masked}' },
  codeHeading: { id: 'identity.login.code.heading', defaultMessage: "Je saisis mon code d'accès à usage unique" },
  codeSent: {
    id: 'identity.login.code.sent',
    defaultMessage:
      'Un code à 6 chiffres vient de vous être envoyé {channel, select, email {par e-mail} other {par SMS}} ({masked}). Il est valable 10 minutes.',
  },
  codeLabel: { id: 'identity.login.code.label', defaultMessage: "Code d'accès à usage unique" },
  codeHint: { id: 'identity.login.code.hint', defaultMessage: '6 chiffres' },
  signIn: { id: 'identity.login.code.signIn', defaultMessage: 'Se connecter' },
  restart: { id: 'identity.login.code.restart', defaultMessage: 'Recommencer la connexion' },
  newCode: { id: 'identity.login.code.newCode', defaultMessage: 'Recevoir un nouveau code' },
  passkey: { id: 'identity.login.passkey', defaultMessage: "Se connecter avec une clé d'accès" },
});

/** « Connexion » (R3): username and password → where to receive the code → the one-time code → « Se connecter ». */
export function LoginPage() {
  const intl = useIntl();
  const [attempt, setAttempt] = useState<{ attemptId: string; channels: Channel[] } | null>(null);
  const [sentTo, setSentTo] = useState<Channel | null>(null);
  const idle = (useLocation().state as { idle?: boolean } | null)?.idle === true;
  return (
    <Page title={intl.formatMessage(m.title)} heading={intl.formatMessage(m.heading)}>
      {idle && !attempt && (
        <div role="status" className={fr.cx('fr-mb-3w')}>
          <Alert severity="info" small description={intl.formatMessage(m.idle)} />
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
  const intl = useIntl();
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
        label={intl.formatMessage(m.username)}
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
        label={intl.formatMessage(m.password)}
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
        <Link to="/connexion/identifiant-oublie">{intl.formatMessage(m.forgotUsername)}</Link> ·{' '}
        <Link to="/connexion/mot-de-passe-oublie">{intl.formatMessage(m.forgotPassword)}</Link>
      </p>
      <Button type="submit" disabled={busy || !username || !password}>
        {intl.formatMessage(m.continue)}
      </Button>
      <PasskeySignIn />
      <p className={fr.cx('fr-mt-4w')}>
        <FormattedMessage {...m.noAccount} values={{ a: (c) => <Link to="/activation">{c}</Link> }} />
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
  const intl = useIntl();
  const [channel, setChannel] = useState<'email' | 'sms'>(attempt.channels[0]?.channel ?? 'email');
  const { busy, error, run } = useAction();
  if (!attempt.channels.length) {
    return (
      <>
        <StepHeading>{intl.formatMessage(m.noChannelHeading)}</StepHeading>
        <p>{intl.formatMessage(m.noChannelText)}</p>
        <Button priority="secondary" onClick={onRestart}>
          {intl.formatMessage(m.back)}
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
      <StepHeading>{intl.formatMessage(m.chooseHeading)}</StepHeading>
      <FormError error={error} />
      <RadioButtons
        legend={intl.formatMessage(m.receiveCode)}
        name="channel"
        options={attempt.channels.map((c) => ({
          label: intl.formatMessage(c.channel === 'email' ? m.byEmail : m.bySms, { masked: c.masked }),
          nativeInputProps: { value: c.channel, checked: channel === c.channel, onChange: () => setChannel(c.channel) },
        }))}
      />
      <Button type="submit" disabled={busy}>
        {intl.formatMessage(m.receiveCode)}
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
  const intl = useIntl();
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
      <StepHeading>{intl.formatMessage(m.codeHeading)}</StepHeading>
      <p role="status">{intl.formatMessage(m.codeSent, { channel: sentTo.channel, masked: sentTo.masked })}</p>
      <FormError error={error} />
      <Input
        label={intl.formatMessage(m.codeLabel)}
        hintText={intl.formatMessage(m.codeHint)}
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
            {intl.formatMessage(m.signIn)}
          </Button>
        </li>
        <li>
          <Button priority="secondary" type="button" onClick={over ? onRestart : onResend}>
            {intl.formatMessage(over ? m.restart : m.newCode)}
          </Button>
        </li>
      </ul>
    </form>
  );
}

/** « Se connecter avec une clé d'accès » (after a first login, a key registered in « Paramètres »). */
function PasskeySignIn() {
  const intl = useIntl();
  const { busy, error, run } = useAction();
  const navigate = useNavigate();
  const go = async () => {
    const r = await run(() => signInWithPasskey(intl));
    if (r) await navigate('/accueil');
  };
  return (
    <div className={fr.cx('fr-mt-4w')}>
      <FormError error={error} />
      <Button type="button" priority="secondary" iconId="fr-icon-fingerprint-line" onClick={go} disabled={busy}>
        {intl.formatMessage(m.passkey)}
      </Button>
    </div>
  );
}
