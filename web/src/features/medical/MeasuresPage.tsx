import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import {
  childCurveKinds,
  formatMeasure,
  glucoseMoments,
  measureKinds,
  MeasureKind,
  type MeasureValue,
  type TypedMeasureKind,
} from '../../../../shared/src/measures.js';
import { frenchDay } from '../../../../shared/src/medical-format.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError, Notice, useAction } from '../../components/forms';
import { medicalApi, useMeasureHistory, useMedicalChanged, useMedicalSummary } from './medical.api';
import { shownError } from '../../query';
import { DateRangeFields } from './controls';
import { DataTable } from './DataTable';
import { MeasureForm } from './MeasureForm';
import { Chart } from './Chart';
import { BackHome } from './BackHome';

const kinds = Object.keys(measureKinds) as MeasureKind[];
const when = (v: MeasureValue) => `${frenchDay(v.measuredAt)} à ${v.measuredAt.slice(11, 16).replace(':', ' h ')}`;

/**
 * « Mesures de santé »: a card per measure with its latest value, « Afficher l'historique », « Ajouter une valeur ».
 */
export function MeasuresPage() {
  const { profile } = useActiveProfile();
  const { data, error } = useMedicalSummary(profile.id);
  const latest = data?.measures;
  return (
    <Page title="Mesures de santé" lead="Poids, taille, tension… Ajoutez vos mesures et suivez leur évolution.">
      <BackHome />
      <FormError error={shownError(error)} />
      <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ listStyle: 'none', padding: 0 }}>
        {kinds.map((kind) => {
          const v = latest?.find((x) => x.kind === kind);
          const m = measureKinds[kind];
          return (
            <li key={kind} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
              <div className="carnet-measure-card">
                <h2 className={fr.cx('fr-h6', 'fr-mb-1w')}>
                  <Link to={`/profil-medical/mesures/${kind}`}>{m.label}</Link>
                </h2>
                {v ? (
                  <p className={fr.cx('fr-mb-1w')}>
                    <strong className="carnet-measure-value">{formatMeasure(v)}</strong>
                    <br />
                    <span className={fr.cx('fr-text--sm')}>
                      {kind === 'bmi' ? `Calculé automatiquement, ${frenchDay(v.measuredAt)}` : `Le ${when(v)}`}
                    </span>
                  </p>
                ) : (
                  <p className={fr.cx('fr-mb-1w', 'fr-text--sm')}>
                    {kind === 'bmi'
                      ? 'Calculé automatiquement à partir de votre dernier poids et de votre dernière taille.'
                      : 'Aucune valeur pour le moment.'}
                  </p>
                )}
                <div className="carnet-inline-buttons" role="group" aria-label={`Menu de la mesure ${m.label}`}>
                  <Button
                    size="small"
                    priority="secondary"
                    linkProps={
                      {
                        to: `/profil-medical/mesures/${kind}`,
                        'aria-label': `Afficher l'historique : ${m.label}`,
                      } as never
                    }
                  >
                    Afficher l'historique
                  </Button>
                  {kind !== 'bmi' && (
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-add-line"
                      linkProps={
                        {
                          to: `/profil-medical/mesures/${kind}?ajouter=1`,
                          'aria-label': `Ajouter une valeur : ${m.label}`,
                        } as never
                      }
                    >
                      Ajouter une valeur
                    </Button>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </Page>
  );
}

/** Age at a date, in months (children's curves). */
const ageMonths = (birthDate: string, at: string) =>
  (Date.parse(at.slice(0, 10)) - Date.parse(birthDate)) / (30.4375 * 86_400_000);
const ageLabel = (months: number) =>
  months < 24
    ? `${Math.round(months)} mois`
    : `${(months / 12).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ans`;
const dayLabel = (ms: number) =>
  new Date(ms).toLocaleDateString('fr-FR', { day: 'numeric', month: 'short', year: '2-digit' });

/**
 * A measure's history: a chart (against age for a child's weight, height and head circumference) and a table, with a
 * date range.
 */
export function MeasureHistoryPage() {
  const params = useParams();
  const kind = MeasureKind.parse(params.kind);
  const m = measureKinds[kind];
  const [search, setSearch] = useSearchParams();
  const { profile } = useActiveProfile();
  const [range, setRange] = useState({ from: '', to: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<MeasureValue | null>(null);
  const adding = search.get('ajouter') === '1' && kind !== 'bmi';
  const { data, error } = useMeasureHistory(profile.id, kind, range);
  const changed = useMedicalChanged(profile.id);

  const values = data?.values ?? [];
  const ageYears = data ? ageMonths(data.birthDate, new Date().toISOString()) / 12 : 99;
  const againstAge = ageYears < 18 && childCurveKinds.includes(kind);
  const points = values.map((v) => ({
    x: againstAge ? ageMonths(data!.birthDate, v.measuredAt) : Date.parse(v.measuredAt.slice(0, 10)),
    y: kind === 'bloodPressure' ? v.systolic! : v.value!,
    y2: kind === 'bloodPressure' ? v.diastolic! : undefined,
  }));
  const unit = m.display ? ` ${m.display}` : '';
  return (
    <Page title={`${m.label} — historique`} heading={`${m.label} : historique`}>
      <p>
        <Link
          to="/profil-medical/mesures"
          className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}
        >
          Retour aux mesures de santé
        </Link>
      </p>
      {kind === 'bmi' && (
        <p>
          L'IMC est calculé automatiquement à partir de chaque poids et de la taille connue à cette date (poids en kg
          divisé par le carré de la taille en m). Il ne se saisit pas.
        </p>
      )}
      {notice && <Notice>{notice}</Notice>}
      {editing && (
        <MeasureForm
          key={editing.id}
          kind={kind as TypedMeasureKind}
          existing={editing}
          onSaved={(v) => {
            setEditing(null);
            setNotice(`Valeur modifiée : ${formatMeasure(v)}.`);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {editing ? null : adding ? (
        <MeasureForm
          kind={kind as TypedMeasureKind}
          onSaved={(v) => {
            setNotice(`Valeur ajoutée : ${formatMeasure(v)}.`);
            setSearch({});
          }}
          onCancel={() => setSearch({})}
        />
      ) : (
        kind !== 'bmi' && (
          <Button
            iconId="fr-icon-add-line"
            className={fr.cx('fr-mb-3w')}
            onClick={() => {
              setNotice(null);
              setSearch({ ajouter: '1' });
            }}
          >
            Ajouter une valeur
          </Button>
        )
      )}
      <form
        className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}
        aria-label="Période affichée"
        onSubmit={(e) => e.preventDefault()}
      >
        <DateRangeFields from={range.from} to={range.to} onChange={setRange} />
      </form>
      <FormError error={shownError(error)} />
      {data && !values.length && (
        <p>Aucune valeur sur cette période. Choisissez d'autres dates, ou ajoutez une valeur.</p>
      )}
      {values.length > 0 && (
        <>
          <h2 className={fr.cx('fr-h5')}>{againstAge ? 'Courbe selon l’âge' : 'Évolution'}</h2>
          <Chart
            title={`${m.label}${againstAge ? ' selon l’âge' : ''}`}
            description={`${values.length} valeur(s) ; la plus récente : ${formatMeasure(values[0]!)} le ${frenchDay(values[0]!.measuredAt)}. Les valeurs sont détaillées dans le tableau qui suit.`}
            points={points}
            formatX={againstAge ? ageLabel : dayLabel}
            formatY={(y) => y.toLocaleString('fr-FR', { maximumFractionDigits: 2 })}
          />
          {kind === 'bloodPressure' && (
            <p className={fr.cx('fr-text--sm')}>Trait plein : systolique ; pointillés : diastolique.</p>
          )}
          <DataTable caption={`Valeurs de ${m.label.toLowerCase()}`} hideCaption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                {againstAge && <th scope="col">Âge</th>}
                <th scope="col">{`Valeur${unit ? ` (${m.display})` : ''}`}</th>
                {kind === 'glucose' && <th scope="col">Moment</th>}
                {kind !== 'bmi' && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {values.map((v, i) => (
                <tr key={v.id ?? i}>
                  <td>{when(v)}</td>
                  {againstAge && <td>{ageLabel(ageMonths(data!.birthDate, v.measuredAt))}</td>}
                  <td>{formatMeasure(v)}</td>
                  {kind === 'glucose' && <td>{v.moment ? glucoseMoments[v.moment] : ''}</td>}
                  {kind !== 'bmi' && (
                    <td>
                      <div className="carnet-inline-buttons">
                        <Button
                          size="small"
                          priority="tertiary"
                          iconId="fr-icon-edit-line"
                          nativeButtonProps={{ 'aria-label': `Modifier la valeur ${formatMeasure(v)} du ${when(v)}` }}
                          onClick={() => {
                            setNotice(null);
                            setSearch({});
                            setEditing(v);
                          }}
                        >
                          Modifier
                        </Button>
                        <DeleteValue
                          label={`${formatMeasure(v)} du ${when(v)}`}
                          onConfirm={() => medicalApi.removeMeasure(profile.id, kind as TypedMeasureKind, v.id!)}
                          onDeleted={() => {
                            setNotice(`Valeur supprimée : ${formatMeasure(v)}.`);
                            void changed();
                          }}
                        />
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </Page>
  );
}

/** « Supprimer » a value, then « Confirmer » in place (no modal to trap focus in a table cell). */
function DeleteValue({
  label,
  onConfirm,
  onDeleted,
}: {
  label: string;
  onConfirm(): Promise<void>;
  onDeleted(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  if (!confirming)
    return (
      <Button
        size="small"
        priority="tertiary"
        iconId="fr-icon-delete-line"
        nativeButtonProps={{ 'aria-label': `Supprimer la valeur ${label}` }}
        onClick={() => setConfirming(true)}
      >
        Supprimer
      </Button>
    );
  return (
    <>
      {error && <p className={fr.cx('fr-error-text')}>{error.message}</p>}
      <Button
        size="small"
        disabled={busy}
        nativeButtonProps={{ autoFocus: true, 'aria-label': `Confirmer la suppression de la valeur ${label}` }}
        onClick={() =>
          run(async () => {
            await onConfirm();
            return true;
          }).then((ok) => ok && onDeleted())
        }
      >
        Confirmer
      </Button>
    </>
  );
}
