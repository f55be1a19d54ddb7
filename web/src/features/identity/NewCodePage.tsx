import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useIntl } from 'react-intl';
import { Page } from '../../components/Page';
import { defineMessages } from '../../i18n/messages';
import { identityApi } from './identity.api';
import { BirthDateField, fieldState, FormError, Notice, useAction } from '../../components/forms';

const m = defineMessages({
  title: { id: 'identity.newCode.title', defaultMessage: 'Demander un nouveau code provisoire' },
  lead: { id: 'identity.newCode.lead', defaultMessage: "Le nouveau code remplace l'ancien, qui ne fonctionnera plus." },
  activate: { id: 'identity.newCode.activate', defaultMessage: 'Activer Mon espace santé' },
  nir: { id: 'identity.newCode.nir', defaultMessage: 'Numéro de sécurité sociale' },
  nirHint: { id: 'identity.newCode.nirHint', defaultMessage: '15 chiffres' },
  birthDate: { id: 'identity.newCode.birthDate', defaultMessage: 'Date de naissance' },
  channel: { id: 'identity.newCode.channel', defaultMessage: 'Recevoir le nouveau code' },
  byEmail: { id: 'identity.newCode.byEmail', defaultMessage: "Par e-mail, à l'adresse connue de l'Assurance Maladie" },
  bySms: { id: 'identity.newCode.bySms', defaultMessage: 'Par SMS, au numéro connu de l\u2019Assurance Maladie' },
  submit: { id: 'identity.newCode.submit', defaultMessage: 'Recevoir un nouveau code' },
  back: { id: 'identity.newCode.back', defaultMessage: "Retour à l'activation" },
});

/** R1.4: « je demande la génération d'un nouveau code. Il sera envoyé par mail ou par SMS. » */
export function NewCodePage() {
  const intl = useIntl();
  const [form, setForm] = useState({ nir: '', birthDate: '', channel: 'email' as 'email' | 'sms' });
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run, field } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => identityApi.newCode(form));
    if (r) setDone(r.message);
  };
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      {done ? (
        <>
          <Notice>{done}</Notice>
          <Button linkProps={{ to: '/activation' }}>{intl.formatMessage(m.activate)}</Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormError error={error} />
          <Input
            label={intl.formatMessage(m.nir)}
            hintText={intl.formatMessage(m.nirHint)}
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
            legend={intl.formatMessage(m.birthDate)}
            onChange={(birthDate) => setForm((f) => ({ ...f, birthDate }))}
            error={field('body.birthDate')}
          />
          <RadioButtons
            legend={intl.formatMessage(m.channel)}
            name="channel"
            options={[
              {
                label: intl.formatMessage(m.byEmail),
                nativeInputProps: {
                  value: 'email',
                  checked: form.channel === 'email',
                  onChange: () => setForm({ ...form, channel: 'email' }),
                },
              },
              {
                label: intl.formatMessage(m.bySms),
                nativeInputProps: {
                  value: 'sms',
                  checked: form.channel === 'sms',
                  onChange: () => setForm({ ...form, channel: 'sms' }),
                },
              },
            ]}
          />
          <Button type="submit" disabled={busy}>
            {intl.formatMessage(m.submit)}
          </Button>
          <p className="fr-mt-3w">
            <Link to="/activation">{intl.formatMessage(m.back)}</Link>
          </p>
        </form>
      )}
    </Page>
  );
}
