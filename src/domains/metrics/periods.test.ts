import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, daysBetween, defaultInterval, periodStart, periodsBetween } from './periods.js';

test('periodStart follows ISO weeks (Monday) and calendar months', () => {
  assert.equal(periodStart('2026-11-22', 'week'), '2026-11-16'); // a Sunday belongs to the week of Monday 16th
  assert.equal(periodStart('2026-11-16', 'week'), '2026-11-16');
  assert.equal(periodStart('2026-11-22', 'month'), '2026-11-01');
  assert.equal(periodStart('2026-11-22', 'day'), '2026-11-22');
});

test('periodsBetween lists every period without gaps, across a leap day and a year end', () => {
  assert.deepEqual(periodsBetween('2024-02-27', '2024-03-01', 'day'), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  assert.deepEqual(periodsBetween('2025-11-15', '2026-02-03', 'month'), ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  assert.equal(periodsBetween('2025-01-01', '2025-12-31', 'day').length, 365);
  assert.equal(periodsBetween('2026-11-16', '2026-11-29', 'week').length, 2);
});

test('day arithmetic and default interval', () => {
  assert.equal(addDays('2026-03-28', 2), '2026-03-30'); // across the DST change in Europe: still whole days
  assert.equal(daysBetween('2026-01-01', '2026-12-31'), 364);
  assert.equal(defaultInterval('2026-01-01', '2026-03-31'), 'day');
  assert.equal(defaultInterval('2026-01-01', '2026-12-31'), 'week');
  assert.equal(defaultInterval('2024-01-01', '2026-12-31'), 'month');
});
