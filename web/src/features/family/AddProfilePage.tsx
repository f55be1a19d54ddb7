import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { BirthDateField, fieldState, FormError, Notice, useAction } from '../../components/forms';
import { day, familyApi, familyKeys, useAttachable } from './family.api';
import { shownError, useInvalidate } from '../../query';

const CERTIFY = 'Je certifie être le représentant légal du ou des profils sélectionnés.';

/** Profile menu → « Ajouter un profil » (R4.1, R4.2): the minors attached to me, or a child's own code. */
export function AddProfilePage() {
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
      setDone(
        r.added > 1
          ? `${r.added} profils ont été ajoutés. Choisissez-les dans le menu de profil pour agir en leur nom.`
          : 'Le profil a été ajouté. Choisissez-le dans le menu de profil pour agir en son nom.',
      );
      void invalidate(familyKeys.attachable);
      setSelected([]);
      setCertified(false);
    }
  };

  return (
    <Page
      title="Ajouter un ou plusieurs profils"
      lead="Activez Mon espace santé pour vos enfants mineurs et gérez leur profil depuis votre compte."
    >
      {done && <Notice>{done}</Notice>}
      <FormError error={shownError(list.error)} />
      {children && children.length > 0 && (
        <form onSubmit={submit} noValidate className={fr.cx('fr-mb-6w')}>
          <FormError error={add.error} />
          <Checkbox
            legend="Le ou les profils suivants me sont rattachés, j'ai la possibilité d'activer Mon espace santé pour chacun de ces profils."
            hintText="Je sélectionne le ou les profils que je souhaite ajouter."
            options={children.map((c) => ({
              label: `${c.firstName} ${c.lastName}`,
              hintText: `Né(e) le ${day(c.birthDate)}`,
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
                label: CERTIFY,
                nativeInputProps: { checked: certified, onChange: (e) => setCertified(e.target.checked) },
              },
            ]}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button type="submit" disabled={add.busy || !selected.length || !certified}>
                Ajouter
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => navigate('/accueil')}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}
      {children && children.length === 0 && (
        <p>
          Aucun autre profil d'enfant n'est rattaché à votre numéro de sécurité sociale. Si votre enfant a reçu son
          propre code provisoire, ajoutez son profil ci-dessous.
        </p>
      )}
      <ByCode
        onAdded={async (name) => {
          await refresh();
          setDone(`Le profil de ${name} a été ajouté. Choisissez-le dans le menu de profil pour agir en son nom.`);
        }}
      />
    </Page>
  );
}

/** R4.2: a child not listed, added with the child's own provisional code. */
function ByCode({ onAdded }: { onAdded: (firstName: string) => Promise<void> }) {
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
        Votre enfant n'apparaît pas dans la liste ?
      </h2>
      <p>Ajoutez son profil avec le code provisoire reçu pour lui, par courrier ou par e-mail.</p>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Input
          label="Code provisoire de l'enfant"
          {...fieldState(field('body.code'))}
          nativeInputProps={{
            value: form.code,
            onChange: (e) => setForm((f) => ({ ...f, code: e.target.value })),
            autoComplete: 'off',
            maxLength: 40,
          }}
        />
        <Input
          label="Numéro de sécurité sociale de l'enfant"
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
          legend="Date de naissance de l'enfant"
          onChange={(birthDate) => setForm((f) => ({ ...f, birthDate }))}
          error={field('body.birthDate')}
        />
        <Checkbox
          options={[
            {
              label: 'Je certifie être le représentant légal de cet enfant.',
              nativeInputProps: { checked: certified, onChange: (e) => setCertified(e.target.checked) },
            },
          ]}
        />
        <Button type="submit" disabled={busy || !certified}>
          Ajouter ce profil
        </Button>
      </form>
    </section>
  );
}
