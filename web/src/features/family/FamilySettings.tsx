import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useActiveProfile } from '../../components/ActiveProfile';
import { BirthDateField, fieldState, FormError, Notice, useAction } from '../../components/forms';
import {
  day,
  familyApi,
  familyKeys,
  useCaregivers,
  useInvitations,
  useRepresentatives,
  type Invitation,
} from './family.api';
import { shownError, useInvalidate } from '../../query';

const repStatus = {
  waiting: ['En attente', 'info'],
  validated: ['Validé', 'success'],
  refused: ['Refusé', 'error'],
  cancelled: ['Annulé', 'warning'],
} as const;
const careStatus = {
  pending: ['En attente', 'info'],
  accepted: ['Acceptée', 'success'],
  refused: ['Refusée', 'error'],
  expired: ['Expirée', 'warning'],
  ended: ['Terminée', 'new'],
} as const;

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
  return (
    <>
      <Input
        label="Nom"
        {...fieldState(field('body.lastName'))}
        nativeInputProps={{
          value: value.lastName,
          onChange: (e) => onChange({ lastName: e.target.value }),
          autoComplete: 'off',
          maxLength: 100,
        }}
      />
      <Input
        label="Prénom"
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
        legend="Date de naissance"
        onChange={(birthDate) => onChange({ birthDate })}
        error={field('body.birthDate')}
      />
    </>
  );
}

/** « Paramètres » of a child: share the profile with the second legal representative (R4.3). */
export function SecondRepresentativeSection({ profileId }: { profileId: string }) {
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
    if (!window.confirm('Retirer votre accès à ce profil ? Vous ne pourrez plus le consulter.')) return;
    const ok = await share.run(async () => {
      await familyApi.withdraw(profileId);
      return true;
    });
    if (ok) await refresh();
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="second-rep-title">
      <h2 id="second-rep-title" className={fr.cx('fr-h4')}>
        Représentants légaux
      </h2>
      <FormError error={shownError(load.error)} />
      {data && (
        <ul>
          {data.representatives.map((r, i) => (
            <li key={i}>
              {r.firstName} {r.lastName}
              {r.me && ' (vous)'}
            </li>
          ))}
        </ul>
      )}
      {data && data.invitations.length > 0 && (
        <>
          <h3 className={fr.cx('fr-h6')}>Invitations envoyées</h3>
          <ul>
            {data.invitations.map((i) => (
              <li key={i.id} className={fr.cx('fr-mb-1w')}>
                {i.firstName} {i.lastName}, né(e) le {day(i.birthDate)} — invitation du{' '}
                {new Date(i.createdAt).toLocaleDateString('fr-FR')}{' '}
                <Badge severity={repStatus[i.status][1]} small noIcon>
                  {repStatus[i.status][0]}
                </Badge>
              </li>
            ))}
          </ul>
        </>
      )}
      {data && data.representatives.length >= 2 ? (
        // A child has two legal representatives at most: once both are there, nothing more to share.
        <p>Le profil est partagé avec les deux représentants légaux. Il n'y a plus d'invitation à envoyer.</p>
      ) : (
        <>
          <h3 className={fr.cx('fr-h6')}>Je partage le profil de mon enfant mineur</h3>
          <p>
            Je renseigne le nom, prénom et date de naissance du second représentant légal. Il verra l'invitation en se
            connectant à son propre compte, et pourra l'accepter ou la refuser.
          </p>
          <form key={formKey} onSubmit={submit} noValidate>
            <FormError error={share.error} />
            {sent && <Notice>L'invitation a été envoyée. Son statut s'affiche ci-dessus.</Notice>}
            <IdentityFields
              idPrefix="second-rep"
              value={form}
              onChange={(v) => setForm((f) => ({ ...f, ...v }))}
              field={share.field}
            />
            <Checkbox
              options={[
                {
                  label: 'Je déclare que la personne désignée est bien le représentant légal de mon enfant mineur.',
                  nativeInputProps: { checked: certified, onChange: (e) => setCertified(e.target.checked) },
                },
              ]}
            />
            <Button type="submit" disabled={share.busy || !certified}>
              Partager
            </Button>
          </form>
        </>
      )}
      <Button className={fr.cx('fr-mt-4w')} priority="tertiary" iconId="fr-icon-logout-box-r-line" onClick={withdraw}>
        Retirer mon accès à ce profil
      </Button>
    </section>
  );
}

/** « Paramètres » → my caregivers (R5): invite by identity with an end date; see statuses; end. */
export function CaregiversSection({ profileId }: { profileId: string }) {
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
    if (!window.confirm("Mettre fin à cette aide ? L'aidant n'aura plus accès à votre espace.")) return;
    await act.run(() => familyApi.endCaregiving(id));
    await reload();
  };
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="caregivers-title">
      <h2 id="caregivers-title" className={fr.cx('fr-h4')}>
        Mes aidants
      </h2>
      <p>
        Un aidant peut consulter et compléter votre profil médical et vos documents, et utiliser la messagerie. Il ne
        peut ni gérer les accès, ni modifier vos coordonnées, ni clôturer ou télécharger votre espace. 3 aidants au
        plus.
      </p>
      <FormError error={shownError(load.error)} />
      {list && list.length > 0 && (
        <ul>
          {list.map((c) => (
            <li key={c.id} className={fr.cx('fr-mb-2w')}>
              {c.firstName} {c.lastName}, jusqu'au {day(c.endsOn)}{' '}
              <Badge severity={careStatus[c.status][1]} small noIcon>
                {careStatus[c.status][0]}
              </Badge>
              {(c.status === 'pending' || c.status === 'accepted') && (
                <Button className={fr.cx('fr-ml-2w')} size="small" priority="secondary" onClick={() => end(c.id)}>
                  Mettre fin à l'aide de {c.firstName}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 className={fr.cx('fr-h6')}>Inviter un aidant</h3>
      <form key={formKey} onSubmit={submit} noValidate>
        <FormError error={act.error} />
        {sent && <Notice>L'invitation a été envoyée. L'aidant la verra en se connectant à son compte.</Notice>}
        <IdentityFields
          idPrefix="caregiver"
          value={form}
          onChange={(v) => setForm((f) => ({ ...f, ...v }))}
          field={act.field}
        />
        <BirthDateField
          id="caregiver-ends"
          legend="Fin de l'aide"
          onChange={(endsOn) => setForm((f) => ({ ...f, endsOn }))}
          error={act.field('body.endsOn')}
        />
        <Button type="submit" disabled={act.busy}>
          Inviter
        </Button>
      </form>
    </section>
  );
}

/** Invitations addressed to me (second representative, caregiver), and the people I help. */
export function InvitationsSection() {
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
    if (!window.confirm('Arrêter d’aider cette personne ?')) return;
    await run(() => familyApi.endCaregiving(id));
    await reload();
    await refresh();
  };
  if (!data) return <FormError error={error} />;
  return (
    <section className={fr.cx('fr-mb-6w')} aria-labelledby="invitations-title" id="invitations">
      <h2 id="invitations-title" className={fr.cx('fr-h4')}>
        Invitations reçues
      </h2>
      <FormError error={error} />
      {data.invitations.length === 0 && <p>Aucune invitation en attente.</p>}
      <ul className={fr.cx('fr-raw-list')}>
        {data.invitations.map((i) => (
          <li key={i.id} className={fr.cx('fr-mb-3w')}>
            <p className={fr.cx('fr-mb-1w')}>
              {i.kind === 'representative'
                ? `${i.from} vous invite à partager le profil de ${i.about}, en tant que représentant légal.`
                : `${i.from} vous invite à devenir son aidant, jusqu'au ${day(i.endsOn!)}.`}
            </p>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
              <li>
                <Button size="small" onClick={() => answer(i, true)}>
                  Accepter
                </Button>
              </li>
              <li>
                <Button size="small" priority="secondary" onClick={() => answer(i, false)}>
                  Refuser
                </Button>
              </li>
            </ul>
          </li>
        ))}
      </ul>
      {data.helping.length > 0 && (
        <>
          <h3 className={fr.cx('fr-h6')}>Les personnes que j'aide</h3>
          <ul>
            {data.helping.map((h) => (
              <li key={h.id}>
                {h.firstName} {h.lastName}, jusqu'au {day(h.endsOn)}{' '}
                <Button size="small" priority="tertiary" onClick={() => end(h.id)}>
                  Arrêter d'aider {h.firstName}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
