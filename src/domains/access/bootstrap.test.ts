import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { bootstrapFirstWorkspace } from './bootstrap.js';
import { findApiKey, login } from './service.js';

describeStorage('first start', (ctx) => {
  test('a too-short bootstrap key is refused before anything is created', async () => {
    await assert.rejects(() => bootstrapFirstWorkspace(ctx.db.kysely, { apiKey: 'short' }), /at least 20/);
    const ws = await ctx.db.kysely.selectFrom('workspaces').select('id').execute();
    assert.equal(ws.length, 0);
  });

  test('creates the workspace, its owner and the given admin key, once', async () => {
    const apiKey = 'automation-key-0123456789abcdef';
    const result = await bootstrapFirstWorkspace(ctx.db.kysely, { apiKey });
    assert.ok(result);
    assert.equal(result.apiKey, undefined, 'a key from the environment is not echoed');
    assert.ok(result.password && result.password.length >= 12, 'a generated password is returned to print');
    const key = await findApiKey(ctx.db.kysely, apiKey);
    assert.equal(key?.scope, 'admin');
    assert.equal(key?.workspace_id, result.workspaceId);
    const session = await login(ctx.db.kysely, result.email, result.password);
    assert.equal(session.workspaces[0]?.role, 'owner');
    assert.equal(await bootstrapFirstWorkspace(ctx.db.kysely, {}), null, 'a second start changes nothing');
  });
});
