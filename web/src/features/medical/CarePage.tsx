import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { euros, frenchDay } from '../../../../shared/src/medical-format.js';
import { Page } from '../../components/Page';
import { useActiveProfile } from '../../components/ActiveProfile';
import { FormError } from '../../components/forms';
import { shownError } from '../../query';
import { useCare } from './medical.api';
import { DateRangeFields } from './controls';
import { DataTable } from './DataTable';
import { BackHome } from './BackHome';

/** « Historique de soins »: reimbursed care imported by the Assurance Maladie, with filters. */
export function CarePage() {
  const { profile } = useActiveProfile();
  const [query, setQuery] = useState({ from: '', to: '', kind: '' });
  const { data, error } = useCare(profile.id, query);
  return (
    <Page title="Historique de soins" lead="Les soins et remboursements transmis par l'Assurance Maladie.">
      <BackHome />
      <form
        className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}
        aria-label="Filtrer les soins"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label="Type de soin"
            nativeSelectProps={{ value: query.kind, onChange: (e) => setQuery({ ...query, kind: e.target.value }) }}
          >
            <option value="">Tous les soins</option>
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
      {data && !data.events.length && (
        <p>Aucun soin pour le moment. Les soins remboursés par l'Assurance Maladie s'afficheront ici.</p>
      )}
      {data && data.events.length > 0 && (
        <DataTable caption={`${data.events.length} soin(s)`}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Soin</th>
              <th scope="col">Professionnel</th>
              <th scope="col">Montant</th>
              <th scope="col">Remboursé</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => (
              <tr key={e.id}>
                <td>{frenchDay(e.date)}</td>
                <td>{e.kind}</td>
                <td>{e.professional ?? ''}</td>
                <td>{euros(e.amount)}</td>
                <td>{euros(e.reimbursed)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}
