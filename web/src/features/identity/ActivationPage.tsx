import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page';
import { usePublicHeader } from '../../components/PublicLayout';
import { downloadOppositionProof, identityApi, identityApiMessages, type Identified } from './identity.api';
import { BirthDateField, fieldState, FormError, Notice, StepHeading, useAction } from '../../components/forms';
import { NewPasswordField } from './NewPasswordField';
import { defineMessages, type Message } from '../../i18n/messages';

type Step = 'intro' | 'identify' | 'choice' | 'oppose' | 'opposed' | 'contacts' | 'credentials' | 'done';

const m = defineMessages({
  stepIdentify: {
    id: 'identity.activation.step.identify',
    defaultMessage: 'Je saisis les informations de mon courrier et de ma carte Vitale',
  },
  stepChoice: { id: 'identity.activation.step.choice', defaultMessage: "J'active mon compte ou je m'y oppose" },
  stepOppose: { id: 'identity.activation.step.oppose', defaultMessage: "Je m'oppose à la création de mon compte" },
  stepContacts: { id: 'identity.activation.step.contacts', defaultMessage: 'Je vérifie mes coordonnées de contact' },
  stepCredentials: {
    id: 'identity.activation.step.credentials',
    defaultMessage: 'Je choisis mon nouvel identifiant et mon mot de passe',
  },
  title: { id: 'identity.activation.title', defaultMessage: 'Activer Mon espace santé' },
  introLead: {
    id: 'identity.activation.intro.lead',
    defaultMessage: 'Pour activer votre espace, ou vous opposer à sa création, munissez-vous de :',
  },
  introCode: {
    id: 'identity.activation.intro.code',
    defaultMessage: 'votre code provisoire, reçu par courrier ou par e-mail ;',
  },
  introNir: { id: 'identity.activation.intro.nir', defaultMessage: 'votre numéro de sécurité sociale ;' },
  introBirthDate: { id: 'identity.activation.intro.birthDate', defaultMessage: 'votre date de naissance ;' },
  introSerial: {
    id: 'identity.activation.intro.serial',
    defaultMessage: 'le numéro de série de votre carte Vitale.',
  },
  introNoCode: {
    id: 'identity.activation.intro.noCode',
    defaultMessage:
      "Si je n'ai pas de code (oubli, perte…), <a>je demande la génération d'un nouveau code</a>. Il sera envoyé par mail ou par SMS.",
  },
  start: { id: 'identity.activation.intro.start', defaultMessage: 'Commencer' },
  identifyHeading: { id: 'identity.activation.identify.heading', defaultMessage: 'Je saisis mes informations' },
  askNewCode: { id: 'identity.activation.identify.askNewCode', defaultMessage: 'Je demande un nouveau code' },
  code: { id: 'identity.activation.identify.code', defaultMessage: 'Code provisoire' },
  codeHint: {
    id: 'identity.activation.identify.codeHint',
    defaultMessage: 'Reçu par courrier ou par e-mail, par exemple ABCD-EFGH-JKMN',
  },
  nir: { id: 'identity.activation.identify.nir', defaultMessage: 'Numéro de sécurité sociale' },
  nirHint: {
    id: 'identity.activation.identify.nirHint',
    defaultMessage: 'Les 15 chiffres inscrits sur votre carte Vitale',
  },
  birthDate: { id: 'identity.activation.identify.birthDate', defaultMessage: 'Date de naissance' },
  serial: { id: 'identity.activation.identify.serial', defaultMessage: 'Numéro de série de la carte Vitale' },
  serialHint: {
    id: 'identity.activation.identify.serialHint',
    defaultMessage:
      'Carte avec photo : les 11 derniers chiffres du numéro en haut à droite. Carte sans photo : de 8 à 13 chiffres, au dos, en haut à gauche.',
  },
  continue: { id: 'identity.activation.continue', defaultMessage: 'Continuer' },
  noCode: {
    id: 'identity.activation.identify.noCode',
    defaultMessage:
      'Pas de code, ou code perdu ? <a>Demander un nouveau code</a>. En cas de difficulté, appelez le 3422.',
  },
  choiceHeading: {
    id: 'identity.activation.choice.heading',
    defaultMessage: 'Bonjour {firstName}, que souhaitez-vous faire ?',
  },
  choiceClosed: {
    id: 'identity.activation.choice.closed',
    defaultMessage:
      "Votre espace a été clôturé. En l'activant de nouveau, vous retrouverez les données qui y étaient archivées.",
  },
  choiceOpposed: {
    id: 'identity.activation.choice.opposed',
    defaultMessage:
      "Vous vous êtes opposé(e) à la création de votre espace. Vous pouvez changer d'avis et l'activer maintenant.",
  },
  choiceCreated: {
    id: 'identity.activation.choice.created',
    defaultMessage:
      "Le délai d'opposition de 6 semaines est passé : votre espace a été créé. Vous pouvez l'activer ; vous pourrez ensuite demander sa clôture à tout moment.",
  },
  activate: { id: 'identity.activation.choice.activate', defaultMessage: "J'active mon compte" },
  oppose: { id: 'identity.activation.choice.oppose', defaultMessage: "Je m'oppose à la création de mon compte" },
  opposeNoAccess: {
    id: 'identity.activation.oppose.noAccess',
    defaultMessage:
      'Si vous vous opposez, votre espace ne sera pas créé : aucun professionnel de santé ne pourra le consulter ni y déposer de document.',
  },
  opposeFrozen: {
    id: 'identity.activation.oppose.frozen',
    defaultMessage:
      "Votre espace n'est pas supprimé mais gelé : vous pourrez changer d'avis plus tard et l'activer avec un nouveau code provisoire.",
  },
  opposeConfirm: { id: 'identity.activation.oppose.confirm', defaultMessage: 'Je confirme mon opposition' },
  back: { id: 'identity.activation.back', defaultMessage: 'Retour' },
  opposedHeading: { id: 'identity.activation.opposed.heading', defaultMessage: 'Votre opposition est enregistrée' },
  opposedNotice: {
    id: 'identity.activation.opposed.notice',
    defaultMessage:
      'Votre opposition à la création de Mon espace santé a bien été enregistrée le {date}. Référence : {reference}.',
  },
  opposedKeep: {
    id: 'identity.activation.opposed.keep',
    defaultMessage: "Gardez l'attestation d'opposition : elle prouve votre choix.",
  },
  opposedDownload: {
    id: 'identity.activation.opposed.download',
    defaultMessage: "Télécharger l'attestation d'opposition (PDF)",
  },
  opposedHome: { id: 'identity.activation.opposed.home', defaultMessage: "Retour à l'accueil" },
  emailLabel: { id: 'identity.activation.contact.emailLabel', defaultMessage: 'Adresse e-mail' },
  phoneLabel: { id: 'identity.activation.contact.phoneLabel', defaultMessage: 'Numéro de téléphone mobile' },
  emailLegend: { id: 'identity.activation.contact.emailLegend', defaultMessage: 'Mon adresse e-mail' },
  phoneLegend: { id: 'identity.activation.contact.phoneLegend', defaultMessage: 'Mon téléphone mobile' },
  emailConfirmed: {
    id: 'identity.activation.contact.emailConfirmed',
    defaultMessage: 'Adresse e-mail confirmée : {destination}',
  },
  phoneConfirmed: {
    id: 'identity.activation.contact.phoneConfirmed',
    defaultMessage: 'Numéro de téléphone confirmé : {destination}',
  },
  emailHint: { id: 'identity.activation.contact.emailHint', defaultMessage: 'Par exemple : nom@exemple.fr' },
  phoneHint: { id: 'identity.activation.contact.phoneHint', defaultMessage: 'Par exemple : 06 12 34 56 78' },
  newCode: { id: 'identity.activation.contact.newCode', defaultMessage: 'Recevoir un nouveau code' },
  sendCode: { id: 'identity.activation.contact.sendCode', defaultMessage: 'Recevoir un code de confirmation' },
  codeSent: {
    id: 'identity.activation.contact.codeSent',
    defaultMessage: "Un code à 6 chiffres vient d'être envoyé à {destination}. Il est valable 10 minutes.",
  },
  confirmCode: { id: 'identity.activation.contact.code', defaultMessage: 'Code de confirmation' },
  confirmCodeHint: { id: 'identity.activation.contact.codeHint', defaultMessage: '6 chiffres' },
  checkCode: { id: 'identity.activation.contact.check', defaultMessage: 'Valider le code' },
  contactsIntro: {
    id: 'identity.activation.contacts.intro',
    defaultMessage:
      "Confirmez au moins un moyen de vous joindre : vous y recevrez vos codes de connexion et les avis de nouveaux messages. Vous pouvez corriger l'adresse ou le numéro avant de recevoir le code.",
  },
  usernameTaken: {
    id: 'identity.activation.credentials.usernameTaken',
    defaultMessage: 'Cet identifiant est déjà utilisé. Choisissez-en un autre.',
  },
  usernameRule: {
    id: 'identity.activation.credentials.usernameRule',
    defaultMessage: 'De 3 à 64 caractères : lettres sans accent, chiffres, point, tiret ou tiret bas.',
  },
  username: { id: 'identity.activation.credentials.username', defaultMessage: 'Identifiant' },
  usernameAvailable: {
    id: 'identity.activation.credentials.usernameAvailable',
    defaultMessage: 'Cet identifiant est disponible.',
  },
  password: { id: 'identity.activation.credentials.password', defaultMessage: 'Mot de passe' },
  confirmPassword: {
    id: 'identity.activation.credentials.confirmPassword',
    defaultMessage: 'Confirmation du mot de passe',
  },
  mismatch: {
    id: 'identity.activation.credentials.mismatch',
    defaultMessage: 'Les deux mots de passe ne sont pas identiques.',
  },
  activateSpace: { id: 'identity.activation.credentials.submit', defaultMessage: 'Activer mon espace' },
  doneHeading: { id: 'identity.activation.done.heading', defaultMessage: 'Félicitations : mon compte est activé !' },
  doneWelcome: {
    id: 'identity.activation.done.welcome',
    defaultMessage: 'Bienvenue {firstName}. Votre espace santé est prêt.',
  },
  doneDiscover: {
    id: 'identity.activation.done.discover',
    defaultMessage: 'Je commence le parcours de découverte de Mon espace santé',
  },
  doneChildren: {
    id: 'identity.activation.done.children',
    defaultMessage: "J'active le compte Mon espace santé de mes enfants",
  },
  doneFinish: { id: 'identity.activation.done.finish', defaultMessage: 'Terminer mon parcours' },
  contactsNeeded: {
    id: 'identity.activation.contacts.needed',
    defaultMessage: 'Confirmez une adresse e-mail ou un numéro de téléphone pour continuer.',
  },
});

/** What the choice says of the space as it is now. */
const statusText: Partial<Record<Identified['status'], Message>> = {
  closed: m.choiceClosed,
  opposed: m.choiceOpposed,
  created: m.choiceCreated,
};

const steps: Partial<Record<Step, [number, Message, Message | undefined]>> = {
  identify: [1, m.stepIdentify, m.stepChoice],
  choice: [2, m.stepChoice, m.stepContacts],
  oppose: [2, m.stepOppose, undefined],
  contacts: [3, m.stepContacts, m.stepCredentials],
  credentials: [4, m.stepCredentials, undefined],
};

/** « Activer Mon espace santé » (R2): what is needed, identification, activation or opposition. */
export function ActivationPage() {
  const intl = useIntl();
  const [step, setStep] = useState<Step>('intro');
  const [flow, setFlow] = useState<Identified | null>(null);
  const [opposition, setOpposition] = useState<{ reference: string; opposedAt: string } | null>(null);
  const [firstName, setFirstName] = useState('');
  const s = steps[step];
  const at = (name: Step) => step === name;
  return (
    <Page title={intl.formatMessage(m.title)}>
      {s && (
        <Stepper
          currentStep={s[0]}
          stepCount={4}
          title={intl.formatMessage(s[1])}
          nextTitle={s[2] && intl.formatMessage(s[2])}
        />
      )}
      {at('intro') && <Intro onStart={() => setStep('identify')} />}
      {at('identify') && (
        <Identify
          onDone={(f) => {
            setFlow(f);
            setStep('choice');
          }}
        />
      )}
      {at('choice') && flow && (
        <Choice flow={flow} onActivate={() => setStep('contacts')} onOppose={() => setStep('oppose')} />
      )}
      {at('oppose') && flow && (
        <Oppose
          flow={flow}
          onBack={() => setStep('choice')}
          onDone={(o) => {
            setOpposition(o);
            setStep('opposed');
          }}
        />
      )}
      {at('opposed') && flow && opposition && <Opposed flow={flow} opposition={opposition} />}
      {at('contacts') && flow && <Contacts flow={flow} onDone={() => setStep('credentials')} />}
      {at('credentials') && flow && (
        <Credentials
          flow={flow}
          onDone={(name) => {
            setFirstName(name);
            setStep('done');
          }}
        />
      )}
      {at('done') && <Done firstName={firstName} />}
    </Page>
  );
}

function Intro({ onStart }: { onStart: () => void }) {
  const intl = useIntl();
  return (
    <>
      <p className={fr.cx('fr-text--lead')}>{intl.formatMessage(m.introLead)}</p>
      <ul>
        <li>{intl.formatMessage(m.introCode)}</li>
        <li>{intl.formatMessage(m.introNir)}</li>
        <li>{intl.formatMessage(m.introBirthDate)}</li>
        <li>{intl.formatMessage(m.introSerial)}</li>
      </ul>
      <p>
        <FormattedMessage {...m.introNoCode} values={{ a: (c) => <Link to="/activation/nouveau-code">{c}</Link> }} />
      </p>
      <Button onClick={onStart} iconId="fr-icon-arrow-right-line" iconPosition="right">
        {intl.formatMessage(m.start)}
      </Button>
    </>
  );
}

function Identify({ onDone }: { onDone: (f: Identified) => void }) {
  const intl = useIntl();
  const [form, setForm] = useState({ code: '', nir: '', birthDate: '', vitaleSerial: '' });
  const { busy, error, run, field } = useAction();
  const needsNewCode = error?.code === 'OPPOSITION_NEEDS_NEW_CODE';
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const f = await run(() => identityApi.identify(form));
    if (f) onDone(f);
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>{intl.formatMessage(m.identifyHeading)}</StepHeading>
      <FormError error={error} />
      {needsNewCode && (
        <p>
          <Link to="/activation/nouveau-code">{intl.formatMessage(m.askNewCode)}</Link>
        </p>
      )}
      <Input
        label={intl.formatMessage(m.code)}
        hintText={intl.formatMessage(m.codeHint)}
        {...fieldState(field('body.code'))}
        nativeInputProps={{
          value: form.code,
          onChange: set('code'),
          autoComplete: 'one-time-code',
          autoCapitalize: 'characters',
          spellCheck: false,
          required: true,
          maxLength: 40,
        }}
      />
      <Input
        label={intl.formatMessage(m.nir)}
        hintText={intl.formatMessage(m.nirHint)}
        {...fieldState(field('body.nir'))}
        nativeInputProps={{
          value: form.nir,
          onChange: set('nir'),
          inputMode: 'numeric',
          autoComplete: 'off',
          required: true,
          maxLength: 30,
        }}
      />
      <BirthDateField
        id="birth-date"
        legend={intl.formatMessage(m.birthDate)}
        onChange={(birthDate) => setForm((f) => ({ ...f, birthDate }))}
        error={field('body.birthDate')}
      />
      <Input
        label={intl.formatMessage(m.serial)}
        hintText={intl.formatMessage(m.serialHint)}
        {...fieldState(field('body.vitaleSerial'))}
        nativeInputProps={{
          value: form.vitaleSerial,
          onChange: set('vitaleSerial'),
          inputMode: 'numeric',
          autoComplete: 'off',
          required: true,
          maxLength: 20,
        }}
      />
      <Button type="submit" disabled={busy}>
        {intl.formatMessage(m.continue)}
      </Button>
      <p className={fr.cx('fr-mt-3w', 'fr-text--sm')}>
        <FormattedMessage {...m.noCode} values={{ a: (c) => <Link to="/activation/nouveau-code">{c}</Link> }} />
      </p>
    </form>
  );
}

function Choice({ flow, onActivate, onOppose }: { flow: Identified; onActivate: () => void; onOppose: () => void }) {
  const intl = useIntl();
  const about = statusText[flow.status];
  return (
    <>
      <StepHeading>{intl.formatMessage(m.choiceHeading, { firstName: flow.firstName })}</StepHeading>
      {about && <p>{intl.formatMessage(about)}</p>}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button onClick={onActivate}>{intl.formatMessage(m.activate)}</Button>
        </li>
        {flow.canOppose && (
          <li>
            <Button priority="secondary" onClick={onOppose}>
              {intl.formatMessage(m.oppose)}
            </Button>
          </li>
        )}
      </ul>
    </>
  );
}

function Oppose({
  flow,
  onBack,
  onDone,
}: {
  flow: Identified;
  onBack: () => void;
  onDone: (o: { reference: string; opposedAt: string }) => void;
}) {
  const intl = useIntl();
  const { busy, error, run } = useAction();
  const confirm = async () => {
    const o = await run(() => identityApi.oppose(flow.flowId));
    if (o) onDone(o);
  };
  return (
    <>
      <StepHeading>{intl.formatMessage(m.stepOppose)}</StepHeading>
      <FormError error={error} />
      <p>{intl.formatMessage(m.opposeNoAccess)}</p>
      <p>{intl.formatMessage(m.opposeFrozen)}</p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button onClick={confirm} disabled={busy}>
            {intl.formatMessage(m.opposeConfirm)}
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={onBack}>
            {intl.formatMessage(m.back)}
          </Button>
        </li>
      </ul>
    </>
  );
}

function Opposed({ flow, opposition }: { flow: Identified; opposition: { reference: string; opposedAt: string } }) {
  const intl = useIntl();
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <>
      <StepHeading>{intl.formatMessage(m.opposedHeading)}</StepHeading>
      <Notice>
        {intl.formatMessage(m.opposedNotice, {
          date: intl.formatDate(opposition.opposedAt, { day: 'numeric', month: 'long', year: 'numeric' }),
          reference: opposition.reference,
        })}
      </Notice>
      <p>{intl.formatMessage(m.opposedKeep)}</p>
      {failed && (
        <p role="alert" className={fr.cx('fr-error-text')}>
          {failed}
        </p>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button
            iconId="fr-icon-download-line"
            onClick={() =>
              downloadOppositionProof(flow.flowId).catch(() =>
                setFailed(intl.formatMessage(identityApiMessages.proofFailed)),
              )
            }
          >
            {intl.formatMessage(m.opposedDownload)}
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: '/' }}>
            {intl.formatMessage(m.opposedHome)}
          </Button>
        </li>
      </ul>
    </>
  );
}

/** One contact (e-mail or phone) confirmed by a code: edit, receive a code, enter it. */
function ContactCheck({
  flow,
  channel,
  initial,
  verified,
  onVerified,
}: {
  flow: Identified;
  channel: 'email' | 'sms';
  initial: string;
  verified: boolean;
  onVerified: (v: { emailVerified: boolean; phoneVerified: boolean }) => void;
}) {
  const [destination, setDestination] = useState(initial);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const { busy, error, run, field } = useAction();
  const intl = useIntl();
  const email = channel === 'email';
  const send = async () => {
    const r = await run(() => identityApi.sendContactCode(flow.flowId, channel, destination));
    if (r) setSentTo(r.destination);
  };
  const check = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => identityApi.verifyContactCode(flow.flowId, channel, code));
    if (r) onVerified(r);
  };
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-4w')}>
      <legend className={fr.cx('fr-fieldset__legend')}>
        {intl.formatMessage(email ? m.emailLegend : m.phoneLegend)}
      </legend>
      <div className={fr.cx('fr-fieldset__element')}>
        <FormError error={error} />
        {verified ? (
          <Notice>
            {intl.formatMessage(email ? m.emailConfirmed : m.phoneConfirmed, { destination: sentTo ?? destination })}
          </Notice>
        ) : (
          <>
            <Input
              label={intl.formatMessage(email ? m.emailLabel : m.phoneLabel)}
              hintText={intl.formatMessage(email ? m.emailHint : m.phoneHint)}
              {...fieldState(field('body.destination'))}
              nativeInputProps={{
                type: email ? 'email' : 'tel',
                value: destination,
                onChange: (e) => setDestination(e.target.value),
                autoComplete: email ? 'email' : 'tel',
              }}
            />
            <Button priority="secondary" onClick={send} disabled={busy || !destination.trim()}>
              {intl.formatMessage(sentTo ? m.newCode : m.sendCode)}
            </Button>
            {sentTo && (
              <form onSubmit={check} noValidate className={fr.cx('fr-mt-3w')}>
                <p role="status">{intl.formatMessage(m.codeSent, { destination: sentTo })}</p>
                <Input
                  label={intl.formatMessage(m.confirmCode)}
                  hintText={intl.formatMessage(m.confirmCodeHint)}
                  nativeInputProps={{
                    value: code,
                    onChange: (e) => setCode(e.target.value),
                    inputMode: 'numeric',
                    autoComplete: 'one-time-code',
                    maxLength: 10,
                  }}
                />
                <Button type="submit" disabled={busy}>
                  {intl.formatMessage(m.checkCode)}
                </Button>
              </form>
            )}
          </>
        )}
      </div>
    </fieldset>
  );
}

function Contacts({ flow, onDone }: { flow: Identified; onDone: () => void }) {
  const intl = useIntl();
  const [state, setState] = useState({ emailVerified: false, phoneVerified: false });
  return (
    <>
      <StepHeading>{intl.formatMessage(m.stepContacts)}</StepHeading>
      <p>{intl.formatMessage(m.contactsIntro)}</p>
      <ContactCheck
        flow={flow}
        // i18n-exempt: a channel, not text
        channel="email"
        initial={flow.email ?? ''}
        verified={state.emailVerified}
        onVerified={setState}
      />
      <ContactCheck
        flow={flow}
        // i18n-exempt: a channel, not text
        channel="sms"
        initial={flow.phone ?? ''}
        verified={state.phoneVerified}
        onVerified={setState}
      />
      <Button
        onClick={onDone}
        disabled={!state.emailVerified && !state.phoneVerified}
        iconId="fr-icon-arrow-right-line"
        iconPosition="right"
      >
        {intl.formatMessage(m.continue)}
      </Button>
      {!state.emailVerified && !state.phoneVerified && (
        <p className={fr.cx('fr-hint-text', 'fr-mt-1w')}>{intl.formatMessage(m.contactsNeeded)}</p>
      )}
    </>
  );
}

function Credentials({ flow, onDone }: { flow: Identified; onDone: (firstName: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [availability, setAvailability] = useState<{ available: boolean; reason: 'format' | 'taken' | null } | null>(
    null,
  );
  const intl = useIntl();
  const { busy, error, run, field } = useAction();
  const userInputs = useMemo(
    () => [username, flow.firstName, flow.lastName, ...flow.firstNames.split(' ')],
    [username, flow],
  );
  useEffect(() => {
    if (username.length < 3) {
      setAvailability(null);
      return;
    }
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      identityApi.usernameAvailable(username, ctrl.signal).then(setAvailability, () => {});
    }, 300);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [username]);
  const mismatch = confirm.length > 0 && confirm !== password;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    const r = await run(() => identityApi.finish({ flowId: flow.flowId, username, password }));
    if (r) onDone(r.firstName);
  };
  const usernameMessage =
    field('body.username') ??
    (availability?.reason === 'taken'
      ? intl.formatMessage(m.usernameTaken)
      : availability?.reason === 'format'
        ? intl.formatMessage(m.usernameRule)
        : undefined);
  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>{intl.formatMessage(m.stepCredentials)}</StepHeading>
      <FormError error={error} />
      <Input
        label={intl.formatMessage(m.username)}
        hintText={intl.formatMessage(m.usernameRule)}
        {...(usernameMessage
          ? fieldState(usernameMessage)
          : availability?.available
            ? { state: 'success' as const, stateRelatedMessage: intl.formatMessage(m.usernameAvailable) }
            : {})}
        nativeInputProps={{
          value: username,
          onChange: (e) => setUsername(e.target.value.trim()),
          autoComplete: 'username',
          maxLength: 64,
          required: true,
          spellCheck: false,
          autoCapitalize: 'none',
        }}
      />
      <NewPasswordField
        id="new-password"
        label={intl.formatMessage(m.password)}
        value={password}
        onChange={setPassword}
        userInputs={userInputs}
        serverError={field('body.password')}
      />
      <Input
        label={intl.formatMessage(m.confirmPassword)}
        {...fieldState(mismatch ? intl.formatMessage(m.mismatch) : undefined)}
        nativeInputProps={{
          type: 'password',
          value: confirm,
          onChange: (e) => setConfirm(e.target.value),
          autoComplete: 'new-password',
          maxLength: 128,
          required: true,
        }}
      />
      <Button type="submit" disabled={busy || !username || !password || confirm !== password}>
        {intl.formatMessage(m.activateSpace)}
      </Button>
    </form>
  );
}

function Done({ firstName }: { firstName: string }) {
  const intl = useIntl();
  const { setSignedIn } = usePublicHeader();
  // Activation opened a session: « Connexion » in the header would send the person back to a login.
  useEffect(() => {
    setSignedIn(true);
    return () => setSignedIn(false);
  }, [setSignedIn]);
  return (
    <>
      <StepHeading>{intl.formatMessage(m.doneHeading)}</StepHeading>
      <p>{intl.formatMessage(m.doneWelcome, { firstName })}</p>
      <ul className={fr.cx('fr-btns-group')}>
        <li>
          <Button linkProps={{ to: '/decouverte' }}>{intl.formatMessage(m.doneDiscover)}</Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ to: '/profils/ajouter' }}>
            {intl.formatMessage(m.doneChildren)}
          </Button>
        </li>
        <li>
          <Button priority="tertiary" linkProps={{ to: '/accueil' }}>
            {intl.formatMessage(m.doneFinish)}
          </Button>
        </li>
      </ul>
    </>
  );
}
