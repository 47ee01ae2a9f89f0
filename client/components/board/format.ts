/** Small display helpers shared by the board's cards, header and forms. */
import type { ChallengeStatus, ChallengeSummary } from '../../../shared/schemas/challenge';
import type { Locale } from '../../../shared/roles';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Whole yuan as currency: ¥50,000 (no decimals; amounts are integers). */
export function formatCny(amount: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(amount);
}

/** The reward line of a card: the amount when there is one, else the description. */
export function rewardText(reward: ChallengeSummary['reward'], locale: Locale): string {
  return reward.amount !== null ? formatCny(reward.amount, locale) : reward.description;
}

/** Time left until `iso` in days and hours; both 0 once it has passed. */
export function timeLeft(iso: string, now = Date.now()): { ms: number; days: number; hours: number } {
  const ms = Math.max(0, new Date(iso).getTime() - now);
  return { ms, days: Math.floor(ms / DAY), hours: Math.floor((ms % DAY) / HOUR) };
}

/** Element Plus tag colour per status. */
export function statusType(status: ChallengeStatus): 'success' | 'warning' | 'primary' | 'info' | 'danger' {
  switch (status) {
    case 'open':
      return 'success';
    case 'reviewing':
      return 'warning';
    case 'solved':
      return 'primary';
    default:
      return 'info';
  }
}
