import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erfc, incompleteBeta, logGamma, normalCdf, studentTCdf, twoSidedNormalP, twoSidedStudentP } from './special-functions.js';
import { close, closeRel, rng } from './test-utils.js';

test('normal CDF against tables (reference values from scipy.stats.norm)', () => {
  close(normalCdf(1.96), 0.9750021048517795, 1e-12);
  close(normalCdf(1.959963984540054), 0.975, 1e-12);
  close(normalCdf(0), 0.5, 1e-15);
  close(normalCdf(-1), 0.15865525393145707, 1e-12);
  close(normalCdf(2.5), 0.9937903346742238, 1e-12);
  // Far tails in relative terms: a p-value of 3e-7 must not come out as 0 or 1e-7.
  closeRel(normalCdf(-5), 2.866515718791933e-7, 1e-10);
  closeRel(twoSidedNormalP(6), 1.973175290075389e-9, 1e-10);
  close(twoSidedNormalP(1.959963984540054), 0.05, 1e-12);
  assert.equal(twoSidedNormalP(0), 1);
});

test('erfc and ln Γ at known points', () => {
  closeRel(erfc(1), 0.15729920705028513, 1e-12); // math.erfc(1)
  closeRel(erfc(4), 1.541725790028002e-8, 1e-11);
  close(erfc(-1), 2 - 0.15729920705028513, 1e-12);
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13); // Γ(½) = √π
  close(logGamma(1), 0, 1e-13);
  close(logGamma(10), Math.log(362880), 1e-12); // Γ(10) = 9!
  close(logGamma(0.1), Math.log(9.513507698668732), 1e-12);
  assert.throws(() => logGamma(0), RangeError);
});

test('incomplete beta: closed forms I_x(a, 1) = xᵃ and I_x(1, b) = 1 − (1 − x)ᵇ', () => {
  const next = rng(7);
  for (let i = 0; i < 200; i++) {
    const x = next();
    const a = 0.5 + 20 * next();
    close(incompleteBeta(x, a, 1), x ** a, 1e-12, `I_${x}(${a}, 1)`);
    close(incompleteBeta(x, 1, a), 1 - (1 - x) ** a, 1e-12, `I_${x}(1, ${a})`);
  }
  assert.equal(incompleteBeta(0, 2, 3), 0);
  assert.equal(incompleteBeta(1, 2, 3), 1);
});

test('Student t p-values: closed forms for 1 and 2 df', () => {
  // df = 1 is the Cauchy distribution: p = 1 − (2/π)·atan|t|; df = 2: p = 1 − |t|/√(t² + 2).
  const next = rng(11);
  for (let i = 0; i < 200; i++) {
    const t = (next() - 0.5) * 40;
    close(twoSidedStudentP(t, 1), 1 - (2 / Math.PI) * Math.atan(Math.abs(t)), 1e-12, `t=${t}, df=1`);
    close(twoSidedStudentP(t, 2), 1 - Math.abs(t) / Math.sqrt(t * t + 2), 1e-12, `t=${t}, df=2`);
  }
});

test('Student t p-values against tables (scipy.stats.t), fractional and huge df', () => {
  close(twoSidedStudentP(2.228138851986, 10), 0.05, 1e-9); // the 5% critical value of t(10)
  close(twoSidedStudentP(2.7764451051977934, 4), 0.05, 1e-9);
  closeRel(twoSidedStudentP(2, 4), 0.11611652351681556, 1e-12);
  closeRel(twoSidedStudentP(3.5, 10), 0.00572650542988521, 1e-12);
  closeRel(twoSidedStudentP(2, 17.776), 0.06101782268526098, 1e-12);
  closeRel(twoSidedStudentP(3.5, 30), 0.0014768074376442532, 1e-12);
  closeRel(twoSidedStudentP(3.5, 1000), 0.0004857743459678326, 1e-10);
  // Huge df (large Welch samples) tends to the normal: p(2, 1e6) = 0.0455005338…
  closeRel(twoSidedStudentP(2, 1e6), 0.04550053385131924, 1e-8);
  assert.equal(twoSidedStudentP(0, 5), 1);
  close(studentTCdf(-2, 4), 0.11611652351681556 / 2, 1e-12);
  close(studentTCdf(2, 4), 1 - 0.11611652351681556 / 2, 1e-12);
  assert.throws(() => twoSidedStudentP(1, 0), RangeError);
});
