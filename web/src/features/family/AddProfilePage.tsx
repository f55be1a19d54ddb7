import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { BirthDateField, fieldState, FormError, Notice, useAction } from '../../components/forms';
import { familyApi, familyKeys, useAttachable } from './family.api';
import { shownError, useInvalidate } from '../../query';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  added: {
    id: 'family.addProfile.added',
    defaultMessage:
      '{count, plural, one {Le profil a été ajouté. Choisissez-le dans le menu de profil pour agir en son nom.} other {# profils ont été ajoutés. Choisissez-les dans le menu de profil pour agir en leur nom.}}',
  },
  addedByCode: {
    id: 'family.addProfile.addedByCode',
    defaultMessage: 'Le profil de {name} a été ajouté. Choisissez-le dans le menu de profil pour agir en son nom.',
  },
  title: { id: 'family.addProfile.title', defaultMessage: 'Ajouter un ou plusieurs profils' },
  lead: {
    id: 'family.addProfile.lead',
    defaultMessage: 'Activez Mon espace santé pour vos enfants mineurs et gérez leur profil depuis votre compte.',
  },
  childrenLegend: {
    id: 'family.addProfile.childrenLegend',
    defaultMessage:
      "Le ou les profils suivants me sont rattachés, j'ai la possibilité d'activer Mon espace santé pour chacun de ces profils.",
  },
  childrenHint: {
    id: 'family.addProfile.childrenHint',
    defaultMessage: 'Je sélectionne le ou les profils que je souhaite ajouter.',
  },
  bornOn: { id: 'family.addProfile.bornOn', defaultMessage: 'Né(e) le {date}' },
  certify: {
    id: 'family.addProfile.certify',
    defaultMessage: 'Je certifie être le représentant légal du ou des profils sélectionnés.',
  },
  add: { id: 'family.addProfile.add', defaultMessage: 'Ajouter' },
  cancel: { id: 'family.addProfile.cancel', defaultMessage: 'Annuler' },
  noChildren: {
    id: 'family.addProfile.noChildren',
    defaultMessage:
      "Aucun autre profil d'enfant n'est rattaché à votre numéro de sécurité sociale. Si votre enfant a reçu son propre code provisoire, ajoutez son profil ci-dessous.",
  },
  byCodeTitle: { id: 'family.addProfile.byCodeTitle', defaultMessage: "Votre enfant n'apparaît pas dans la liste ?" },
  byCodeIntro: {
    id: 'family.addProfile.byCodeIntro',
    defaultMessage: 'Ajoutez son profil avec le code provisoire reçu pour lui, par courrier ou par e-mail.',
  },
  code: { id: 'family.addProfile.code', defaultMessage: "Code provisoire de l'enfant" },
  nir: { id: 'family.addProfile.nir', defaultMessage: "Numéro de sécurité sociale de l'enfant" },
  birthDate: { id: 'family.addProfile.birthDate', defaultMessage: "Date de naissance de l'enfant" },
  certifyChild: {
    id: 'family.addProfile.certifyChild',
    defaultMessage: 'Je certifie être le représentant légal de cet enfant.',
  },
  addThis: { id: 'family.addProfile.addThis', defaultMessage: 'Ajouter ce profil' },
});

/** Profile menu → « Ajouter un profil » (R4.1, R4.2): the minors attached to me, or a child's own code. */
export function AddProfilePage() {
  const intl = useIntl();
  const { refresh } = useActiveProfile();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string[]>([]);
  const [certified, setCertified] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const list = useAttachable();
  const children = list.data?.children;
  const add = useAction();
  const invalidate = useInvalidate();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await add.run(() => familyApi.addChildren(selected, certified));
    if (r) {
      await refresh();
      setDone(intl.formatMessage(m.added, { count: r.added }));
      void invalidate(familyKeys.attachable);
      setSelected([]);
      setCertified(false);
    }
  };

  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      {done && <Notice>{done}</Notice>}
      <FormError error={shownError(list.error)} />
      {children && children.length > 0 && (
        <form onSubmit={submit} noValidate className={fr.cx('fr-mb-6w')}>
          <FormError error={add.error} />
          <Checkbox
            legend={intl.formatMessage(m.childrenLegend)}
            hintText={intl.formatMessage(m.childrenHint)}
            options={children.map((c) => ({
              label: `${c.firstName} ${c.lastName}`,
              // A calendar day, read at noon UTC so that it is the same day everywhere: « 30 juin 2027 ».
              hintText: intl.formatMessage(m.bornOn, {
                date: intl.formatDate(`${c.birthDate}T12:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric' }),
              }),
              nativeInputProps: {
                value: c.id,
                checked: selected.includes(c.id),
                onChange: (e) => setSelected((s) => (e.target.checked ? [...s, c.id] : s.filter((x) => x !== c.id))),
              },
            }))}
          />
          <Checkbox
            options={[
              {
                label: intl.formatMessage(m.certify),
                nativeInputProps: { checked: certified, onChange: (e) => setCertified(e.target.checked) },
              },
            ]}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button type="submit" disabled={add.busy || !selected.length || !certified}>
                <FormattedMessage {...m.add} />
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => navigate('/accueil')}>
                <FormattedMessage {...m.cancel} />
              </Button>
            </li>
          </ul>
        </form>
      )}
      {children && children.length === 0 && (
        <p>
          <FormattedMessage {...m.noChildren} />
        </p>
      )}
      <ByCode
        onAdded={async (name) => {
          await refresh();
          setDone(intl.formatMessage(m.addedByCode, { name }));
        }}
      />
    </Page>
  );
}

/** R4.2: a child not listed, added with the child's own provisional code. */
function ByCode({ onAdded }: { onAdded: (firstName: string) => Promise<void> }) {
  const intl = useIntl();
  const [form, setForm] = useState({ code: '', nir: '', birthDate: '' });
  const [certified, setCertified] = useState(false);
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => familyApi.addChildByCode({ ...form, certified }));
    if (r) {
      setForm({ code: '', nir: '', birthDate: '' });
      setCertified(false);
      await onAdded(r.firstName);
    }
  };
  return (
    <section aria-labelledby="by-code-title">
      <h2 id="by-code-title" className={fr.cx('fr-h4')}>
        <FormattedMessage {...m.byCodeTitle} />
      </h2>
      <p>
        <FormattedMessage {...m.byCodeIntro} />
      </p>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Input
          label={intl.formatMessage(m.code)}
          {...fieldState(field('body.code'))}
          nativeInputProps={{
            value: form.code,
            onChange: (e) => setForm((f) => ({ ...f, code: e.target.value })),
            autoComplete: 'off',
            maxLength: 40,
          }}
        />
        <Input
          label={intl.formatMessage(m.nir)}
          {...fieldState(field('body.nir'))}
          nativeInputProps={{
            value: form.nir,
            onChange: (e) => setForm((f) => ({ ...f, nir: e.target.value })),
            inputMode: 'numeric',
            maxLength: 30,
          }}
        />
        <BirthDateField
          id="child-birth-date"
          legend={intl.formatMessage(m.birthDate)}
          onChange={(birthDate) => setForm((f) => ({ ...f, birthDate }))}
          error={field('body.birthDate')}
        />
        <Checkbox
          options={[
            {
              label: intl.formatMessage(m.certifyChild),
              nativeInputProps: { checked: certified, onChange: (e) => setCertified(e.target.checked) },
            },
          ]}
        />
        <Button type="submit" disabled={busy || !certified}>
          <FormattedMessage {...m.addThis} />
        </Button>
      </form>
    </section>
  );
}
