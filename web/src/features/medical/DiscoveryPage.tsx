import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import { itemKinds, type ItemKind } from '../../../../shared/src/medical.js';
import { Page } from '../../components/Page';
import { Notice, StepHeading } from '../../components/forms';
import { ItemForm } from './ItemSection';
import { MeasureForm } from './MeasureForm';
import './medical.css';
import { useIntl } from 'react-intl';
import { defineMessages, type Message } from '../../i18n/messages';

const m = defineMessages({
  // « Mon » + the measure's name in lower case, « Mes » + the list's heading in lower case, as they were built.
  weightStep: { id: 'medical.discovery.weightStep', defaultMessage: 'Mon poids' },
  heightStep: { id: 'medical.discovery.heightStep', defaultMessage: 'Ma taille' },
  conditionsStep: { id: 'medical.discovery.conditionsStep', defaultMessage: 'Mes maladies et sujets de santé' },
  treatmentsStep: { id: 'medical.discovery.treatmentsStep', defaultMessage: 'Mes traitements' },
  allergiesStep: { id: 'medical.discovery.allergiesStep', defaultMessage: 'Mes allergies' },
  weightSaved: { id: 'medical.discovery.weightSaved', defaultMessage: 'Poids enregistré.' },
  heightSaved: { id: 'medical.discovery.heightSaved', defaultMessage: 'Taille enregistrée.' },
  itemSaved: { id: 'medical.discovery.itemSaved', defaultMessage: '« {title} » est ajouté à votre profil médical.' },
  pageTitle: { id: 'medical.discovery.pageTitle', defaultMessage: 'Je découvre Mon espace santé' },
  lead: {
    id: 'medical.discovery.lead',
    defaultMessage: 'Quelques informations pour compléter votre profil médical. Chaque étape peut être passée.',
  },
  saveAndContinue: { id: 'medical.discovery.saveAndContinue', defaultMessage: 'Enregistrer et continuer' },
  skip: { id: 'medical.discovery.skip', defaultMessage: 'Passer cette étape' },
  ready: { id: 'medical.discovery.ready', defaultMessage: 'Votre profil médical est prêt' },
  later: {
    id: 'medical.discovery.later',
    defaultMessage: 'Vous pourrez le compléter à tout moment : vaccinations, mesures de santé, entourage et volontés…',
  },
  openProfile: { id: 'medical.discovery.openProfile', defaultMessage: 'Accéder à mon profil médical' },
  goHome: { id: 'medical.discovery.goHome', defaultMessage: "Aller à l'accueil" },
});

type Step = { measure: 'weight' | 'height' } | { item: Exclude<ItemKind, 'vaccinations' | 'contacts'> };
const steps: Step[] = [
  { measure: 'weight' },
  { measure: 'height' },
  { item: 'conditions' },
  { item: 'treatments' },
  { item: 'allergies' },
];
const stepTitles: Record<'weight' | 'height' | Exclude<ItemKind, 'vaccinations' | 'contacts'>, Message> = {
  weight: m.weightStep,
  height: m.heightStep,
  conditions: m.conditionsStep,
  treatments: m.treatmentsStep,
  allergies: m.allergiesStep,
};
const isMeasure = (s: Step): s is Extract<Step, { measure: unknown }> => 'measure' in s;
const stepTitle = (s: Step) => stepTitles[isMeasure(s) ? s.measure : s.item];

/**
 * The discovery journey right after activation (issue 5 § 6): weight, height, conditions, treatments,
 * allergies, one step each, every step skippable; what is entered lands in the medical profile.
 */
export function DiscoveryPage() {
  const intl = useIntl();
  const title = (s: Step) => intl.formatMessage(stepTitle(s));
  const [index, setIndex] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const next = (message: string | null) => {
    setSaved(message);
    setIndex((i) => i + 1);
  };
  const step = steps[index];
  return (
    <Page title={intl.formatMessage(m.pageTitle)} lead={intl.formatMessage(m.lead)}>
      {step ? (
        <>
          <Stepper
            currentStep={index + 1}
            stepCount={steps.length}
            title={title(step)}
            nextTitle={steps[index + 1] ? title(steps[index + 1]!) : undefined}
          />
          {saved && <Notice>{saved}</Notice>}
          {isMeasure(step) ? (
            <MeasureForm
              key={index}
              kind={step.measure}
              showDate={false}
              submitLabel={intl.formatMessage(m.saveAndContinue)}
              onSaved={() => next(intl.formatMessage(step.measure === 'height' ? m.heightSaved : m.weightSaved))}
            />
          ) : (
            <ItemForm
              key={index}
              kind={step.item}
              item={null}
              submitLabel={intl.formatMessage(m.saveAndContinue)}
              onSaved={(i) => next(intl.formatMessage(m.itemSaved, { title: itemKinds[step.item].title(i.data) }))}
            />
          )}
          <Button priority="tertiary" iconId="fr-icon-arrow-right-line" iconPosition="right" onClick={() => next(null)}>
            {intl.formatMessage(m.skip)}
          </Button>
        </>
      ) : (
        <>
          <StepHeading>{intl.formatMessage(m.ready)}</StepHeading>
          {saved && <Notice>{saved}</Notice>}
          <p>{intl.formatMessage(m.later)}</p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button linkProps={{ to: '/profil-medical' }}>{intl.formatMessage(m.openProfile)}</Button>
            </li>
            <li>
              <Button priority="secondary" linkProps={{ to: '/accueil' }}>
                {intl.formatMessage(m.goHome)}
              </Button>
            </li>
          </ul>
        </>
      )}
    </Page>
  );
}
