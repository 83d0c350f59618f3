import assert from 'node:assert/strict';
import { test } from 'node:test';
import { close } from '../../metrics/test-utils.js';
import { meanWithMargin, promoterWorth, retentionFigures } from './math.js';

test('retention figures by hand', () => {
  // 10 customers; 4 bought, 1 of them twice or more; 6 purchases worth 300;
  // 5 bought in the previous period and 2 of them again now.
  const f = retentionFigures({ customers: 10, purchasers: 4, repeaters: 1, purchases: 6, revenue: 300, prevPurchasers: 5, retained: 2 });
  assert.deepEqual(f, { customers: 10, purchasers: 4, repeatPurchaseRate: 0.25, retention: 0.4, revenuePerCustomer: 30, purchasesPerCustomer: 0.6, revenue: 300 });
});

test('empty groups have no rates rather than zeros', () => {
  const f = retentionFigures({ customers: 0, purchasers: 0, repeaters: 0, purchases: 0, revenue: 0, prevPurchasers: 0, retained: 0 });
  assert.deepEqual([f.repeatPurchaseRate, f.retention, f.revenuePerCustomer, f.purchasesPerCustomer], [null, null, null, null]);
});

test('mean with its 95% margin by hand', () => {
  // Values 100, 0, 200: mean 100; Σx² = 50000; variance (50000 − 90000/3)/2 = 10000; sd 100;
  // margin 1.959964·100/√3 = 1.959964·57.735027 = 113.158573.
  const m = meanWithMargin({ n: 3, sum: 300, sumSq: 50_000 });
  close(m.mean, 100);
  close(m.sd, 100);
  close(m.marginOfError95, 113.158573, 1e-4);
  assert.deepEqual(meanWithMargin({ n: 1, sum: 40, sumSq: 1600 }), { n: 1, mean: 40, sd: null, marginOfError95: null });
  assert.equal(meanWithMargin({ n: 0, sum: 0, sumSq: 0 }).mean, null);
});

test('what a promoter is worth by hand', () => {
  // Promoters 100, 0, 200 (mean 100, sd 100); detractors 20, 40 (mean 30, sd √200 = 14.1421).
  // Ratio 100/30 = 3.3333; difference 70; margin 1.959964·√(10000/3 + 200/2) = 1.959964·58.5947 = 114.8435.
  const w = promoterWorth({ n: 3, sum: 300, sumSq: 50_000 }, { n: 2, sum: 60, sumSq: 2000 });
  close(w.ratio, 10 / 3);
  close(w.difference, 70);
  close(w.differenceMargin95, 114.8435, 1e-3);
  const noDetractorRevenue = promoterWorth({ n: 3, sum: 300, sumSq: 50_000 }, { n: 2, sum: 0, sumSq: 0 });
  assert.equal(noDetractorRevenue.ratio, null);
  assert.equal(noDetractorRevenue.difference, 100);
});
