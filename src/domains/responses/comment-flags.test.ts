import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasComment } from './comment-flags.js';

test('a comment is non-blank text; scores and choices are not comments', () => {
  assert.equal(hasComment([{ type: 'nps', text: null }]), false);
  assert.equal(hasComment([{ type: 'text', text: '   ' }]), false);
  assert.equal(hasComment([{ type: 'nps', text: null }, { type: 'text', text: 'Źle' }]), true);
  assert.equal(hasComment([{ type: 'single_choice', text: null }]), false);
});
