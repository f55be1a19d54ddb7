import { useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Page } from '../../components/Page';
import { FormError, fieldState, useAction } from '../../components/forms';
import { shownError, useInvalidate } from '../../query';
import { proApi, proKeys, useFhirClients, type FhirClient } from './pro.api';

const dateTimeFr = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * « Logiciels connectés (API FHIR) »: the professional registers the software of their practice (a name and
 * its public key, JWK), gets its identifiant client, lists and revokes them (docs/fhir.md).
 */
export function ProSoftwarePage() {
  const list = useFhirClients();
  const clients = list.data?.clients;
  const [created, setCreated] = useState<FhirClient | null>(null);
  const revoke = useAction();
  const invalidate = useInvalidate();
  const load = () => invalidate(proKeys.fhirClients);
  const onRevoke = async (c: FhirClient) => {
    if (!window.confirm(`Révoquer « ${c.name} » ? Ce logiciel ne pourra plus accéder à l'API.`)) return;
    if (await revoke.run(() => proApi.revokeFhirClient(c.clientId))) await load();
  };
  return (
    <Page
      title="Logiciels connectés (API FHIR)"
      lead="Enregistrez ici le logiciel de votre cabinet pour qu'il consulte et dépose des documents par l'API FHIR, avec vos droits : ceux que chaque patient vous donne."
    >
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
          title="Logiciel enregistré"
          description={
            <>
              Identifiant client à saisir dans le logiciel : <code>{created.clientId}</code>
            </>
          }
        />
      )}
      <h2 className={fr.cx('fr-h4', 'fr-mt-6w')}>Vos logiciels</h2>
      <FormError error={revoke.error ?? shownError(list.error)} />
      {!clients ? (
        <p>Chargement…</p>
      ) : clients.length === 0 ? (
        <p>Aucun logiciel enregistré.</p>
      ) : (
        // A list rather than a table: at 320 px a table scrolls sideways, a list wraps.
        <ul className={fr.cx('fr-raw-list')} aria-label="Vos logiciels">
          {clients.map((c) => (
            <li key={c.clientId} className={fr.cx('fr-mb-3w', 'fr-pb-2w')} style={{ borderBottom: '1px solid #ddd' }}>
              <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>{c.name}</h3>
              <p className={fr.cx('fr-mb-1w')}>
                Identifiant client : <code style={{ overflowWrap: 'anywhere' }}>{c.clientId}</code>
              </p>
              <p className={fr.cx('fr-mb-1w', 'fr-text--sm')}>Enregistré le {dateTimeFr(c.createdAt)}</p>
              {c.revokedAt ? (
                <p className={fr.cx('fr-text--sm')}>
                  <span className={fr.cx('fr-badge', 'fr-badge--sm')}>Révoqué le {dateTimeFr(c.revokedAt)}</span>
                </p>
              ) : (
                <Button size="small" priority="secondary" disabled={revoke.busy} onClick={() => void onRevoke(c)}>
                  Révoquer<span className={fr.cx('fr-sr-only')}> {c.name}</span>
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
        Enregistrer un logiciel
      </h2>
      <FormError error={error} />
      <Input
        label="Nom du logiciel"
        hintText="Par exemple : logiciel du cabinet, poste de l'accueil"
        {...fieldState(field('body.name'))}
        nativeInputProps={{ ref: nameRef, value: name, onChange: (e) => setName(e.target.value), maxLength: 100 }}
      />
      <Input
        label="Clé publique du logiciel (JWK)"
        hintText="Le texte JSON de la clé publique que votre logiciel affiche ou fournit : RSA (RS384) ou EC P-384 (ES384). Ne collez jamais la clé privée."
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
        Enregistrer le logiciel
      </Button>
    </form>
  );
}
