import { fr } from '@codegouvfr/react-dsfr';

/** « Messagerie (2) » in the main menu: the count read out as « 2 messages non lus ». */
export function UnreadBadge({ text, unread }: { text: string; unread: number | null }) {
  if (!unread) return <>{text}</>;
  return (
    <>
      {text}&nbsp;<span aria-hidden="true">({unread})</span>
      <span className={fr.cx('fr-sr-only')}>, {unread === 1 ? '1 message non lu' : `${unread} messages non lus`}</span>
    </>
  );
}
