import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError } from '../../components/forms';
import { shownError } from '../../query';
import { useCare } from './medical.api';
import { DateRangeFields } from './controls';
import { DataTable } from './DataTable';
import { BackHome } from './BackHome';
import { useIntl } from 'react-intl';
import { defineMessages } from '../../i18n/messages';
import { formatDay, formatEuros } from './itemFields';

const m = defineMessages({
  pageTitle: { id: 'medical.care.pageTitle', defaultMessage: 'Historique de soins' },
  lead: { id: 'medical.care.lead', defaultMessage: "Les soins et remboursements transmis par l'Assurance Maladie." },
  filter: { id: 'medical.care.filter', defaultMessage: 'Filtrer les soins' },
  kindLabel: { id: 'medical.care.kindLabel', defaultMessage: 'Type de soin' },
  allKinds: { id: 'medical.care.allKinds', defaultMessage: 'Tous les soins' },
  empty: {
    id: 'medical.care.empty',
    defaultMessage: "Aucun soin pour le moment. Les soins remboursés par l'Assurance Maladie s'afficheront ici.",
  },
  caption: { id: 'medical.care.caption', defaultMessage: '{count, plural, one {# soin(s)} other {# soin(s)}}' },
  dateColumn: { id: 'medical.care.dateColumn', defaultMessage: 'Date' },
  careColumn: { id: 'medical.care.careColumn', defaultMessage: 'Soin' },
  professionalColumn: { id: 'medical.care.professionalColumn', defaultMessage: 'Professionnel' },
  amountColumn: { id: 'medical.care.amountColumn', defaultMessage: 'Montant' },
  reimbursedColumn: { id: 'medical.care.reimbursedColumn', defaultMessage: 'Remboursé' },
});

/** « Historique de soins »: reimbursed care imported by the Assurance Maladie, with filters. */
export function CarePage() {
  const { profile } = useActiveProfile();
  const intl = useIntl();
  const [query, setQuery] = useState({ from: '', to: '', kind: '' });
  const { data, error } = useCare(profile.id, query);
  return (
    <Page title={intl.formatMessage(m.pageTitle)} lead={intl.formatMessage(m.lead)}>
      <BackHome />
      <form
        className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}
        aria-label={intl.formatMessage(m.filter)}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label={intl.formatMessage(m.kindLabel)}
            nativeSelectProps={{ value: query.kind, onChange: (e) => setQuery({ ...query, kind: e.target.value }) }}
          >
            <option value="">{intl.formatMessage(m.allKinds)}</option>
            {data?.kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </Select>
        </div>
        <DateRangeFields from={query.from} to={query.to} onChange={(r) => setQuery({ ...query, ...r })} />
      </form>
      <FormError error={shownError(error)} />
      {data && !data.events.length && <p>{intl.formatMessage(m.empty)}</p>}
      {data && data.events.length > 0 && (
        <DataTable caption={intl.formatMessage(m.caption, { count: data.events.length })}>
          <thead>
            <tr>
              <th scope="col">{intl.formatMessage(m.dateColumn)}</th>
              <th scope="col">{intl.formatMessage(m.careColumn)}</th>
              <th scope="col">{intl.formatMessage(m.professionalColumn)}</th>
              <th scope="col">{intl.formatMessage(m.amountColumn)}</th>
              <th scope="col">{intl.formatMessage(m.reimbursedColumn)}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => (
              <tr key={e.id}>
                <td>{formatDay(intl, e.date)}</td>
                <td>{e.kind}</td>
                <td>{e.professional ?? ''}</td>
                <td>{formatEuros(intl, e.amount)}</td>
                <td>{formatEuros(intl, e.reimbursed)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}
