import type { IntlShape } from 'react-intl';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  longDate: { id: 'messaging.format.longDate', defaultMessage: 'le {day} à {time}' },
  kilobytes: { id: 'messaging.format.kilobytes', defaultMessage: '{size}\u00a0ko' },
  megabytes: { id: 'messaging.format.megabytes', defaultMessage: '{size}\u00a0Mo' },
});

/** « 28 mai » this year, « 09/12/20 » before (the seed's list). */
export function listDate(intl: IntlShape, iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (d.getFullYear() === now.getFullYear()) return intl.formatDate(d, { day: 'numeric', month: 'short' });
  return intl.formatDate(d, { day: '2-digit', month: '2-digit', year: '2-digit' });
}

/** « le 28 mai 2026 à 14:05 ». */
export function longDate(intl: IntlShape, iso: string): string {
  const d = new Date(iso);
  const day = intl.formatDate(d, { day: 'numeric', month: 'long', year: 'numeric' });
  const time = intl.formatTime(d, { hour: '2-digit', minute: '2-digit' });
  return intl.formatMessage(m.longDate, { day, time });
}

/** « 12 ko », « 1,5 Mo ». */
export function sizeLabel(intl: IntlShape, bytes: number): string {
  if (bytes < 1024 * 1024)
    return intl.formatMessage(m.kilobytes, {
      size: intl.formatNumber(Math.max(1, Math.round(bytes / 1024)), { useGrouping: false }),
    });
  return intl.formatMessage(m.megabytes, {
    size: intl.formatNumber(bytes / (1024 * 1024), {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      useGrouping: false,
    }),
  });
}
