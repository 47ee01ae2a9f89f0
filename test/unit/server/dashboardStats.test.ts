import { describe, expect, it } from 'vitest';
import { median, weekOf } from '../../../server/commands/admin/dashboardStats';

describe('dashboard helpers', () => {
  it('buckets a date into its ISO week (Monday, UTC)', () => {
    expect(weekOf(new Date('2026-11-28T12:00:00Z'))).toBe('2026-11-23'); // a Saturday
    expect(weekOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23'); // the Monday itself
    expect(weekOf(new Date('2026-11-29T23:59:59Z'))).toBe('2026-11-23'); // the Sunday
  });
  it('computes medians', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
