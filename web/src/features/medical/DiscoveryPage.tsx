import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { itemKinds, type ItemKind } from '../../../../shared/src/medical.js';
import { measureKinds } from '../../../../shared/src/measures.js';
import { Page } from '../../components/Page';
import { Notice, StepHeading } from '../../components/forms';
import { ItemForm } from './ItemSection';
import { MeasureForm } from './MeasureForm';
import './medical.css';

type Step = { measure: 'weight' | 'height' } | { item: Exclude<ItemKind, 'vaccinations' | 'contacts'> };
const steps: Step[] = [
  { measure: 'weight' },
  { measure: 'height' },
  { item: 'conditions' },
  { item: 'treatments' },
  { item: 'allergies' },
];
const title = (s: Step) =>
  'measure' in s
    ? `Mon ${measureKinds[s.measure].label.toLowerCase()}`
    : `Mes ${itemKinds[s.item].section.toLowerCase()}`;

/**
 * The discovery journey right after activation (issue 5 § 6): weight, height, conditions, treatments,
 * allergies, one step each, every step skippable; what is entered lands in the medical profile.
 */
export function DiscoveryPage() {
  const [index, setIndex] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const next = (message: string | null) => {
    setSaved(message);
    setIndex((i) => i + 1);
  };
  const step = steps[index];
  return (
    <Page
      title="Je découvre Mon espace santé"
      lead="Quelques informations pour compléter votre profil médical. Chaque étape peut être passée."
    >
      {step ? (
        <>
          <Stepper
            currentStep={index + 1}
            stepCount={steps.length}
            title={title(step)}
            nextTitle={steps[index + 1] ? title(steps[index + 1]!) : undefined}
          />
          {saved && <Notice>{saved}</Notice>}
          {'measure' in step ? (
            <MeasureForm
              key={index}
              kind={step.measure}
              showDate={false}
              submitLabel="Enregistrer et continuer"
              onSaved={() =>
                next(`${measureKinds[step.measure].label} enregistré${step.measure === 'height' ? 'e' : ''}.`)
              }
            />
          ) : (
            <ItemForm
              key={index}
              kind={step.item}
              item={null}
              submitLabel="Enregistrer et continuer"
              onSaved={(i) => next(`« ${itemKinds[step.item].title(i.data)} » est ajouté à votre profil médical.`)}
            />
          )}
          <Button priority="tertiary" iconId="fr-icon-arrow-right-line" iconPosition="right" onClick={() => next(null)}>
            Passer cette étape
          </Button>
        </>
      ) : (
        <>
          <StepHeading>Votre profil médical est prêt</StepHeading>
          {saved && <Notice>{saved}</Notice>}
          <p>Vous pourrez le compléter à tout moment : vaccinations, mesures de santé, entourage et volontés…</p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button linkProps={{ to: '/profil-medical' }}>Accéder à mon profil médical</Button>
            </li>
            <li>
              <Button priority="secondary" linkProps={{ to: '/accueil' }}>
                Aller à l'accueil
              </Button>
            </li>
          </ul>
        </>
      )}
    </Page>
  );
}
