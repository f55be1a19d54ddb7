import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Page } from '../../components/Page';
import { FormError, fieldState, useAction } from '../../components/forms';
import { shownError, useInvalidate } from '../../query';
import { defineMessages } from '../../i18n/messages';
import { proApi, proKeys, useFhirClients, type FhirClient } from './pro.api';

const m = defineMessages({
  confirmRevoke: {
    id: 'pro.software.confirmRevoke',
    defaultMessage: "Révoquer « {name} » ? Ce logiciel ne pourra plus accéder à l'API.",
  },
  title: { id: 'pro.software.title', defaultMessage: 'Logiciels connectés (API FHIR)' },
  lead: {
    id: 'pro.software.lead',
    defaultMessage:
      "Enregistrez ici le logiciel de votre cabinet pour qu'il consulte et dépose des documents par l'API FHIR, avec vos droits : ceux que chaque patient vous donne.",
  },
  registered: { id: 'pro.software.registered', defaultMessage: 'Logiciel enregistré' },
  createdClientId: {
    id: 'pro.software.createdClientId',
    defaultMessage: 'Identifiant client à saisir dans le logiciel : <code>{clientId}</code>',
  },
  yours: { id: 'pro.software.yours', defaultMessage: 'Vos logiciels' },
  loading: { id: 'pro.software.loading', defaultMessage: 'Chargement…' },
  none: { id: 'pro.software.none', defaultMessage: 'Aucun logiciel enregistré.' },
  clientId: { id: 'pro.software.clientId', defaultMessage: 'Identifiant client : <code>{clientId}</code>' },
  createdAt: { id: 'pro.software.createdAt', defaultMessage: 'Enregistré le {date}' },
  revokedAt: { id: 'pro.software.revokedAt', defaultMessage: 'Révoqué le {date}' },
  revoke: { id: 'pro.software.revoke', defaultMessage: 'Révoquer<sr> {name}</sr>' },
  registerHeading: { id: 'pro.software.registerHeading', defaultMessage: 'Enregistrer un logiciel' },
  softwareName: { id: 'pro.software.name', defaultMessage: 'Nom du logiciel' },
  nameHint: { id: 'pro.software.nameHint', defaultMessage: "Par exemple : logiciel du cabinet, poste de l'accueil" },
  jwk: { id: 'pro.software.jwk', defaultMessage: 'Clé publique du logiciel (JWK)' },
  jwkHint: {
    id: 'pro.software.jwkHint',
    defaultMessage:
      'Le texte JSON de la clé publique que votre logiciel affiche ou fournit : RSA (RS384) ou EC P-384 (ES384). Ne collez jamais la clé privée.',
  },
  register: { id: 'pro.software.register', defaultMessage: 'Enregistrer le logiciel' },
});

const dateTime = { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' } as const;
const code = (chunks: ReactNode[]) => <code>{chunks}</code>;
const wrappedCode = (chunks: ReactNode[]) => <code style={{ overflowWrap: 'anywhere' }}>{chunks}</code>;
const sr = (chunks: ReactNode[]) => <span className={fr.cx('fr-sr-only')}>{chunks}</span>;

/**
 * « Logiciels connectés (API FHIR) »: the professional registers the software of their practice (a name and
 * its public key, JWK), gets its identifiant client, lists and revokes them (docs/fhir.md).
 */
export function ProSoftwarePage() {
  const intl = useIntl();
  const list = useFhirClients();
  const clients = list.data?.clients;
  const [created, setCreated] = useState<FhirClient | null>(null);
  const revoke = useAction();
  const invalidate = useInvalidate();
  const load = () => invalidate(proKeys.fhirClients);
  const onRevoke = async (c: FhirClient) => {
    if (!window.confirm(intl.formatMessage(m.confirmRevoke, { name: c.name }))) return;
    if (await revoke.run(() => proApi.revokeFhirClient(c.clientId))) await load();
  };
  return (
    <Page title={intl.formatMessage(m.title)} lead={intl.formatMessage(m.lead)}>
      <RegisterForm
        onCreated={(c) => {
          setCreated(c);
          void load();
        }}
      />
      {created && (
        <Alert
          className={fr.cx('fr-my-3w')}
          severity="success"
          title={intl.formatMessage(m.registered)}
          description={<FormattedMessage {...m.createdClientId} values={{ clientId: created.clientId, code }} />}
        />
      )}
      <h2 className={fr.cx('fr-h4', 'fr-mt-6w')}>{intl.formatMessage(m.yours)}</h2>
      <FormError error={revoke.error ?? shownError(list.error)} />
      {!clients ? (
        <p>{intl.formatMessage(m.loading)}</p>
      ) : clients.length === 0 ? (
        <p>{intl.formatMessage(m.none)}</p>
      ) : (
        // A list rather than a table: at 320 px a table scrolls sideways, a list wraps.
        <ul className={fr.cx('fr-raw-list')} aria-label={intl.formatMessage(m.yours)}>
          {clients.map((c) => (
            <li key={c.clientId} className={fr.cx('fr-mb-3w', 'fr-pb-2w')} style={{ borderBottom: '1px solid #ddd' }}>
              <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>{c.name}</h3>
              <p className={fr.cx('fr-mb-1w')}>
                <FormattedMessage {...m.clientId} values={{ clientId: c.clientId, code: wrappedCode }} />
              </p>
              <p className={fr.cx('fr-mb-1w', 'fr-text--sm')}>
                {intl.formatMessage(m.createdAt, { date: intl.formatDate(c.createdAt, dateTime) })}
              </p>
              {c.revokedAt ? (
                <p className={fr.cx('fr-text--sm')}>
                  <span className={fr.cx('fr-badge', 'fr-badge--sm')}>
                    {intl.formatMessage(m.revokedAt, { date: intl.formatDate(c.revokedAt, dateTime) })}
                  </span>
                </p>
              ) : (
                <Button size="small" priority="secondary" disabled={revoke.busy} onClick={() => void onRevoke(c)}>
                  <FormattedMessage {...m.revoke} values={{ name: c.name, sr }} />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** Name + public JWK → a new client. */
function RegisterForm({ onCreated }: { onCreated: (c: FhirClient) => void }) {
  const intl = useIntl();
  const [name, setName] = useState('');
  const [jwk, setJwk] = useState('');
  const { busy, error, run, field } = useAction();
  const nameRef = useRef<HTMLInputElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => proApi.registerFhirClient({ name, jwk }));
    if (r) {
      setName('');
      setJwk('');
      onCreated(r.client);
      nameRef.current?.focus();
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="enregistrer-titre">
      <h2 id="enregistrer-titre" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.registerHeading)}
      </h2>
      <FormError error={error} />
      <Input
        label={intl.formatMessage(m.softwareName)}
        hintText={intl.formatMessage(m.nameHint)}
        {...fieldState(field('body.name'))}
        nativeInputProps={{ ref: nameRef, value: name, onChange: (e) => setName(e.target.value), maxLength: 100 }}
      />
      <Input
        label={intl.formatMessage(m.jwk)}
        hintText={intl.formatMessage(m.jwkHint)}
        textArea
        {...fieldState(field('body.jwk'))}
        nativeTextAreaProps={{
          value: jwk,
          onChange: (e) => setJwk(e.target.value),
          rows: 6,
          spellCheck: false,
          autoComplete: 'off',
        }}
      />
      <Button type="submit" disabled={busy}>
        {intl.formatMessage(m.register)}
      </Button>
    </form>
  );
}
