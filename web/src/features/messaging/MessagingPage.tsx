import { ComingSoon } from '../../components/Page';

/** « Messagerie » (R9): placeholder until the messaging feature lands. */
export function MessagingPage() {
  return <ComingSoon title="Messagerie" about="Vos échanges sécurisés avec les professionnels de santé." />;
}
