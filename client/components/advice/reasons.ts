import type { MatchReason } from '../../../shared/schemas/advice';
import { industryLabel } from '../../../shared/industryTable';
import { currentLocale, i18n } from '../../i18n';

/** One "why you" line per reason, in the UI language. */
export function reasonText(r: MatchReason): string {
  const { t } = i18n.global;
  const label = (code: string) => `${code} ${industryLabel(code, currentLocale.value)}`;
  switch (r.code) {
    case 'industry':
      return t('advice.offer.reason.industry', { request: label(r.request), advisor: label(r.advisor), level: t(`advice.offer.level.${r.level}`) });
    case 'topics':
      return t('advice.offer.reason.topics', { shared: r.shared.join('、') });
    case 'language':
      return t('advice.offer.reason.language', { language: r.language === 'en' ? 'English' : '中文' });
    case 'rating':
      return r.average === null ? t('advice.offer.reason.ratingNone') : t('advice.offer.reason.rating', { avg: r.average, count: r.count });
    case 'fairness': {
      const since = r.minutesSinceLast === null ? t('advice.offer.reason.never') : t('advice.offer.reason.minutes', { m: r.minutesSinceLast });
      return t('advice.offer.reason.fairness', { open: r.openSessions, capacity: r.capacity, since });
    }
  }
}

/** Seconds left until an ISO time, never negative. */
export const secondsLeft = (iso: string | null, now: number) => (iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : 0);
