import { fr } from '@codegouvfr/react-dsfr';
import { FormattedMessage } from 'react-intl';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  unread: {
    id: 'messaging.unreadBadge.unread',
    defaultMessage: '{count, plural, one {# message non lu} other {# messages non lus}}',
  },
});

/** « Messagerie (2) » in the main menu: the count read out as « 2 messages non lus ». */
export function UnreadBadge({ text, unread }: { text: string; unread: number | null }) {
  if (!unread) return <>{text}</>;
  return (
    <>
      {text}
      {'\u00a0'}
      <span aria-hidden="true">({unread})</span>
      <span className={fr.cx('fr-sr-only')}>
        , <FormattedMessage {...m.unread} values={{ count: unread }} />
      </span>
    </>
  );
}
