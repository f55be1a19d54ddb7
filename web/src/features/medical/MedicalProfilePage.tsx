import { useState, type ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { itemKinds, synthesisSections, type ItemKind, type SynthesisSection } from '../../../../shared/src/medical.js';
import { formatMeasure, measureKinds } from '../../../../shared/src/measures.js';
import { frenchDay, itemLine } from '../../../../shared/src/medical-format.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError } from '../../components/forms';
import { shownError } from '../../query';
import { NotFoundPage } from '../errors/NotFoundPage';
import { medicalApi, useMedicalSummary } from './medical.api';
import { ItemSection } from './ItemSection';
import { MeasureHistoryPage, MeasuresPage } from './MeasuresPage';
import { WishesPage } from './WishesPage';
import { CarePage } from './CarePage';
import { BackHome } from './BackHome';
import './medical.css';

/** Path segments of the list pages, in French. */
export const listPaths: Record<Exclude<ItemKind, 'contacts'>, string> = {
  conditions: 'maladies',
  treatments: 'traitements',
  allergies: 'allergies',
  vaccinations: 'vaccinations',
};

/** « Profil médical » (R6) and its pages. */
export function MedicalProfilePage() {
  return (
    <Routes>
      <Route index element={<MedicalHome />} />
      {(Object.entries(listPaths) as [ItemKind, string][]).map(([kind, path]) => (
        <Route key={kind} path={path} element={<ListPage kind={kind} />} />
      ))}
      <Route path="mesures" element={<MeasuresPage />} />
      <Route path="mesures/:kind" element={<MeasureHistoryPage />} />
      <Route path="entourage-volontes" element={<WishesPage />} />
      <Route path="historique-soins" element={<CarePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** « Cliquer ici pour retourner à la page d'accueil avec l'ensemble des options sur le profil médical ». */
function ListPage({ kind }: { kind: ItemKind }) {
  return (
    <Page title={itemKinds[kind].section}>
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

const plural = (n: number, one: string, many: string) => (n === 0 ? `Aucun ${one}` : `${n} ${n > 1 ? many : one}`);

/**
 * « J'arrive sur la page d'accueil de mon profil médical »: every section with its count and latest entries, and « la
 * synthèse ».
 */
function MedicalHome() {
  const { profile } = useActiveProfile();
  const { data: s, error } = useMedicalSummary(profile.id);
  const latestLines = (kind: ItemKind) =>
    s && s.latest[kind].length > 0 ? (
      <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        {s.latest[kind].map((i) => (
          <li key={i.id}>{itemLine(kind, i.data)}</li>
        ))}
      </ul>
    ) : null;
  const measured = s?.measures.filter((m) => m.kind !== 'bmi') ?? [];
  return (
    <Page
      title="Profil médical"
      lead="Maladies, traitements, allergies, vaccinations, mesures de santé : complétez votre profil médical."
    >
      <FormError error={shownError(error)} />
      {s && (
        <ul
          className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-4w')}
          style={{ listStyle: 'none', padding: 0 }}
        >
          {(Object.entries(listPaths) as [ItemKind, string][]).map(([kind, path]) => (
            <SectionCard
              key={kind}
              title={itemKinds[kind].section}
              to={`/profil-medical/${path}`}
              count={plural(s.counts[kind], 'élément', 'éléments')}
            >
              {latestLines(kind)}
            </SectionCard>
          ))}
          <SectionCard
            title="Mesures de santé"
            to="/profil-medical/mesures"
            count={measured.length ? `${measured.length} mesure(s) renseignée(s)` : 'Aucune mesure pour le moment'}
          >
            {s.measures.length > 0 && (
              <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                {s.measures.slice(0, 4).map((m) => (
                  <li
                    key={m.kind}
                  >{`${measureKinds[m.kind].label} : ${formatMeasure(m)} (${frenchDay(m.measuredAt)})`}</li>
                ))}
              </ul>
            )}
          </SectionCard>
          <SectionCard
            title="Entourage et volontés"
            to="/profil-medical/entourage-volontes"
            count={plural(s.counts.contacts, 'contact', 'contacts')}
          >
            <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
              {!s.isMinor && (
                <li>{s.wishes.directives ? 'Directives anticipées rédigées' : 'Pas de directives anticipées'}</li>
              )}
              <li>
                {s.wishes.donationStance
                  ? "Position sur le don d'organes renseignée"
                  : "Position sur le don d'organes non renseignée"}
              </li>
            </ul>
          </SectionCard>
          <SectionCard
            title="Historique de soins"
            to="/profil-medical/historique-soins"
            count={
              s.careCount
                ? `${s.careCount} soin(s) remboursé(s), le dernier le ${frenchDay(s.latestCare)}`
                : 'Aucun soin pour le moment'
            }
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
  const all = Object.keys(synthesisSections) as SynthesisSection[];
  const [chosen, setChosen] = useState<SynthesisSection[]>(all);
  return (
    <section aria-labelledby="synthese" className="carnet-medical-form">
      <h2 id="synthese" className={fr.cx('fr-h4')}>
        La synthèse
      </h2>
      <p>
        Un document PDF qui résume votre profil médical, à imprimer ou à transmettre à un professionnel de santé.
        Choisissez les rubriques :
      </p>
      <Checkbox
        legend="Rubriques de la synthèse"
        options={all.map((k) => ({
          label: synthesisSections[k],
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
          Télécharger la synthèse (PDF)
        </a>
      ) : (
        <p className={fr.cx('fr-error-text')}>Choisissez au moins une rubrique.</p>
      )}
    </section>
  );
}
