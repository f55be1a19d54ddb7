import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Page } from '../../components/Page';
import { identityApi } from './identity.api';
import { BirthDateField, fieldState, FormError, Notice, useAction } from '../../components/forms';

/** R1.4: « je demande la génération d'un nouveau code. Il sera envoyé par mail ou par SMS. » */
export function NewCodePage() {
  const [form, setForm] = useState({ nir: '', birthDate: '', channel: 'email' as 'email' | 'sms' });
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => identityApi.newCode(form));
    if (r) setDone(r.message);
  };
  return (
    <Page
      title="Demander un nouveau code provisoire"
      lead="Le nouveau code remplace l'ancien, qui ne fonctionnera plus."
    >
      {done ? (
        <>
          <Notice>{done}</Notice>
          <Button linkProps={{ to: '/activation' }}>Activer Mon espace santé</Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormError error={error} />
          <Input
            label="Numéro de sécurité sociale"
            hintText="15 chiffres"
            {...fieldState(field('body.nir'))}
            nativeInputProps={{
              value: form.nir,
              onChange: (e) => setForm({ ...form, nir: e.target.value }),
              inputMode: 'numeric',
              required: true,
            }}
          />
          <BirthDateField
            id="new-code-birth-date"
            legend="Date de naissance"
            onChange={(birthDate) => setForm((f) => ({ ...f, birthDate }))}
            error={field('body.birthDate')}
          />
          <RadioButtons
            legend="Recevoir le nouveau code"
            name="channel"
            options={[
              {
                label: "Par e-mail, à l'adresse connue de l'Assurance Maladie",
                nativeInputProps: {
                  value: 'email',
                  checked: form.channel === 'email',
                  onChange: () => setForm({ ...form, channel: 'email' }),
                },
              },
              {
                label: 'Par SMS, au numéro connu de l\u2019Assurance Maladie',
                nativeInputProps: {
                  value: 'sms',
                  checked: form.channel === 'sms',
                  onChange: () => setForm({ ...form, channel: 'sms' }),
                },
              },
            ]}
          />
          <Button type="submit" disabled={busy}>
            Recevoir un nouveau code
          </Button>
          <p className="fr-mt-3w">
            <Link to="/activation">Retour à l'activation</Link>
          </p>
        </form>
      )}
    </Page>
  );
}
