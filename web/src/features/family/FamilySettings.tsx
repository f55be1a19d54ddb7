import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { useActiveProfile } from '../../components/ActiveProfile';
import { BirthDateField, fieldState, FormError, Notice, useAction } from '../../components/forms';
import {
  familyApi,
  familyKeys,
  useCaregivers,
  useInvitations,
  useRepresentatives,
  type Invitation,
} from './family.api';
import { shownError, useInvalidate } from '../../query';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  repWaiting: { id: 'family.representatives.waiting', defaultMessage: 'En attente' },
  repValidated: { id: 'family.representatives.validated', defaultMessage: 'Validé' },
  repRefused: { id: 'family.representatives.refused', defaultMessage: 'Refusé' },
  repCancelled: { id: 'family.representatives.cancelled', defaultMessage: 'Annulé' },
  carePending: { id: 'family.caregivers.pending', defaultMessage: 'En attente' },
  careAccepted: { id: 'family.caregivers.accepted', defaultMessage: 'Acceptée' },
  careRefused: { id: 'family.caregivers.refused', defaultMessage: 'Refusée' },
  careExpired: { id: 'family.caregivers.expired', defaultMessage: 'Expirée' },
  careEnded: { id: 'family.caregivers.ended', defaultMessage: 'Terminée' },
  lastName: { id: 'family.identity.lastName', defaultMessage: 'Nom' },
  firstName: { id: 'family.identity.firstName', defaultMessage: 'Prénom' },
  birthDate: { id: 'family.identity.birthDate', defaultMessage: 'Date de naissance' },
  withdrawConfirm: {
    id: 'family.representatives.withdrawConfirm',
    defaultMessage: 'Retirer votre accès à ce profil ? Vous ne pourrez plus le consulter.',
  },
  repTitle: { id: 'family.representatives.title', defaultMessage: 'Représentants légaux' },
  representative: { id: 'family.representatives.person', defaultMessage: '{firstName} {lastName}' },
  representativeMe: { id: 'family.representatives.me', defaultMessage: '{firstName} {lastName} (vous)' },
  sentTitle: { id: 'family.representatives.sentTitle', defaultMessage: 'Invitations envoyées' },
  sentLine: {
    id: 'family.representatives.sentLine',
    defaultMessage: '{firstName} {lastName}, né(e) le {birthDate} — invitation du {sentOn}',
  },
  bothShared: {
    id: 'family.representatives.bothShared',
    defaultMessage: "Le profil est partagé avec les deux représentants légaux. Il n'y a plus d'invitation à envoyer.",
  },
  shareTitle: { id: 'family.representatives.shareTitle', defaultMessage: 'Je partage le profil de mon enfant mineur' },
  shareIntro: {
    id: 'family.representatives.shareIntro',
    defaultMessage:
      "Je renseigne le nom, prénom et date de naissance du second représentant légal. Il verra l'invitation en se connectant à son propre compte, et pourra l'accepter ou la refuser.",
  },
  repSent: {
    id: 'family.representatives.sent',
    defaultMessage: "L'invitation a été envoyée. Son statut s'affiche ci-dessus.",
  },
  repCertify: {
    id: 'family.representatives.certify',
    defaultMessage: 'Je déclare que la personne désignée est bien le représentant légal de mon enfant mineur.',
  },
  shareButton: { id: 'family.representatives.shareButton', defaultMessage: 'Partager' },
  withdraw: { id: 'family.representatives.withdraw', defaultMessage: 'Retirer mon accès à ce profil' },
  endConfirm: {
    id: 'family.caregivers.endConfirm',
    defaultMessage: "Mettre fin à cette aide ? L'aidant n'aura plus accès à votre espace.",
  },
  careTitle: { id: 'family.caregivers.title', defaultMessage: 'Mes aidants' },
  careIntro: {
    id: 'family.caregivers.intro',
    defaultMessage:
      'Un aidant peut consulter et compléter votre profil médical et vos documents, et utiliser la messagerie. Il ne peut ni gérer les accès, ni modifier vos coordonnées, ni clôturer ou télécharger votre espace. 3 aidants au plus.',
  },
  careLine: { id: 'family.caregivers.line', defaultMessage: "{firstName} {lastName}, jusqu'au {endsOn}" },
  endButton: { id: 'family.caregivers.endButton', defaultMessage: "Mettre fin à l'aide de {firstName}" },
  inviteTitle: { id: 'family.caregivers.inviteTitle', defaultMessage: 'Inviter un aidant' },
  careSent: {
    id: 'family.caregivers.sent',
    defaultMessage: "L'invitation a été envoyée. L'aidant la verra en se connectant à son compte.",
  },
  endsOn: { id: 'family.caregivers.endsOn', defaultMessage: "Fin de l'aide" },
  inviteButton: { id: 'family.caregivers.inviteButton', defaultMessage: 'Inviter' },
  stopConfirm: { id: 'family.invitations.stopConfirm', defaultMessage: 'Arrêter d’aider cette personne ?' },
  receivedTitle: { id: 'family.invitations.title', defaultMessage: 'Invitations reçues' },
  noneWaiting: { id: 'family.invitations.none', defaultMessage: 'Aucune invitation en attente.' },
  fromRepresentative: {
    id: 'family.invitations.fromRepresentative',
    defaultMessage: '{from} vous invite à partager le profil de {about}, en tant que représentant légal.',
  },
  fromCaregiver: {
    id: 'family.invitations.fromCaregiver',
    defaultMessage: "{from} vous invite à devenir son aidant, jusqu'au {endsOn}.",
  },
  acceptButton: { id: 'family.invitations.accept', defaultMessage: 'Accepter' },
  refuse: { id: 'family.invitations.refuse', defaultMessage: 'Refuser' },
  helpingTitle: { id: 'family.invitations.helpingTitle', defaultMessage: "Les personnes que j'aide" },
  helpingLine: { id: 'family.invitations.helpingLine', defaultMessage: "{firstName} {lastName}, jusqu'au {endsOn}" },
  stopButton: { id: 'family.invitations.stopButton', defaultMessage: "Arrêter d'aider {firstName}" },
});

const repStatus = {
  waiting: [m.repWaiting, 'info'],
  validated: [m.repValidated, 'success'],
  refused: [m.repRefused, 'error'],
  cancelled: [m.repCancelled, 'warning'],
} as const;
const careStatus = {
  pending: [m.carePending, 'info'],
  accepted: [m.careAccepted, 'success'],
  refused: [m.careRefused, 'error'],
  expired: [m.careExpired, 'warning'],
  ended: [m.careEnded, 'new'],
} as const;
/** A help that can still be ended: invited and not answered yet, or accepted. */
const ongoing = (status: keyof typeof careStatus) => status === 'pending' || status === 'accepted';

/** A calendar day as people read it: « 30 juin 2027 » (read at noon UTC, the same day everywhere). */
const day = (intl: IntlShape, iso: string) =>
  intl.formatDate(`${iso}T12:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric' });

/** Name, first name and birth date of the person invited, as in R4.3 and R5. */
function IdentityFields({
  idPrefix,
  value,
  onChange,
  field,
}: {
  idPrefix: string;
  value: { lastName: string; firstName: string };
  onChange: (v: { lastName?: string; firstName?: string; birthDate?: string }) => void;
  field: (p: string) => string | undefined;
}) {
  const intl = useIntl();
  return (
    <>
      <Input
        label={intl.formatMessage(m.lastName)}
        {...fieldState(field('body.lastName'))}
        nativeInputProps={{
          value: value.lastName,
          onChange: (e) => onChange({ lastName: e.target.value }),
          autoComplete: 'off',
          maxLength: 100,
        }}
      />
      <Input
        label={intl.formatMessage(m.firstName)}
        {...fieldState(field('body.firstName'))}
        nativeInputProps={{
          value: value.firstName,
          onChange: (e) => onChange({ firstName: e.target.value }),
          autoComplete: 'off',
          maxLength: 100,
        }}
      />
      <BirthDateField
        id={`${idPrefix}-birth`}
        legend={intl.formatMessage(m.birthDate)}
        onChange={(birthDate) => onChange({ birthDate })}
        error={field('body.birthDate')}
      />
    </>
  );
}

/** « Paramètres » of a child: share the profile with the second legal representative (R4.3). */
export function SecondRepresentativeSection({ profileId }: { profileId: string }) {
  const intl = useIntl();
  const { refresh } = useActiveProfile();
  const load = useRepresentatives(profileId);
  const data = load.data;
  const invalidate = useInvalidate();
  const reload = () => invalidate(familyKeys.representatives(profileId));
  const [form, setForm] = useState({ lastName: '', firstName: '', birthDate: '' });
  const [certified, setCertified] = useState(false);
  const [sent, setSent] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const share = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const r = await share.run(() => familyApi.inviteRepresentative(profileId, { ...form, certified }));
    if (r) {
      setSent(true);
      setCertified(false);
      setForm({ lastName: '', firstName: '', birthDate: '' });
      setFormKey((k) => k + 1);
      await reload();
    }
  };
  const withdraw = async () => {
    if (!window.confirm(intl.formatMessage(m.withdrawConfirm))) return;
    const ok = await share.run(async () => {
      await familyApi.withdraw(profileId);
      return true;
    });
    if (ok) await refresh();
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="second-rep-title">
      <h2 id="second-rep-title" className={fr.cx('fr-h4')}>
        <FormattedMessage {...m.repTitle} />
      </h2>
      <FormError error={shownError(load.error)} />
      {data && (
        <ul>
          {data.representatives.map((r, i) => (
            <li key={i}>
              <FormattedMessage
                {...(r.me ? m.representativeMe : m.representative)}
                values={{ firstName: r.firstName, lastName: r.lastName }}
              />
            </li>
          ))}
        </ul>
      )}
      {data && data.invitations.length > 0 && (
        <>
          <h3 className={fr.cx('fr-h6')}>
            <FormattedMessage {...m.sentTitle} />
          </h3>
          <ul>
            {data.invitations.map((i) => (
              <li key={i.id} className={fr.cx('fr-mb-1w')}>
                <FormattedMessage
                  {...m.sentLine}
                  values={{
                    firstName: i.firstName,
                    lastName: i.lastName,
                    birthDate: day(intl, i.birthDate),
                    sentOn: intl.formatDate(i.createdAt),
                  }}
                />{' '}
                <Badge severity={repStatus[i.status][1]} small noIcon>
                  <FormattedMessage {...repStatus[i.status][0]} />
                </Badge>
              </li>
            ))}
          </ul>
        </>
      )}
      {data && data.representatives.length >= 2 ? (
        // A child has two legal representatives at most: once both are there, nothing more to share.
        <p>
          <FormattedMessage {...m.bothShared} />
        </p>
      ) : (
        <>
          <h3 className={fr.cx('fr-h6')}>
            <FormattedMessage {...m.shareTitle} />
          </h3>
          <p>
            <FormattedMessage {...m.shareIntro} />
          </p>
          <form key={formKey} onSubmit={submit} noValidate>
            <FormError error={share.error} />
            {sent && (
              <Notice>
                <FormattedMessage {...m.repSent} />
              </Notice>
            )}
            <IdentityFields
              // i18n-exempt: an id prefix, not text
              idPrefix="second-rep"
              value={form}
              onChange={(v) => setForm((f) => ({ ...f, ...v }))}
              field={share.field}
            />
            <Checkbox
              options={[
                {
                  label: intl.formatMessage(m.repCertify),
                  nativeInputProps: { checked: certified, onChange: (e) => setCertified(e.target.checked) },
                },
              ]}
            />
            <Button type="submit" disabled={share.busy || !certified}>
              <FormattedMessage {...m.shareButton} />
            </Button>
          </form>
        </>
      )}
      <Button className={fr.cx('fr-mt-4w')} priority="tertiary" iconId="fr-icon-logout-box-r-line" onClick={withdraw}>
        <FormattedMessage {...m.withdraw} />
      </Button>
    </section>
  );
}

/** « Paramètres » → my caregivers (R5): invite by identity with an end date; see statuses; end. */
export function CaregiversSection({ profileId }: { profileId: string }) {
  const intl = useIntl();
  const load = useCaregivers(profileId);
  const list = load.data?.caregivers;
  const invalidate = useInvalidate();
  const reload = () => invalidate(familyKeys.caregivers(profileId));
  const [form, setForm] = useState({ lastName: '', firstName: '', birthDate: '', endsOn: '' });
  const [sent, setSent] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const act = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const r = await act.run(() => familyApi.inviteCaregiver(profileId, form));
    if (r) {
      setSent(true);
      setForm({ lastName: '', firstName: '', birthDate: '', endsOn: '' });
      setFormKey((k) => k + 1);
      await reload();
    }
  };
  const end = async (id: string) => {
    if (!window.confirm(intl.formatMessage(m.endConfirm))) return;
    await act.run(() => familyApi.endCaregiving(id));
    await reload();
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="caregivers-title">
      <h2 id="caregivers-title" className={fr.cx('fr-h4')}>
        <FormattedMessage {...m.careTitle} />
      </h2>
      <p>
        <FormattedMessage {...m.careIntro} />
      </p>
      <FormError error={shownError(load.error)} />
      {list && list.length > 0 && (
        <ul>
          {list.map((c) => (
            <li key={c.id} className={fr.cx('fr-mb-2w')}>
              <FormattedMessage
                {...m.careLine}
                values={{ firstName: c.firstName, lastName: c.lastName, endsOn: day(intl, c.endsOn) }}
              />{' '}
              <Badge severity={careStatus[c.status][1]} small noIcon>
                <FormattedMessage {...careStatus[c.status][0]} />
              </Badge>
              {ongoing(c.status) && (
                <Button className={fr.cx('fr-ml-2w')} size="small" priority="secondary" onClick={() => end(c.id)}>
                  <FormattedMessage {...m.endButton} values={{ firstName: c.firstName }} />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 className={fr.cx('fr-h6')}>
        <FormattedMessage {...m.inviteTitle} />
      </h3>
      <form key={formKey} onSubmit={submit} noValidate>
        <FormError error={act.error} />
        {sent && (
          <Notice>
            <FormattedMessage {...m.careSent} />
          </Notice>
        )}
        <IdentityFields
          // i18n-exempt: an id prefix, not text
          idPrefix="caregiver"
          value={form}
          onChange={(v) => setForm((f) => ({ ...f, ...v }))}
          field={act.field}
        />
        <BirthDateField
          id="caregiver-ends"
          legend={intl.formatMessage(m.endsOn)}
          onChange={(endsOn) => setForm((f) => ({ ...f, endsOn }))}
          error={act.field('body.endsOn')}
        />
        <Button type="submit" disabled={act.busy}>
          <FormattedMessage {...m.inviteButton} />
        </Button>
      </form>
    </section>
  );
}

/** Invitations addressed to me (second representative, caregiver), and the people I help. */
export function InvitationsSection() {
  const intl = useIntl();
  const { refresh } = useActiveProfile();
  const invitations = useInvitations();
  const data = invitations.data;
  const { error: actionError, run } = useAction();
  const error = actionError ?? shownError(invitations.error);
  const invalidate = useInvalidate();
  // Accepting or ending changes the profiles I may open, and what they show.
  const reload = () => invalidate(familyKeys.account);
  const answer = async (i: Invitation, accept: boolean) => {
    await run(() => familyApi.answer(i.kind, i.id, accept));
    await reload();
    await refresh();
  };
  const end = async (id: string) => {
    if (!window.confirm(intl.formatMessage(m.stopConfirm))) return;
    await run(() => familyApi.endCaregiving(id));
    await reload();
    await refresh();
  };
  if (!data) return <FormError error={error} />;
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="invitations-title" id="invitations">
      <h2 id="invitations-title" className={fr.cx('fr-h4')}>
        <FormattedMessage {...m.receivedTitle} />
      </h2>
      <FormError error={error} />
      {data.invitations.length === 0 && (
        <p>
          <FormattedMessage {...m.noneWaiting} />
        </p>
      )}
      <ul className={fr.cx('fr-raw-list')}>
        {data.invitations.map((i) => (
          <li key={i.id} className={fr.cx('fr-mb-3w')}>
            <p className={fr.cx('fr-mb-1w')}>
              {intl.formatMessage(i.kind === 'representative' ? m.fromRepresentative : m.fromCaregiver, {
                from: i.from,
                about: i.about,
                endsOn: i.endsOn ? day(intl, i.endsOn) : '',
              })}
            </p>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
              <li>
                <Button size="small" onClick={() => answer(i, true)}>
                  <FormattedMessage {...m.acceptButton} />
                </Button>
              </li>
              <li>
                <Button size="small" priority="secondary" onClick={() => answer(i, false)}>
                  <FormattedMessage {...m.refuse} />
                </Button>
              </li>
            </ul>
          </li>
        ))}
      </ul>
      {data.helping.length > 0 && (
        <>
          <h3 className={fr.cx('fr-h6')}>
            <FormattedMessage {...m.helpingTitle} />
          </h3>
          <ul>
            {data.helping.map((h) => (
              <li key={h.id}>
                <FormattedMessage
                  {...m.helpingLine}
                  values={{ firstName: h.firstName, lastName: h.lastName, endsOn: day(intl, h.endsOn) }}
                />{' '}
                <Button size="small" priority="tertiary" onClick={() => end(h.id)}>
                  <FormattedMessage {...m.stopButton} values={{ firstName: h.firstName }} />
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
