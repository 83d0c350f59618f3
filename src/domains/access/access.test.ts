import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeStorage } from '../../db/test-harness.js';
import { createTestWorkspace, startTestServer, type TestServer, type TestWorkspace } from '../../server/test-server.js';
import { canAssignRole, permissionsOfRole, permissionsOfScope } from './permissions.js';

test('roles and scopes grant what they should', () => {
  assert.ok(permissionsOfRole('owner').has('members:manage'));
  assert.ok(!permissionsOfRole('analyst').has('members:manage'));
  assert.ok(permissionsOfRole('analyst').has('surveys:write'));
  assert.ok(!permissionsOfRole('viewer').has('surveys:write'));
  assert.ok(!permissionsOfRole('agent').has('surveys:write'));
  assert.ok(permissionsOfScope('collect').has('responses:collect'));
  assert.ok(!permissionsOfScope('collect').has('responses:read'));
  assert.ok(!permissionsOfScope('read').has('responses:collect'));
  assert.ok(canAssignRole('admin', 'analyst'));
  assert.ok(!canAssignRole('admin', 'owner'));
  assert.ok(!canAssignRole('analyst', 'viewer'));
});

describeStorage('access', (ctx) => {
  let server: TestServer;
  let ws: TestWorkspace;
  before(async () => {
    server = await startTestServer(ctx.db);
    ws = await createTestWorkspace(ctx.db);
  });
  after(() => server.close());

  test('log in with a password, use the session, log out', async () => {
    const bad = await server.request('POST', '/api/v1/auth/login', { body: { email: ws.users.analyst.email, password: 'wrong' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'unauthorized');
    const unknown = await server.request('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'whatever' } });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.message, bad.body.error.message, 'the same answer whether or not the e-mail exists');

    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { email: ws.users.analyst.email.toUpperCase(), password: ws.users.analyst.password },
    });
    assert.equal(login.status, 200, login.text);
    const setCookie = login.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await server.request('GET', '/api/v1/me', { cookie });
    assert.equal(me.status, 200);
    assert.equal(me.body.role, 'analyst');
    assert.equal(me.body.workspace.id, ws.workspaceId);
    const keys = await server.request('GET', '/api/v1/api-keys', { cookie });
    assert.equal(keys.status, 403, 'analysts do not manage keys');

    const out = await server.request('POST', '/api/v1/auth/logout', { cookie });
    assert.equal(out.status, 204);
    const after = await server.request('GET', '/api/v1/me', { cookie });
    assert.equal(after.status, 401);
  });

  test('API keys are shown once, stored hashed and can be revoked', async () => {
    const created = await server.request('POST', '/api/v1/api-keys', { key: ws.keys.admin, body: { name: 'shop widget', scope: 'collect' } });
    assert.equal(created.status, 201);
    const secret: string = created.body.key;
    assert.match(secret, /^opk_/);
    const stored = await ctx.db.kysely.selectFrom('api_keys').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.key_hash, secret);
    assert.ok(!JSON.stringify(stored).includes(secret), 'the secret is not stored');
    const listed = await server.request('GET', '/api/v1/api-keys', { key: ws.keys.admin });
    assert.ok(!listed.text.includes(secret), 'the secret is never listed');

    const works = await server.request('GET', '/api/v1/surveys', { key: secret });
    assert.equal(works.status, 200);
    const revoked = await server.request('DELETE', `/api/v1/api-keys/${created.body.id}`, { key: ws.keys.admin });
    assert.equal(revoked.status, 204);
    const refused = await server.request('GET', '/api/v1/surveys', { key: secret });
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /revoked/);
    const malformed = await server.request('GET', '/api/v1/surveys', { headers: { authorization: 'Basic abc' } });
    assert.equal(malformed.status, 401);
  });

  test('members: admins add analysts, cannot make owners; the last owner stays', async () => {
    const login = await server.request('POST', '/api/v1/auth/login', { body: { email: ws.users.admin.email, password: ws.users.admin.password } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const added = await server.request('POST', '/api/v1/members', {
      cookie,
      body: { email: 'new.analyst@example.com', name: 'Ana', password: 'long-enough-password', role: 'analyst' },
    });
    assert.equal(added.status, 201, added.text);
    const owner = await server.request('POST', '/api/v1/members', { cookie, body: { email: 'x@example.com', password: 'long-enough-password', role: 'owner' } });
    assert.equal(owner.status, 403);
    const ownerLogin = await server.request('POST', '/api/v1/auth/login', { body: { email: ws.users.owner.email, password: ws.users.owner.password } });
    const ownerCookie = ownerLogin.headers.get('set-cookie')!.split(';')[0]!;
    const removeSelf = await server.request('DELETE', `/api/v1/members/${ws.users.owner.userId}`, { cookie: ownerCookie });
    assert.equal(removeSelf.status, 409);
    assert.match(removeSelf.body.error.message, /at least one owner/);
  });
});
