import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { synthesisSections, type SynthesisSection } from '../../../../shared/src/medical.js';
import { dayFormat, type Pro } from './access.api';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  shared: {
    id: 'access.shareSynthesis.shared',
    defaultMessage: 'Synthèse partagée depuis le {date} : {sections}.',
  },
  notShared: {
    id: 'access.shareSynthesis.notShared',
    defaultMessage: 'La synthèse de votre profil médical n’est pas partagée avec ce professionnel.',
  },
  change: { id: 'access.shareSynthesis.change', defaultMessage: 'Modifier le partage de la synthèse' },
  share: { id: 'access.shareSynthesis.share', defaultMessage: 'Partager la synthèse' },
  stop: { id: 'access.shareSynthesis.stop', defaultMessage: 'Arrêter le partage de la synthèse' },
  formTitle: {
    id: 'access.shareSynthesis.formTitle',
    defaultMessage:
      'Partager la synthèse avec {who} : il pourra l’ouvrir depuis son espace professionnel, avec les rubriques choisies, telles qu’elles seront au moment où il l’ouvrira.',
  },
  sectionsLegend: { id: 'access.shareSynthesis.sectionsLegend', defaultMessage: 'Rubriques partagées' },
  chooseOne: { id: 'access.shareSynthesis.chooseOne', defaultMessage: 'Choisissez au moins une rubrique.' },
  submit: { id: 'access.shareSynthesis.submit', defaultMessage: 'Partager la synthèse avec {who}' },
  cancel: { id: 'access.shareSynthesis.cancel', defaultMessage: 'Annuler' },
});

/** The sections' names, as `synthesisSections` (shared/src/medical.ts) writes them in French. */
const sectionNames = defineMessages({
  conditions: { id: 'access.shareSynthesis.section.conditions', defaultMessage: 'Maladies et sujets de santé' },
  treatments: { id: 'access.shareSynthesis.section.treatments', defaultMessage: 'Traitements' },
  allergies: { id: 'access.shareSynthesis.section.allergies', defaultMessage: 'Allergies' },
  vaccinations: { id: 'access.shareSynthesis.section.vaccinations', defaultMessage: 'Vaccinations' },
  measures: { id: 'access.shareSynthesis.section.measures', defaultMessage: 'Mesures de santé' },
  contacts: { id: 'access.shareSynthesis.section.contacts', defaultMessage: 'Entourage' },
  wishes: { id: 'access.shareSynthesis.section.wishes', defaultMessage: 'Volontés' },
  care: { id: 'access.shareSynthesis.section.care', defaultMessage: 'Historique de soins' },
}) satisfies Record<SynthesisSection, Message>;

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
  const intl = useIntl();
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
            ? intl.formatMessage(m.shared, {
                date: intl.formatDate(pro.synthesis.sharedAt, dayFormat),
                sections: pro.synthesis.sections.map((s) => intl.formatMessage(sectionNames[s])).join(', '),
              })
            : intl.formatMessage(m.notShared)}
        </p>
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
          <Button size="small" priority="secondary" disabled={busy} onClick={() => setOpen(true)}>
            {intl.formatMessage(pro.synthesis ? m.change : m.share)}
          </Button>
          {pro.synthesis && (
            <Button size="small" priority="tertiary" disabled={busy} onClick={() => void onShare(null)}>
              {intl.formatMessage(m.stop)}
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
        {intl.formatMessage(m.formTitle, { who })}
      </p>
      <Checkbox
        legend={intl.formatMessage(m.sectionsLegend)}
        small
        options={all.map((k) => ({
          label: intl.formatMessage(sectionNames[k]),
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
      {!chosen.length && <p className={fr.cx('fr-error-text')}>{intl.formatMessage(m.chooseOne)}</p>}
      <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
        <Button size="small" type="submit" disabled={busy || !chosen.length}>
          {intl.formatMessage(m.submit, { who })}
        </Button>
        <Button size="small" priority="secondary" type="button" onClick={() => setOpen(false)}>
          {intl.formatMessage(m.cancel)}
        </Button>
      </div>
    </form>
  );
}
