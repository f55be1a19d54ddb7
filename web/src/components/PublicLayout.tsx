import { Outlet } from 'react-router';
import { Shell } from './Shell';

/** Layout of the pages anyone can see: the header offers « Connexion ». */
export function PublicLayout() {
  return (
    <Shell quickAccessItems={[{ iconId: 'fr-icon-account-circle-line', text: 'Connexion', linkProps: { to: '/connexion' } }]}>
      <Outlet />
    </Shell>
  );
}
