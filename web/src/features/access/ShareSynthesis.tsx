import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { synthesisSections, type SynthesisSection } from '../../../../shared/src/medical.js';
import { day, type Pro } from './access.api';

const all = Object.keys(synthesisSections) as SynthesisSection[];

/**
 * « Partager la synthèse » with one authorized professional (R6.5): the sections they will read from their
 * portal (the PDF is made when they open it, from the profile as it is then), changed or stopped at any time.
 */
export function ShareSynthesis({
  pro,
  busy,
  onShare,
}: {
  pro: Pro;
  busy: boolean;
  onShare: (sections: SynthesisSection[] | null) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<SynthesisSection[]>(pro.synthesis?.sections ?? all);
  const legendRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (open) legendRef.current?.focus();
  }, [open]);
  const id = `synthese-${pro.id}`;
  const who = `${pro.firstName} ${pro.lastName}`;
  if (!open)
    return (
      <div className={fr.cx('fr-mt-2w')}>
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          {pro.synthesis
            ? `Synthèse partagée depuis le ${day(pro.synthesis.sharedAt)} : ${pro.synthesis.sections
                .map((s) => synthesisSections[s])
                .join(', ')}.`
            : 'La synthèse de votre profil médical n’est pas partagée avec ce professionnel.'}
        </p>
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
          <Button size="small" priority="secondary" disabled={busy} onClick={() => setOpen(true)}>
            {pro.synthesis ? 'Modifier le partage de la synthèse' : 'Partager la synthèse'}
          </Button>
          {pro.synthesis && (
            <Button size="small" priority="tertiary" disabled={busy} onClick={() => void onShare(null)}>
              Arrêter le partage de la synthèse
            </Button>
          )}
        </div>
      </div>
    );
  return (
    <form
      className={fr.cx('fr-mt-2w')}
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.length) void onShare(chosen).then(() => setOpen(false));
      }}
    >
      <p id={`${id}-title`} ref={legendRef} tabIndex={-1} className={fr.cx('fr-text--bold')}>
        Partager la synthèse avec {who} : il pourra l’ouvrir depuis son espace professionnel, avec les rubriques
        choisies, telles qu’elles seront au moment où il l’ouvrira.
      </p>
      <Checkbox
        legend="Rubriques partagées"
        small
        options={all.map((k) => ({
          label: synthesisSections[k],
          nativeInputProps: {
            name: id,
            value: k,
            checked: chosen.includes(k),
            onChange: (e) =>
              setChosen((c) =>
                e.target.checked ? all.filter((x) => x === k || c.includes(x)) : c.filter((x) => x !== k),
              ),
          },
        }))}
      />
      {!chosen.length && <p className={fr.cx('fr-error-text')}>Choisissez au moins une rubrique.</p>}
      <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
        <Button size="small" type="submit" disabled={busy || !chosen.length}>
          Partager la synthèse avec {who}
        </Button>
        <Button size="small" priority="secondary" type="button" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
