import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personalIdempotencyKey, signPersonalLink, verifyPersonalLink } from './personal-link.js';

const SURVEY = '7b0c3c1e-5a43-4b8e-9a55-1b2c3d4e5f60';
const now = new Date('2026-11-22T12:00:00Z');
const expiresAt = new Date('2026-12-22T12:00:00Z');

test('a signed link names its customer and survey, and nothing else passes', () => {
  const token = signPersonalLink('secret-a', { surveyId: SURVEY, customerId: 'C-42', expiresAt });
  assert.deepEqual(verifyPersonalLink('secret-a', token, SURVEY, now), { ok: true, customerId: 'C-42' });
  assert.deepEqual(verifyPersonalLink('secret-b', token, SURVEY, now), { ok: false, reason: 'invalid' }, 'another workspace\'s secret');
  assert.deepEqual(verifyPersonalLink('secret-a', token, '00000000-0000-4000-8000-000000000000', now), { ok: false, reason: 'invalid' });
  const [payload, sig] = token.split('.');
  const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('C-42', 'C-43')).toString('base64url');
  assert.equal(verifyPersonalLink('secret-a', `${forged}.${sig}`, SURVEY, now).ok, false, 'a changed customer breaks the signature');
  assert.equal(verifyPersonalLink('secret-a', 'garbage', SURVEY, now).ok, false);
  assert.deepEqual(verifyPersonalLink('secret-a', token, SURVEY, new Date('2026-12-23T00:00:00Z')), { ok: false, reason: 'expired' });
  assert.equal(personalIdempotencyKey(token), personalIdempotencyKey(token));
  assert.notEqual(personalIdempotencyKey(token), personalIdempotencyKey(signPersonalLink('secret-a', { surveyId: SURVEY, customerId: 'C-43', expiresAt })));
});
