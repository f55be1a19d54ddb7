import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { BirthDateField, FormError, fieldState, useAction } from '../../components/forms';
import { proApi, type Found } from './pro.api';
import { useProfessional } from './ProLayout';
import { PatientPanel } from './PatientPanel';

/** The portal's home: find one patient by INS traits, then work on their space. */
export function ProPortalPage() {
  const me = useProfessional();
  const [found, setFound] = useState<Found | null>(null);
  return (
    <Page
      title="Espace professionnel"
      heading="Espace professionnel"
      lead={`${me.firstName} ${me.lastName} — ${me.professionLabel}${me.regulator ? ', régulation SAMU (centre 15)' : ''}`}
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
  const [by, setBy] = useState<'nir' | 'traits'>('nir');
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
        Rechercher un patient
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Avec ses traits d'identité INS : seule une correspondance exacte est acceptée, jamais une liste.
      </p>
      <FormError error={error} />
      <RadioButtons
        legend="Rechercher avec"
        orientation="horizontal"
        options={[
          {
            label: 'Le NIR et la date de naissance',
            nativeInputProps: { checked: by === 'nir', onChange: () => setBy('nir') },
          },
          {
            label: 'Les noms, la date de naissance et le sexe',
            nativeInputProps: { checked: by === 'traits', onChange: () => setBy('traits') },
          },
        ]}
      />
      {by === 'nir' ? (
        <Input
          label="NIR (numéro de sécurité sociale, 15 caractères)"
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
            label="Nom de naissance"
            {...fieldState(field('body.birthName'))}
            nativeInputProps={{ value: birthName, onChange: (e) => setBirthName(e.target.value), autoComplete: 'off' }}
          />
          <Input
            label="Premier prénom de naissance"
            {...fieldState(field('body.firstName'))}
            nativeInputProps={{ value: firstName, onChange: (e) => setFirstName(e.target.value), autoComplete: 'off' }}
          />
          <RadioButtons
            legend="Sexe"
            orientation="horizontal"
            options={[
              { label: 'Féminin', nativeInputProps: { checked: sex === 'F', onChange: () => setSex('F') } },
              { label: 'Masculin', nativeInputProps: { checked: sex === 'M', onChange: () => setSex('M') } },
            ]}
          />
        </>
      )}
      <BirthDateField
        key={by}
        id="naissance"
        legend="Date de naissance"
        onChange={setBirthDate}
        error={field('body.birthDate')}
      />
      <Button type="submit" disabled={busy || !birthDate || (by === 'nir' ? !nir : !birthName || !firstName || !sex)}>
        Rechercher
      </Button>
    </form>
  );
}
