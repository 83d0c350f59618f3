import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addBusinessSeconds, businessSeconds, percentileCont, zonedTime, type BusinessCalendar } from './business-hours.js';

const WARSAW: BusinessCalendar = {
  timezone: 'Europe/Warsaw',
  hours: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '13:00'], ['14:00', '17:00']],
  },
  holidays: ['2026-11-11'],
};
const H = 3600;

test('zoned times follow summer time', () => {
  assert.equal(new Date(zonedTime('2026-01-15', '09:00', 'Europe/Warsaw')).toISOString(), '2026-01-15T08:00:00.000Z');
  assert.equal(new Date(zonedTime('2026-07-15', '09:00', 'Europe/Warsaw')).toISOString(), '2026-07-15T07:00:00.000Z');
  assert.equal(new Date(zonedTime('2026-03-29', '09:00', 'Europe/Bucharest')).toISOString(), '2026-03-29T06:00:00.000Z');
});

test('within one day, and nothing outside opening hours', () => {
  // Tuesday 10:00 → 12:30 Warsaw time (UTC+1 in November)
  assert.equal(businessSeconds(new Date('2026-11-17T09:00:00Z'), new Date('2026-11-17T11:30:00Z'), WARSAW), 2.5 * H);
  // Tuesday 18:00 → 20:00: closed
  assert.equal(businessSeconds(new Date('2026-11-17T17:00:00Z'), new Date('2026-11-17T19:00:00Z'), WARSAW), 0);
  assert.equal(businessSeconds(new Date('2026-11-17T19:00:00Z'), new Date('2026-11-17T17:00:00Z'), WARSAW), 0, 'end before start');
});

test('across a weekend and a lunch break', () => {
  // Friday 16:00 → Monday 10:00: Friday 1 h + Monday 1 h
  assert.equal(businessSeconds(new Date('2026-11-20T15:00:00Z'), new Date('2026-11-23T09:00:00Z'), WARSAW), 2 * H);
  // Friday 12:00 → 15:00 with 13–14 closed: 2 h
  assert.equal(businessSeconds(new Date('2026-11-20T11:00:00Z'), new Date('2026-11-20T14:00:00Z'), WARSAW), 2 * H);
});

test('a holiday counts nothing', () => {
  // Tuesday 10 Nov 16:00 → Thursday 12 Nov 10:00, Wednesday 11 Nov is a holiday: 1 h + 1 h
  assert.equal(businessSeconds(new Date('2026-11-10T15:00:00Z'), new Date('2026-11-12T09:00:00Z'), WARSAW), 2 * H);
});

test('across the change to summer time, opening hours stay on the wall clock', () => {
  // Friday 27 March 2026 16:00 CET → Monday 30 March 10:00 CEST (clocks went forward on Sunday)
  const start = new Date('2026-03-27T15:00:00Z');
  const end = new Date('2026-03-30T08:00:00Z');
  assert.equal(businessSeconds(start, end, WARSAW), 2 * H);
  // Calendar time is 65 h, not 66: the lost hour is in the night, not in business hours.
  assert.equal((end.getTime() - start.getTime()) / 1000, 65 * H);
});

test('percentiles interpolate like percentile_cont', () => {
  assert.equal(percentileCont([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(percentileCont([10], 0.9), 10);
  assert.ok(Math.abs(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)! - 9.1) < 1e-12);
  assert.equal(percentileCont([], 0.5), null);
});

test('a business-hours deadline skips nights, weekends, lunch, holidays and follows summer time', () => {
  const due = (start: string, hours: number) => addBusinessSeconds(new Date(start), hours * H, WARSAW)?.toISOString();
  // Tuesday 10:00 + 2 h = 12:00 the same day
  assert.equal(due('2026-11-17T09:00:00Z', 2), '2026-11-17T11:00:00.000Z');
  // Friday 12:00 + 2 h: 1 h before lunch, 1 h after → 15:00
  assert.equal(due('2026-11-20T11:00:00Z', 2), '2026-11-20T14:00:00.000Z');
  // Friday 16:00 + 2 h: 1 h on Friday, then Monday 09:00 + 1 h → Monday 10:00
  assert.equal(due('2026-11-20T15:00:00Z', 2), '2026-11-23T09:00:00.000Z');
  // Tuesday 10 Nov 16:00 + 2 h: Wednesday is a holiday → Thursday 10:00
  assert.equal(due('2026-11-10T15:00:00Z', 2), '2026-11-12T09:00:00.000Z');
  // Friday 27 March 16:00 CET + 2 h → Monday 30 March 10:00 CEST (08:00 UTC)
  assert.equal(due('2026-03-27T15:00:00Z', 2), '2026-03-30T08:00:00.000Z');
  // Saturday night: starts counting Monday 09:00
  assert.equal(due('2026-11-21T22:00:00Z', 0.5), '2026-11-23T08:30:00.000Z');
  // It is the inverse of businessSeconds
  const start = new Date('2026-11-18T14:17:00Z');
  const end = addBusinessSeconds(start, 13.25 * H, WARSAW)!;
  assert.equal(businessSeconds(start, end, WARSAW), 13.25 * H);
  assert.equal(addBusinessSeconds(start, 1, { timezone: 'UTC', hours: {} }), null, 'a calendar with no opening hours never falls due');
});
