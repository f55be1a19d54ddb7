import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { BirthDateField, FormError, fieldState, useAction } from '../../components/forms';
import { defineMessages } from '../../i18n/messages';
import { proApi, type Found } from './pro.api';
import { useProfessional } from './ProLayout';
import { PatientPanel } from './PatientPanel';

const m = defineMessages({
  title: { id: 'pro.portal.title', defaultMessage: 'Espace professionnel' },
  lead: { id: 'pro.portal.lead', defaultMessage: '{firstName} {lastName} — {profession}' },
  leadRegulator: {
    id: 'pro.portal.leadRegulator',
    defaultMessage: '{firstName} {lastName} — {profession}, régulation SAMU (centre 15)',
  },
  searchHeading: { id: 'pro.portal.searchHeading', defaultMessage: 'Rechercher un patient' },
  searchIntro: {
    id: 'pro.portal.searchIntro',
    defaultMessage: "Avec ses traits d'identité INS : seule une correspondance exacte est acceptée, jamais une liste.",
  },
  searchBy: { id: 'pro.portal.searchBy', defaultMessage: 'Rechercher avec' },
  byNir: { id: 'pro.portal.byNir', defaultMessage: 'Le NIR et la date de naissance' },
  byTraits: { id: 'pro.portal.byTraits', defaultMessage: 'Les noms, la date de naissance et le sexe' },
  nir: { id: 'pro.portal.nir', defaultMessage: 'NIR (numéro de sécurité sociale, 15 caractères)' },
  birthName: { id: 'pro.portal.birthName', defaultMessage: 'Nom de naissance' },
  firstName: { id: 'pro.portal.firstName', defaultMessage: 'Premier prénom de naissance' },
  sex: { id: 'pro.portal.sex', defaultMessage: 'Sexe' },
  female: { id: 'pro.portal.female', defaultMessage: 'Féminin' },
  male: { id: 'pro.portal.male', defaultMessage: 'Masculin' },
  birthDate: { id: 'pro.portal.birthDate', defaultMessage: 'Date de naissance' },
  search: { id: 'pro.portal.search', defaultMessage: 'Rechercher' },
});

/** The portal's home: find one patient by INS traits, then work on their space. */
export function ProPortalPage() {
  const intl = useIntl();
  const me = useProfessional();
  const [found, setFound] = useState<Found | null>(null);
  return (
    <Page
      title={intl.formatMessage(m.title)}
      heading={intl.formatMessage(m.title)}
      lead={intl.formatMessage(me.regulator ? m.leadRegulator : m.lead, {
        firstName: me.firstName,
        lastName: me.lastName,
        profession: me.professionLabel,
      })}
    >
      {found ? (
        <PatientPanel found={found} onChange={setFound} onClose={() => setFound(null)} />
      ) : (
        <PatientSearch onFound={setFound} />
      )}
    </Page>
  );
}

/**
 * « Rechercher un patient »: NIR + birth date, or birth name + first name + birth date + sex; one exact match or none.
 */
function PatientSearch({ onFound }: { onFound: (f: Found) => void }) {
  const intl = useIntl();
  const [by, setBy] = useState<'nir' | 'traits'>('nir');
  const byNir = by === 'nir';
  const [nir, setNir] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [birthName, setBirthName] = useState('');
  const [firstName, setFirstName] = useState('');
  const [sex, setSex] = useState<'M' | 'F' | ''>('');
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body =
      by === 'nir'
        ? { nir: nir.replace(/\s/g, ''), birthDate }
        : { birthName, firstName, birthDate, sex: (sex || 'F') as 'M' | 'F' };
    const f = await run(() => proApi.find(body));
    if (f) onFound(f);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="recherche-titre">
      <h2 id="recherche-titre" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.searchHeading)}
      </h2>
      <p className={fr.cx('fr-text--sm')}>{intl.formatMessage(m.searchIntro)}</p>
      <FormError error={error} />
      <RadioButtons
        legend={intl.formatMessage(m.searchBy)}
        orientation="horizontal"
        options={[
          {
            label: intl.formatMessage(m.byNir),
            nativeInputProps: { checked: by === 'nir', onChange: () => setBy('nir') },
          },
          {
            label: intl.formatMessage(m.byTraits),
            nativeInputProps: { checked: by === 'traits', onChange: () => setBy('traits') },
          },
        ]}
      />
      {byNir ? (
        <Input
          label={intl.formatMessage(m.nir)}
          {...fieldState(field('body.nir'))}
          nativeInputProps={{
            value: nir,
            onChange: (e) => setNir(e.target.value),
            inputMode: 'numeric',
            autoComplete: 'off',
            maxLength: 21,
          }}
        />
      ) : (
        <>
          <Input
            label={intl.formatMessage(m.birthName)}
            {...fieldState(field('body.birthName'))}
            nativeInputProps={{ value: birthName, onChange: (e) => setBirthName(e.target.value), autoComplete: 'off' }}
          />
          <Input
            label={intl.formatMessage(m.firstName)}
            {...fieldState(field('body.firstName'))}
            nativeInputProps={{ value: firstName, onChange: (e) => setFirstName(e.target.value), autoComplete: 'off' }}
          />
          <RadioButtons
            legend={intl.formatMessage(m.sex)}
            orientation="horizontal"
            options={[
              {
                label: intl.formatMessage(m.female),
                nativeInputProps: { checked: sex === 'F', onChange: () => setSex('F') },
              },
              {
                label: intl.formatMessage(m.male),
                nativeInputProps: { checked: sex === 'M', onChange: () => setSex('M') },
              },
            ]}
          />
        </>
      )}
      <BirthDateField
        key={by}
        id="naissance"
        legend={intl.formatMessage(m.birthDate)}
        onChange={setBirthDate}
        error={field('body.birthDate')}
      />
      <Button type="submit" disabled={busy || !birthDate || (byNir ? !nir : !birthName || !firstName || !sex)}>
        {intl.formatMessage(m.search)}
      </Button>
    </form>
  );
}
