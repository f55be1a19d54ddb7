import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import {
  childCurveKinds,
  measureKinds,
  MeasureKind,
  type MeasureValue,
  type TypedMeasureKind,
} from '../../../../shared/src/measures.js';
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
import { useIntl, type IntlShape } from 'react-intl';
import { defineMessages } from '../../i18n/messages';
import { formatDay, formatMeasureValue, glucoseMomentLabels, measureLabels } from './itemFields';

const m = defineMessages({
  when: { id: 'medical.measures.when', defaultMessage: '{date} à {hours} h {minutes}' },
  pageTitle: { id: 'medical.measures.pageTitle', defaultMessage: 'Mesures de santé' },
  lead: {
    id: 'medical.measures.lead',
    defaultMessage: 'Poids, taille, tension… Ajoutez vos mesures et suivez leur évolution.',
  },
  bmiComputedOn: { id: 'medical.measures.bmiComputedOn', defaultMessage: 'Calculé automatiquement, {date}' },
  measuredOn: { id: 'medical.measures.measuredOn', defaultMessage: 'Le {when}' },
  bmiComputed: {
    id: 'medical.measures.bmiComputed',
    defaultMessage: 'Calculé automatiquement à partir de votre dernier poids et de votre dernière taille.',
  },
  noValue: { id: 'medical.measures.noValue', defaultMessage: 'Aucune valeur pour le moment.' },
  cardMenu: { id: 'medical.measures.cardMenu', defaultMessage: 'Menu de la mesure {measure}' },
  historyOf: { id: 'medical.measures.historyOf', defaultMessage: "Afficher l'historique : {measure}" },
  history: { id: 'medical.measures.history', defaultMessage: "Afficher l'historique" },
  addValueTo: { id: 'medical.measures.addValueTo', defaultMessage: 'Ajouter une valeur : {measure}' },
  addValue: { id: 'medical.measures.addValue', defaultMessage: 'Ajouter une valeur' },
  months: { id: 'medical.measures.months', defaultMessage: '{months, plural, other {# mois}}' },
  years: { id: 'medical.measures.years', defaultMessage: '{years} ans' },
  historyTitle: { id: 'medical.measures.historyTitle', defaultMessage: '{measure} — historique' },
  historyHeading: { id: 'medical.measures.historyHeading', defaultMessage: '{measure} : historique' },
  backToMeasures: { id: 'medical.measures.backToMeasures', defaultMessage: 'Retour aux mesures de santé' },
  bmiAbout: {
    id: 'medical.measures.bmiAbout',
    defaultMessage:
      "L'IMC est calculé automatiquement à partir de chaque poids et de la taille connue à cette date (poids en kg divisé par le carré de la taille en m). Il ne se saisit pas.",
  },
  edited: { id: 'medical.measures.edited', defaultMessage: 'Valeur modifiée : {value}.' },
  added: { id: 'medical.measures.added', defaultMessage: 'Valeur ajoutée : {value}.' },
  deleted: { id: 'medical.measures.deleted', defaultMessage: 'Valeur supprimée : {value}.' },
  period: { id: 'medical.measures.period', defaultMessage: 'Période affichée' },
  noValueInPeriod: {
    id: 'medical.measures.noValueInPeriod',
    defaultMessage: "Aucune valeur sur cette période. Choisissez d'autres dates, ou ajoutez une valeur.",
  },
  ageCurve: { id: 'medical.measures.ageCurve', defaultMessage: 'Courbe selon l’âge' },
  evolution: { id: 'medical.measures.evolution', defaultMessage: 'Évolution' },
  chartByAge: { id: 'medical.measures.chartByAge', defaultMessage: '{measure} selon l’âge' },
  chartDescription: {
    id: 'medical.measures.chartDescription',
    defaultMessage:
      '{count, plural, one {# valeur(s)} other {# valeur(s)}} ; la plus récente : {value} le {date}. Les valeurs sont détaillées dans le tableau qui suit.',
  },
  bloodPressureLines: {
    id: 'medical.measures.bloodPressureLines',
    defaultMessage: 'Trait plein : systolique ; pointillés : diastolique.',
  },
  tableCaption: { id: 'medical.measures.tableCaption', defaultMessage: 'Valeurs de {measure}' },
  dateColumn: { id: 'medical.measures.dateColumn', defaultMessage: 'Date' },
  ageColumn: { id: 'medical.measures.ageColumn', defaultMessage: 'Âge' },
  valueColumn: { id: 'medical.measures.valueColumn', defaultMessage: 'Valeur' },
  valueInColumn: { id: 'medical.measures.valueInColumn', defaultMessage: 'Valeur ({unit})' },
  momentColumn: { id: 'medical.measures.momentColumn', defaultMessage: 'Moment' },
  actionsColumn: { id: 'medical.measures.actionsColumn', defaultMessage: 'Actions' },
  editValue: { id: 'medical.measures.editValue', defaultMessage: 'Modifier la valeur {value} du {when}' },
  edit: { id: 'medical.measures.edit', defaultMessage: 'Modifier' },
  valueOf: { id: 'medical.measures.valueOf', defaultMessage: '{value} du {when}' },
  deleteValue: { id: 'medical.measures.deleteValue', defaultMessage: 'Supprimer la valeur {value}' },
  remove: { id: 'medical.measures.remove', defaultMessage: 'Supprimer' },
  confirmDelete: {
    id: 'medical.measures.confirmDelete',
    defaultMessage: 'Confirmer la suppression de la valeur {value}',
  },
  confirm: { id: 'medical.measures.confirm', defaultMessage: 'Confirmer' },
});

const kinds = Object.keys(measureKinds) as MeasureKind[];
/** « 1 mars 2025 à 08 h 30 ». */
const when = (intl: IntlShape, v: MeasureValue) =>
  intl.formatMessage(m.when, {
    date: formatDay(intl, v.measuredAt),
    hours: v.measuredAt.slice(11, 13),
    minutes: v.measuredAt.slice(14, 16),
  });

/**
 * « Mesures de santé »: a card per measure with its latest value, « Afficher l'historique », « Ajouter une valeur ».
 */
export function MeasuresPage() {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const { data, error } = useMedicalSummary(profile.id);
  const latest = data?.measures;
  return (
    <Page title={intl.formatMessage(m.pageTitle)} lead={intl.formatMessage(m.lead)}>
      <BackHome />
      <FormError error={shownError(error)} />
      <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ listStyle: 'none', padding: 0 }}>
        {kinds.map((kind) => {
          const v = latest?.find((x) => x.kind === kind);
          const measure = intl.formatMessage(measureLabels[kind]);
          const isBmi = kind === 'bmi';
          return (
            <li key={kind} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
              <div className="carnet-measure-card">
                <h2 className={fr.cx('fr-h6', 'fr-mb-1w')}>
                  <Link to={`/profil-medical/mesures/${kind}`}>{measure}</Link>
                </h2>
                {v ? (
                  <p className={fr.cx('fr-mb-1w')}>
                    <strong className="carnet-measure-value">{formatMeasureValue(intl, v)}</strong>
                    <br />
                    <span className={fr.cx('fr-text--sm')}>
                      {isBmi
                        ? intl.formatMessage(m.bmiComputedOn, { date: formatDay(intl, v.measuredAt) })
                        : intl.formatMessage(m.measuredOn, { when: when(intl, v) })}
                    </span>
                  </p>
                ) : (
                  <p className={fr.cx('fr-mb-1w', 'fr-text--sm')}>
                    {intl.formatMessage(isBmi ? m.bmiComputed : m.noValue)}
                  </p>
                )}
                <div
                  className="carnet-inline-buttons"
                  role="group"
                  aria-label={intl.formatMessage(m.cardMenu, { measure })}
                >
                  <Button
                    size="small"
                    priority="secondary"
                    linkProps={
                      {
                        to: `/profil-medical/mesures/${kind}`,
                        'aria-label': intl.formatMessage(m.historyOf, { measure }),
                      } as never
                    }
                  >
                    {intl.formatMessage(m.history)}
                  </Button>
                  {!isBmi && (
                    <Button
                      size="small"
                      priority="tertiary"
                      iconId="fr-icon-add-line"
                      linkProps={
                        {
                          to: `/profil-medical/mesures/${kind}?ajouter=1`,
                          'aria-label': intl.formatMessage(m.addValueTo, { measure }),
                        } as never
                      }
                    >
                      {intl.formatMessage(m.addValue)}
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
const ageLabel = (intl: IntlShape, months: number) =>
  months < 24
    ? intl.formatMessage(m.months, { months: Math.round(months) })
    : intl.formatMessage(m.years, { years: intl.formatNumber(months / 12, { maximumFractionDigits: 1 }) });
const dayLabel = (intl: IntlShape, ms: number) =>
  intl.formatDate(ms, { day: 'numeric', month: 'short', year: '2-digit' });

/**
 * A measure's history: a chart (against age for a child's weight, height and head circumference) and a table, with a
 * date range.
 */
export function MeasureHistoryPage() {
  const params = useParams();
  const kind = MeasureKind.parse(params.kind);
  const meta = measureKinds[kind];
  const intl = useIntl();
  const measure = intl.formatMessage(measureLabels[kind]);
  const isBmi = kind === 'bmi';
  const isGlucose = kind === 'glucose';
  const isBloodPressure = kind === 'bloodPressure';
  const value = (v: MeasureValue) => formatMeasureValue(intl, v);
  const [search, setSearch] = useSearchParams();
  const { profile } = useActiveProfile();
  const [range, setRange] = useState({ from: '', to: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<MeasureValue | null>(null);
  const adding = search.get('ajouter') === '1' && !isBmi;
  const { data, error } = useMeasureHistory(profile.id, kind, range);
  const changed = useMedicalChanged(profile.id);

  const values = data?.values ?? [];
  const ageYears = data ? ageMonths(data.birthDate, new Date().toISOString()) / 12 : 99;
  const againstAge = ageYears < 18 && childCurveKinds.includes(kind);
  const points = values.map((v) => ({
    x: againstAge ? ageMonths(data!.birthDate, v.measuredAt) : Date.parse(v.measuredAt.slice(0, 10)),
    y: isBloodPressure ? v.systolic! : v.value!,
    y2: isBloodPressure ? v.diastolic! : undefined,
  }));
  return (
    <Page
      title={intl.formatMessage(m.historyTitle, { measure })}
      heading={intl.formatMessage(m.historyHeading, { measure })}
    >
      <p>
        <Link
          to="/profil-medical/mesures"
          className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}
        >
          {intl.formatMessage(m.backToMeasures)}
        </Link>
      </p>
      {isBmi && <p>{intl.formatMessage(m.bmiAbout)}</p>}
      {notice && <Notice>{notice}</Notice>}
      {editing && (
        <MeasureForm
          key={editing.id}
          kind={kind as TypedMeasureKind}
          existing={editing}
          onSaved={(v) => {
            setEditing(null);
            setNotice(intl.formatMessage(m.edited, { value: value(v) }));
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {editing ? null : adding ? (
        <MeasureForm
          kind={kind as TypedMeasureKind}
          onSaved={(v) => {
            setNotice(intl.formatMessage(m.added, { value: value(v) }));
            setSearch({});
          }}
          onCancel={() => setSearch({})}
        />
      ) : (
        !isBmi && (
          <Button
            iconId="fr-icon-add-line"
            className={fr.cx('fr-mb-3w')}
            onClick={() => {
              setNotice(null);
              setSearch({ ajouter: '1' });
            }}
          >
            {intl.formatMessage(m.addValue)}
          </Button>
        )
      )}
      <form
        className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}
        aria-label={intl.formatMessage(m.period)}
        onSubmit={(e) => e.preventDefault()}
      >
        <DateRangeFields from={range.from} to={range.to} onChange={setRange} />
      </form>
      <FormError error={shownError(error)} />
      {data && !values.length && <p>{intl.formatMessage(m.noValueInPeriod)}</p>}
      {values.length > 0 && (
        <>
          <h2 className={fr.cx('fr-h5')}>{intl.formatMessage(againstAge ? m.ageCurve : m.evolution)}</h2>
          <Chart
            title={againstAge ? intl.formatMessage(m.chartByAge, { measure }) : measure}
            description={intl.formatMessage(m.chartDescription, {
              count: values.length,
              value: value(values[0]!),
              date: formatDay(intl, values[0]!.measuredAt),
            })}
            points={points}
            formatX={(x) => (againstAge ? ageLabel(intl, x) : dayLabel(intl, x))}
            formatY={(y) => intl.formatNumber(y, { maximumFractionDigits: 2 })}
          />
          {isBloodPressure && <p className={fr.cx('fr-text--sm')}>{intl.formatMessage(m.bloodPressureLines)}</p>}
          <DataTable
            caption={intl.formatMessage(m.tableCaption, { measure: measure.toLocaleLowerCase(intl.locale) })}
            hideCaption
          >
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(m.dateColumn)}</th>
                {againstAge && <th scope="col">{intl.formatMessage(m.ageColumn)}</th>}
                <th scope="col">
                  {meta.display
                    ? intl.formatMessage(m.valueInColumn, { unit: meta.display })
                    : intl.formatMessage(m.valueColumn)}
                </th>
                {isGlucose && <th scope="col">{intl.formatMessage(m.momentColumn)}</th>}
                {!isBmi && <th scope="col">{intl.formatMessage(m.actionsColumn)}</th>}
              </tr>
            </thead>
            <tbody>
              {values.map((v, i) => (
                <tr key={v.id ?? i}>
                  <td>{when(intl, v)}</td>
                  {againstAge && <td>{ageLabel(intl, ageMonths(data!.birthDate, v.measuredAt))}</td>}
                  <td>{value(v)}</td>
                  {isGlucose && <td>{v.moment ? intl.formatMessage(glucoseMomentLabels[v.moment]) : null}</td>}
                  {!isBmi && (
                    <td>
                      <div className="carnet-inline-buttons">
                        <Button
                          size="small"
                          priority="tertiary"
                          iconId="fr-icon-edit-line"
                          nativeButtonProps={{
                            'aria-label': intl.formatMessage(m.editValue, { value: value(v), when: when(intl, v) }),
                          }}
                          onClick={() => {
                            setNotice(null);
                            setSearch({});
                            setEditing(v);
                          }}
                        >
                          {intl.formatMessage(m.edit)}
                        </Button>
                        <DeleteValue
                          label={intl.formatMessage(m.valueOf, { value: value(v), when: when(intl, v) })}
                          onConfirm={() => medicalApi.removeMeasure(profile.id, kind as TypedMeasureKind, v.id!)}
                          onDeleted={() => {
                            setNotice(intl.formatMessage(m.deleted, { value: value(v) }));
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
  const intl = useIntl();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  if (!confirming)
    return (
      <Button
        size="small"
        priority="tertiary"
        iconId="fr-icon-delete-line"
        nativeButtonProps={{ 'aria-label': intl.formatMessage(m.deleteValue, { value: label }) }}
        onClick={() => setConfirming(true)}
      >
        {intl.formatMessage(m.remove)}
      </Button>
    );
  return (
    <>
      {error && <p className={fr.cx('fr-error-text')}>{error.localized(intl)}</p>}
      <Button
        size="small"
        disabled={busy}
        nativeButtonProps={{
          autoFocus: true,
          'aria-label': intl.formatMessage(m.confirmDelete, { value: label }),
        }}
        onClick={() =>
          run(async () => {
            await onConfirm();
            return true;
          }).then((ok) => ok && onDeleted())
        }
      >
        {intl.formatMessage(m.confirm)}
      </Button>
    </>
  );
}
