import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { donationStances, type WishesView } from '../../../../shared/src/medical.js';
import { frenchDay } from '../../../../shared/src/medical-format.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, fieldState, useAction } from '../../components/forms';
import { medicalApi, useWishes, useWishesSaved } from './medical.api';
import { shownError } from '../../query';
import { ItemSection } from './ItemSection';
import { BackHome } from './BackHome';

/** « Entourage et volontés »: contacts, advance directives (adults only), organ and tissue donation. */
export function WishesPage() {
  const { profile } = useActiveProfile();
  const { data: w, error } = useWishes(profile.id);
  const setW = useWishesSaved(profile.id);
  return (
    <Page
      title="Entourage et volontés"
      lead="Les personnes à prévenir, vos directives anticipées et votre position sur le don d'organes."
    >
      <BackHome />
      <FormError error={shownError(error)} />
      <ItemSection kind="contacts" />
      {w && w.directivesAllowed && <Directives wishes={w} onSaved={setW} />}
      {w && !w.directivesAllowed && (
        <section aria-labelledby="directives" className={fr.cx('fr-mb-6w')}>
          <h2 id="directives" className={fr.cx('fr-h4')}>
            Directives anticipées
          </h2>
          <p>Les directives anticipées ne peuvent être rédigées que par une personne majeure.</p>
        </section>
      )}
      {w && <Donation wishes={w} onSaved={setW} />}
    </Page>
  );
}

function Directives({ wishes, onSaved }: { wishes: WishesView; onSaved(w: WishesView): void }) {
  const { profile } = useActiveProfile();
  const [text, setText] = useState(wishes.directives ?? '');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run, field } = useAction();
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await run(() => medicalApi.saveWishes(profile.id, { directives: text }));
    if (r) {
      onSaved(r);
      setEditing(false);
      setNotice('Vos directives anticipées sont enregistrées.');
    }
  };
  return (
    <section aria-labelledby="directives" className={fr.cx('fr-mb-6w')}>
      <h2 id="directives" className={fr.cx('fr-h4')}>
        Directives anticipées
      </h2>
      <Accordion label="En savoir plus sur les directives anticipées">
        <p>
          Toute personne majeure peut rédiger des directives anticipées : elles disent ses volontés sur les soins en fin
          de vie (poursuivre, limiter, arrêter ou refuser des traitements) pour le cas où elle ne pourrait plus les
          exprimer. Elles s'imposent au médecin, sauf urgence vitale ou si elles sont manifestement inappropriées. Elles
          peuvent être modifiées ou annulées à tout moment (code de la santé publique, art. L. 1111-11).
        </p>
        <p>
          Vous pouvez aussi les écrire sur papier, les signer et les ajouter comme fichier dans{' '}
          <Link to="/documents">vos documents</Link>, catégorie « Directives anticipées ».
        </p>
      </Accordion>
      {notice && <Notice>{notice}</Notice>}
      {!editing && (
        <>
          <p className={fr.cx('fr-mt-2w')}>
            {wishes.directives
              ? `Rédigées, mises à jour le ${frenchDay(wishes.directivesUpdatedAt)}.`
              : "Vous n'avez pas encore rédigé de directives anticipées."}
          </p>
          {wishes.directives && <blockquote className="carnet-medical-form">{wishes.directives}</blockquote>}
          <Button
            iconId="fr-icon-edit-line"
            priority="secondary"
            onClick={() => {
              setNotice(null);
              setEditing(true);
            }}
          >
            {wishes.directives ? 'Je modifie mes directives anticipées' : "J'ajoute des directives anticipées"}
          </Button>
        </>
      )}
      {editing && (
        <form onSubmit={save} className="carnet-medical-form" aria-label="Directives anticipées">
          <FormError error={error} />
          <Input
            label="Mes directives anticipées"
            hintText="Vos volontés sur les traitements et les soins en fin de vie."
            textArea
            {...fieldState(field('body.directives'))}
            nativeTextAreaProps={{ value: text, onChange: (e) => setText(e.target.value), rows: 6, autoFocus: true }}
          />
          <div className="carnet-inline-buttons">
            <Button type="submit" disabled={busy}>
              Enregistrer
            </Button>
            <Button type="button" priority="secondary" onClick={() => setEditing(false)}>
              Annuler
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function Donation({ wishes, onSaved }: { wishes: WishesView; onSaved(w: WishesView): void }) {
  const { profile } = useActiveProfile();
  const [stance, setStance] = useState(wishes.donationStance ?? '');
  const [note, setNote] = useState(wishes.donationNote ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await run(() =>
      medicalApi.saveWishes(profile.id, {
        donationStance: (stance || null) as WishesView['donationStance'],
        donationNote: note,
      }),
    );
    if (r) {
      onSaved(r);
      setNotice("Votre position sur le don d'organes est enregistrée.");
    }
  };
  return (
    <section aria-labelledby="don" className={fr.cx('fr-mb-6w')}>
      <h2 id="don" className={fr.cx('fr-h4')}>
        Don d'organes et de tissus
      </h2>
      <Accordion label="En savoir plus sur le don d'organes et de tissus">
        <p>
          En France, chacun est présumé donneur après sa mort, sauf s'il a exprimé son refus. Le moyen principal de
          refuser est l'inscription au registre national des refus, géré par l'Agence de la biomédecine ; on peut aussi
          confier sa décision par écrit ou oralement à ses proches. Indiquer ici votre position aide vos proches à la
          faire connaître (loi du 26 janvier 2016).
        </p>
      </Accordion>
      {notice && <Notice>{notice}</Notice>}
      <form onSubmit={save} aria-label="Ma position sur le don d'organes" className="carnet-medical-form">
        <FormError error={error} />
        <RadioButtons
          legend="Ma position"
          name="donation"
          options={Object.entries(donationStances).map(([k, label]) => ({
            label,
            nativeInputProps: { value: k, checked: stance === k, onChange: () => setStance(k) },
          }))}
        />
        <Input
          label="Précisions (facultatif)"
          textArea
          nativeTextAreaProps={{ value: note, onChange: (e) => setNote(e.target.value), rows: 2 }}
        />
        <Button type="submit" disabled={busy}>
          Enregistrer ma position
        </Button>
      </form>
    </section>
  );
}
