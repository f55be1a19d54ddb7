import { useState, type ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { synthesisSections, type ItemKind, type SynthesisSection } from '../../../../shared/src/medical.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError } from '../../components/forms';
import { shownError } from '../../query';
import { NotFoundPage } from '../errors/NotFoundPage';
import { medicalApi, useMedicalSummary } from './medical.api';
import { ItemSection, kindText } from './ItemSection';
import { MeasureHistoryPage, MeasuresPage } from './MeasuresPage';
import { WishesPage } from './WishesPage';
import { CarePage } from './CarePage';
import { BackHome } from './BackHome';
import './medical.css';
import { useIntl } from 'react-intl';
import { defineMessages, type Message } from '../../i18n/messages';
import { formatDay, formatItemLine, formatMeasureValue, measureLabels } from './itemFields';

const m = defineMessages({
  elements: {
    id: 'medical.profile.elements',
    defaultMessage: '{count, plural, =0 {Aucun élément} one {# élément} other {# éléments}}',
  },
  contacts: {
    id: 'medical.profile.contacts',
    defaultMessage: '{count, plural, =0 {Aucun contact} one {# contact} other {# contacts}}',
  },
  pageTitle: { id: 'medical.profile.pageTitle', defaultMessage: 'Profil médical' },
  lead: {
    id: 'medical.profile.lead',
    defaultMessage:
      'Maladies, traitements, allergies, vaccinations, mesures de santé : complétez votre profil médical.',
  },
  measuresTitle: { id: 'medical.profile.measuresTitle', defaultMessage: 'Mesures de santé' },
  measuresCount: {
    id: 'medical.profile.measuresCount',
    defaultMessage:
      '{count, plural, =0 {Aucune mesure pour le moment} one {# mesure(s) renseignée(s)} other {# mesure(s) renseignée(s)}}',
  },
  measureLine: { id: 'medical.profile.measureLine', defaultMessage: '{measure} : {value} ({date})' },
  wishesTitle: { id: 'medical.profile.wishesTitle', defaultMessage: 'Entourage et volontés' },
  directivesWritten: { id: 'medical.profile.directivesWritten', defaultMessage: 'Directives anticipées rédigées' },
  noDirectives: { id: 'medical.profile.noDirectives', defaultMessage: 'Pas de directives anticipées' },
  donationSet: { id: 'medical.profile.donationSet', defaultMessage: "Position sur le don d'organes renseignée" },
  donationNotSet: {
    id: 'medical.profile.donationNotSet',
    defaultMessage: "Position sur le don d'organes non renseignée",
  },
  careTitle: { id: 'medical.profile.careTitle', defaultMessage: 'Historique de soins' },
  careCount: {
    id: 'medical.profile.careCount',
    defaultMessage:
      '{count, plural, =0 {Aucun soin pour le moment} other {# soin(s) remboursé(s), le dernier le {date}}}',
  },
  synthesisTitle: { id: 'medical.profile.synthesisTitle', defaultMessage: 'La synthèse' },
  synthesisAbout: {
    id: 'medical.profile.synthesisAbout',
    defaultMessage:
      'Un document PDF qui résume votre profil médical, à imprimer ou à transmettre à un professionnel de santé. Choisissez les rubriques :',
  },
  synthesisLegend: { id: 'medical.profile.synthesisLegend', defaultMessage: 'Rubriques de la synthèse' },
  downloadSynthesis: { id: 'medical.profile.download', defaultMessage: 'Télécharger la synthèse (PDF)' },
  chooseOne: { id: 'medical.profile.chooseOne', defaultMessage: 'Choisissez au moins une rubrique.' },
  // The synthesis' sections (shared synthesisSections, the PDF's headings).
  sectionMeasures: { id: 'medical.profile.section.measures', defaultMessage: 'Mesures de santé' },
  sectionWishes: { id: 'medical.profile.section.wishes', defaultMessage: 'Volontés' },
  sectionCare: { id: 'medical.profile.section.care', defaultMessage: 'Historique de soins' },
});

const sectionLabels: Record<SynthesisSection, Message> = {
  conditions: kindText.conditions.section,
  treatments: kindText.treatments.section,
  allergies: kindText.allergies.section,
  vaccinations: kindText.vaccinations.section,
  measures: m.sectionMeasures,
  contacts: kindText.contacts.section,
  wishes: m.sectionWishes,
  care: m.sectionCare,
};

/** Path segments of the list pages, in French. */
export const listPaths: Record<Exclude<ItemKind, 'contacts'>, string> = {
  conditions: 'maladies',
  treatments: 'traitements',
  allergies: 'allergies',
  vaccinations: 'vaccinations',
};

/** Path segments of the other pages, in French. */
const pagePaths = {
  measures: 'mesures',
  measureHistory: 'mesures/:kind',
  wishes: 'entourage-volontes',
  care: 'historique-soins',
};

/** « Profil médical » (R6) and its pages. */
export function MedicalProfilePage() {
  return (
    <Routes>
      <Route index element={<MedicalHome />} />
      {(Object.entries(listPaths) as [ItemKind, string][]).map(([kind, path]) => (
        <Route key={kind} path={path} element={<ListPage kind={kind} />} />
      ))}
      <Route path={pagePaths.measures} element={<MeasuresPage />} />
      <Route path={pagePaths.measureHistory} element={<MeasureHistoryPage />} />
      <Route path={pagePaths.wishes} element={<WishesPage />} />
      <Route path={pagePaths.care} element={<CarePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** « Cliquer ici pour retourner à la page d'accueil avec l'ensemble des options sur le profil médical ». */
function ListPage({ kind }: { kind: ItemKind }) {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage(kindText[kind].section)}>
      <BackHome />
      <ItemSection kind={kind} />
    </Page>
  );
}

function SectionCard({
  title,
  to,
  count,
  children,
}: {
  title: string;
  to: string;
  count?: string;
  children?: ReactNode;
}) {
  return (
    <li className={fr.cx('fr-col-12', 'fr-col-md-6')}>
      <div className="carnet-measure-card">
        <h2 className={fr.cx('fr-h5', 'fr-mb-1w')}>
          <Link to={to}>{title}</Link>
        </h2>
        {count && <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>{count}</p>}
        {children}
      </div>
    </li>
  );
}

/**
 * « J'arrive sur la page d'accueil de mon profil médical »: every section with its count and latest entries, and « la
 * synthèse ».
 */
function MedicalHome() {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const { data: s, error } = useMedicalSummary(profile.id);
  const latestLines = (kind: ItemKind) =>
    s && s.latest[kind].length > 0 ? (
      <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        {s.latest[kind].map((i) => (
          <li key={i.id}>{formatItemLine(intl, kind, i.data)}</li>
        ))}
      </ul>
    ) : null;
  const measured = s?.measures.filter((v) => v.kind !== 'bmi') ?? [];
  return (
    <Page title={intl.formatMessage(m.pageTitle)} lead={intl.formatMessage(m.lead)}>
      <FormError error={shownError(error)} />
      {s && (
        <ul
          className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-4w')}
          style={{ listStyle: 'none', padding: 0 }}
        >
          {(Object.entries(listPaths) as [ItemKind, string][]).map(([kind, path]) => (
            <SectionCard
              key={kind}
              title={intl.formatMessage(kindText[kind].section)}
              to={`/profil-medical/${path}`}
              count={intl.formatMessage(m.elements, { count: s.counts[kind] })}
            >
              {latestLines(kind)}
            </SectionCard>
          ))}
          <SectionCard
            title={intl.formatMessage(m.measuresTitle)}
            to="/profil-medical/mesures"
            count={intl.formatMessage(m.measuresCount, { count: measured.length })}
          >
            {s.measures.length > 0 && (
              <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                {s.measures.slice(0, 4).map((v) => (
                  <li key={v.kind}>
                    {intl.formatMessage(m.measureLine, {
                      measure: intl.formatMessage(measureLabels[v.kind]),
                      value: formatMeasureValue(intl, v),
                      date: formatDay(intl, v.measuredAt),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </SectionCard>
          <SectionCard
            title={intl.formatMessage(m.wishesTitle)}
            to="/profil-medical/entourage-volontes"
            count={intl.formatMessage(m.contacts, { count: s.counts.contacts })}
          >
            <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
              {!s.isMinor && <li>{intl.formatMessage(s.wishes.directives ? m.directivesWritten : m.noDirectives)}</li>}
              <li>{intl.formatMessage(s.wishes.donationStance ? m.donationSet : m.donationNotSet)}</li>
            </ul>
          </SectionCard>
          <SectionCard
            title={intl.formatMessage(m.careTitle)}
            to="/profil-medical/historique-soins"
            count={intl.formatMessage(m.careCount, { count: s.careCount, date: formatDay(intl, s.latestCare) })}
          />
        </ul>
      )}
      <Synthesis />
    </Page>
  );
}

/** « la synthèse »: the patient picks sections and downloads the PDF. */
function Synthesis() {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const all = Object.keys(synthesisSections) as SynthesisSection[];
  const [chosen, setChosen] = useState<SynthesisSection[]>(all);
  return (
    <section aria-labelledby="synthese" className="carnet-medical-form">
      <h2 id="synthese" className={fr.cx('fr-h4')}>
        {intl.formatMessage(m.synthesisTitle)}
      </h2>
      <p>{intl.formatMessage(m.synthesisAbout)}</p>
      <Checkbox
        legend={intl.formatMessage(m.synthesisLegend)}
        options={all.map((k) => ({
          label: intl.formatMessage(sectionLabels[k]),
          nativeInputProps: {
            name: 'synthese',
            value: k,
            checked: chosen.includes(k),
            onChange: (e) =>
              setChosen((c) =>
                e.target.checked ? all.filter((x) => x === k || c.includes(x)) : c.filter((x) => x !== k),
              ),
          },
        }))}
      />
      {chosen.length ? (
        <a
          className={fr.cx('fr-btn', 'fr-icon-download-line', 'fr-btn--icon-left')}
          href={medicalApi.synthesisUrl(profile.id, chosen)}
          download="synthese-profil-medical.pdf"
        >
          {intl.formatMessage(m.downloadSynthesis)}
        </a>
      ) : (
        <p className={fr.cx('fr-error-text')}>{intl.formatMessage(m.chooseOne)}</p>
      )}
    </section>
  );
}
